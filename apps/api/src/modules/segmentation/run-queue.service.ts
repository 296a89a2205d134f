import { Worker } from 'node:worker_threads';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { compiledWorkerFile } from '../../common/worker-file.js';
import { ImportQueueService } from '../imports/import-queue.service.js';

export const RUN_QUEUE = 'segmentation-runs';
/** The run worker's young generation in MiB (see ADR 0010); CXS_RUN_YOUNG_GENERATION_MB=0 leaves V8's default (for comparisons). */
export const RUN_WORKER_YOUNG_GENERATION_MB = Math.max(0, Number(process.env.CXS_RUN_YOUNG_GENERATION_MB ?? 8) || 0);

/**
 * Segmentation runs as pg-boss jobs (the product's one pg-boss instance, owned
 * by the imports queue), one at a time, each executed in a worker thread with
 * its own database connection so clustering never blocks the API. The run row
 * is the source of truth for status and progress; the job only carries its id.
 * On start, runs caught mid-flight by a crash or restart are marked failed with
 * the reason (their results were never committed) and queued runs get a job.
 */
@Injectable()
export class RunQueueService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('RunQueue');
  private timer: NodeJS.Timeout | null = null;
  private current: { runId: string; worker: Worker } | null = null;
  private workerId: string | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: ImportQueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.db.query(
      `UPDATE segmentation_runs
       SET status = 'failed', finished_at = now(),
           error = 'Interrupted: the API stopped (crash or restart) while the run was ' || replace(status, '_', ' ') || '. Nothing was saved; run it again.'
       WHERE status IN ('computing_features', 'clustering', 'saving')`,
    );
    const boss = this.jobs.jobs();
    await boss.createQueue(RUN_QUEUE, { name: RUN_QUEUE, retryLimit: 0, expireInHours: 6 });
    this.workerId = await boss.work<{ runId: string }>(RUN_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      await this.execute(job.data.runId);
    });
    const queued: { id: string }[] = await this.db.query(`SELECT id::text AS id FROM segmentation_runs WHERE status = 'queued' AND NOT cancel_requested ORDER BY id`);
    for (const r of queued) await this.enqueue(r.id);
    this.timer = setInterval(() => void this.enqueueScheduled().catch((err) => !this.stopped && this.log.error(`schedule tick failed: ${(err as Error).message}`)), 30_000);
    this.timer.unref();
    void this.enqueueScheduled().catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.current) await this.current.worker.terminate();
  }

  /** One job per run (the singleton key keeps a run from being queued twice). */
  async enqueue(runId: string): Promise<void> {
    const boss = this.jobs.jobs();
    await boss.send(RUN_QUEUE, { runId }, { retryLimit: 0, singletonKey: `run-${runId}` });
    if (this.workerId) boss.notifyWorker(this.workerId);
  }

  isRunning(runId: string): boolean {
    return this.current?.runId === runId;
  }

  /** Stops the worker of a run (cancel). The uncommitted results transaction dies with its connection. */
  async stop(runId: string): Promise<void> {
    if (this.current?.runId !== runId) return;
    await this.current.worker.terminate();
    await this.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [`cx-stream-run-${runId}`]).catch(() => undefined);
  }

  /** Claims the run (queued → computing features) and runs it in a worker thread until it reports or exits. */
  private async execute(runId: string): Promise<void> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [claimed]: [{ id: string }[], number] = await this.db.query(
      `UPDATE segmentation_runs SET status = 'computing_features', progress = 1, started_at = now() WHERE id = $1 AND status = 'queued' AND NOT cancel_requested RETURNING id`,
      [runId],
    );
    if (claimed.length === 0) return; // cancelled or already handled
    const url = (this.db.options as { url: string }).url;
    // A small young generation: the COPY parsing's short-lived strings are collected often instead of
    // growing the worker's heap (issue #5: the API must stay under 1 GiB RSS during a 1M-customer run).
    // The old generation is not capped: it holds the run's ids and attributes, which grow with the customers.
    const worker = new Worker(compiledWorkerFile(import.meta.url, 'run.worker.js', 'run worker'), { workerData: { databaseUrl: url, runId }, ...(RUN_WORKER_YOUNG_GENERATION_MB ? { resourceLimits: { maxYoungGenerationSizeMb: RUN_WORKER_YOUNG_GENERATION_MB } } : {}) });
    this.current = { runId, worker };
    const outcome = await new Promise<{ ok: boolean; cancelled?: boolean; message?: string }>((resolve) => {
      worker.once('message', resolve);
      worker.once('error', (err) => resolve({ ok: false, message: `The run's worker crashed: ${err.message}` }));
      worker.once('exit', (code) => resolve({ ok: false, message: `The run's worker stopped (exit code ${code}).` }));
    });
    this.current = null;
    if (this.stopped) return;
    if (outcome.cancelled) {
      await this.db.query(`UPDATE segmentation_runs SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status <> 'succeeded'`, [runId]);
    } else if (!outcome.ok) {
      await this.db.query(
        `UPDATE segmentation_runs SET status = CASE WHEN cancel_requested THEN 'cancelled' ELSE 'failed' END, error = CASE WHEN cancel_requested THEN NULL ELSE $2 END, finished_at = now()
         WHERE id = $1 AND status <> 'succeeded'`,
        [runId, outcome.message ?? 'The run stopped unexpectedly.'],
      );
    }
  }

  /** Monthly schedules: a model whose next run date has come gets a run as of the last day of the previous month. */
  private async enqueueScheduled(): Promise<void> {
    const created = await this.db.transaction(async (m) => {
      const due: { id: string; version_id: string; spec: { lookbackMonths: number; seed?: number }; kind: string; as_of: string }[] = await m.query(
        `SELECT sm.id::text AS id, v.id::text AS version_id, v.spec, sm.kind, to_char(date_trunc('month', sm.next_run_on) - interval '1 day', 'YYYY-MM-DD') AS as_of
         FROM segmentation_models sm
         JOIN LATERAL (SELECT id, spec FROM segmentation_model_versions WHERE model_id = sm.id ORDER BY version DESC LIMIT 1) v ON TRUE
         WHERE sm.schedule = 'monthly' AND sm.status = 'active' AND sm.next_run_on <= CURRENT_DATE
         FOR UPDATE OF sm SKIP LOCKED`,
      );
      const ids: string[] = [];
      for (const d of due) {
        const [row] = await m.query(
          `INSERT INTO segmentation_runs (model_id, model_version_id, kind, trigger, as_of, lookback_months, seed)
           VALUES ($1, $2, $3, 'schedule', $4, $5, $6) RETURNING id::text AS id`,
          [d.id, d.version_id, d.kind, d.as_of, d.spec.lookbackMonths, d.spec.seed ?? 42],
        );
        ids.push(row.id);
        await m.query(`UPDATE segmentation_models SET next_run_on = (next_run_on + interval '1 month')::date WHERE id = $1`, [d.id]);
      }
      return ids;
    });
    for (const id of created) await this.enqueue(id);
  }
}
