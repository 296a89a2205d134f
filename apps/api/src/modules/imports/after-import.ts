import type { EntityManager } from 'typeorm';
import type { ImportSource } from '@cxs/contracts';
import { refreshRollups } from '../pnl/rollups.js';

/**
 * THE call site for work that must happen inside an import's transaction
 * after its rows are merged: the P&L rollups (issue 7) of the customers the
 * file touched. Runs on the import's connection, so the staging table `stg`
 * (this file's valid rows) is visible here.
 */
export async function afterImportMerged(manager: EntityManager, source: ImportSource, importId: string): Promise<void> {
  if (source === 'transactions') {
    // The customers whose lines this file wrote, and the customers and dates those lines had before an update
    // (a corrected file may move a line to another customer or month). Only months from the earliest of
    // those dates can change, so the incremental refresh starts there; memberships are untouched by a billing import.
    const rows: { id: string; since: string }[] = await manager.query(
      `SELECT c.id::text AS id, MIN(s.occurred_on)::text AS since
         FROM stg s JOIN customers c ON c.external_id = s.customer_external_id WHERE NOT s.bad GROUP BY c.id
       UNION ALL
       SELECT before->>'customer_id' AS id, MIN(before->>'occurred_on') AS since
         FROM import_changes WHERE import_id = $1 AND table_name = 'transactions' GROUP BY 1`,
      [importId],
    );
    if (rows.length) {
      const since = rows.reduce((m, r) => (r.since < m ? r.since : m), rows[0].since);
      await refreshRollups(manager, { customerIds: [...new Set(rows.map((r) => r.id))], since });
    }
  } else if (source === 'customers') {
    // CAC and support level are the only customer columns the rollups read (acquisition cost, cost to serve).
    // Only customers this file updated and whose CAC or support level changed need their rollups again:
    // a nightly CRM export re-imports every customer, and refreshing all of them rebuilt the whole P&L inside
    // the import's transaction. A new customer has no transactions yet, hence no rollup rows (a placeholder
    // "not in CRM" that the file completes is an update, with its before-image in import_changes).
    const rows: { id: string }[] = await manager.query(
      `SELECT c.id::text AS id FROM import_changes ch JOIN customers c ON c.id = ch.row_id
       WHERE ch.import_id = $1 AND ch.table_name = 'customers'
         AND ((ch.before->>'cac')::numeric IS DISTINCT FROM c.cac OR ch.before->>'support_level' IS DISTINCT FROM c.support_level)`,
      [importId],
    );
    if (rows.length) await refreshRollups(manager, { customerIds: rows.map((r) => r.id) });
  } else if (source === 'products') {
    // Unit cost and cost share change the cost of goods of every customer who bought the product.
    await refreshRollups(manager, { all: true });
  }
}

/** After an undo: the rows are gone or restored; rebuild what they fed. */
export async function afterImportUndone(manager: EntityManager, source: ImportSource): Promise<void> {
  if (source === 'transactions' || source === 'customers' || source === 'products') await refreshRollups(manager, { all: true });
}
