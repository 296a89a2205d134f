import type { DataSource } from 'typeorm';

/**
 * Rows of any statement (TypeORM's `query` answers UPDATE … RETURNING as
 * [rows, count]; this always answers rows).
 */
export async function sqlRows<T>(ds: DataSource, sql: string, params: unknown[] = []): Promise<T[]> {
  const qr = ds.createQueryRunner();
  try {
    const r = await qr.query(sql, params, true);
    return r.records as T[];
  } finally {
    await qr.release();
  }
}
