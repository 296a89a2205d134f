import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../src/database/data-source.js';
import { adminQuery, dropDatabase, serverUrl } from './db.js';

/** Migrations are the schema: entities must agree with them, and every migration must go down and up again. */
describe('migrations', () => {
  const name = `cxs_test_schema_${process.pid}`;
  beforeAll(async () => {
    await dropDatabase(name);
    await adminQuery(`CREATE DATABASE "${name}"`);
  });
  afterAll(async () => dropDatabase(name));

  it('run up, agree with the entities (generate → no diff), go all the way down and up again', async () => {
    const ds = createDataSource(serverUrl(name));
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      expect(applied.length).toBe(ds.migrations.length);
      const diff = await ds.driver.createSchemaBuilder().log();
      expect(diff.upQueries.map((q) => q.query)).toEqual([]);
      for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      // TypeORM's own bookkeeping tables stay: `migrations`, and `typeorm_metadata` (its runner creates it for entities with generated columns).
      const tables = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT IN ('migrations', 'typeorm_metadata')`);
      expect(tables).toEqual([]);
      await ds.runMigrations({ transaction: 'each' });
      expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
