import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthResponse } from '@cxs/contracts';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../auth/public.decorator.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** 200 when the database answers and every migration has run; 503 otherwise. */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    let database: HealthResponse['database'] = 'up';
    let pending: string[] = [];
    try {
      await this.db.query('SELECT 1');
      const done = new Set<string>((await this.db.query('SELECT name FROM migrations')).map((r: { name: string }) => r.name));
      pending = this.db.migrations.map((m) => m.name ?? m.constructor.name).filter((n) => !done.has(n));
    } catch {
      database = 'down';
    }
    const ok = database === 'up' && pending.length === 0;
    if (!ok) res.status(503);
    return { status: ok ? 'ok' : 'degraded', database, migrations: pending.length ? 'pending' : 'current', pendingMigrations: pending, version: '0.1.0' };
  }
}
