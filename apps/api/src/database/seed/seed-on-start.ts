import path from 'node:path';
import pg from 'pg';
import type { AppConfig } from '../../config/config.js';
import { hashPassword } from '../../auth/password.js';
import { loadDemoCompany } from './demo-loader.js';

/**
 * First start only: with the demo on, load the demo company; with --no-demo,
 * create the first admin from CXS_ADMIN_EMAIL/CXS_ADMIN_PASSWORD (never a
 * default password) or say how to.
 */
export async function seedOnStart(config: AppConfig, url: string, log: (s: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM users');
    if (rows[0].n > 0) return;
    if (config.demo) {
      log(`loading the demo company (${config.demoCustomers} customers, seed ${config.demoSeed})…`);
      const t = Date.now();
      const counts = await loadDemoCompany(client, {
        customers: config.demoCustomers,
        seed: config.demoSeed,
        hiddenTypesFile: path.join(config.dataDir, 'demo-hidden-types.csv'),
      });
      log(`demo company loaded in ${((Date.now() - t) / 1000).toFixed(1)} s: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
      return;
    }
    if (config.bootstrapAdmin) {
      await client.query(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Administrator', 'admin', $2)`, [
        config.bootstrapAdmin.email,
        await hashPassword(config.bootstrapAdmin.password),
      ]);
      log(`created the first admin ${config.bootstrapAdmin.email}`);
      return;
    }
    log('no users yet: set CXS_ADMIN_EMAIL and CXS_ADMIN_PASSWORD and restart, or run `pnpm cxs create-admin --email you@company.com`');
  } finally {
    await client.end();
  }
}
