import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { afterImportMerged } from './after-import.js';
import { runImport } from './import-runner.js';

export const IMPORT_QUEUE = 'imports';

/**
 * Background imports on pg-boss, in the product's own PostgreSQL (schema
 * `pgboss`, created by pg-boss itself: docs/adr/0005). One worker, one import
 * at a time. On start, imports left running by a process that died are
 * marked failed: their transaction never committed, so nothing was kept.
 */
@Injectable()
export class ImportQueueService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('imports');
  private boss: PgBoss | null = null;
  private workerId: string | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ds.query(
      `UPDATE imports SET status = 'failed', finished_at = now(),
         error = 'The server stopped while this import was ' || CASE status WHEN 'merging' THEN 'merging' ELSE 'running' END || '; its transaction was rolled back, so nothing from this file was kept. Start it again.'
       WHERE status IN ('running', 'merging')`,
    );
    const url = (this.ds.options as { url?: string }).url;
    this.boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 3, application_name: 'cx-stream-jobs', supervise: true, schedule: false });
    this.boss.on('error', (err) => this.log.error(err));
    await this.boss.start();
    await this.boss.createQueue(IMPORT_QUEUE, { name: IMPORT_QUEUE, retryLimit: 0, expireInHours: 6 });
    this.workerId = await this.boss.work<{ importId: string }>(IMPORT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      await runImport(this.ds, this.audit, job.data.importId, { afterMerge: afterImportMerged });
    });
    // Imports queued before a restart are still in pg-boss and run now.
  }

  /** The product's one pg-boss instance (started in onApplicationBootstrap), for other modules' queues. */
  jobs(): PgBoss {
    if (!this.boss) throw new Error('job queue is not running');
    return this.boss;
  }

  async enqueue(importId: string): Promise<void> {
    if (!this.boss) throw new Error('job queue is not running');
    await this.boss.send(IMPORT_QUEUE, { importId }, { retryLimit: 0 });
    if (this.workerId) this.boss.notifyWorker(this.workerId);
  }

  async onModuleDestroy(): Promise<void> {
    await this.boss?.stop({ graceful: false, wait: true, timeout: 2000 }).catch(() => undefined);
    this.boss = null;
  }
}
