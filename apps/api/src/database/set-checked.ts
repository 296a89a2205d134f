/**
 * Inserts whose foreign keys are checked once for the whole set instead of by an RI trigger per row (ADR 0009):
 * the caller locks the referenced rows FOR KEY SHARE in one statement (what each trigger would have done), then runs
 * the insert with `session_replication_role = replica`, which skips triggers for that one statement. The constraints
 * stay declared and keep guarding every other writer. Used by the import merge and by the feature snapshot.
 */

/** Runs SQL and answers the rows (a pg client's `.rows`, or a TypeORM manager's result). */
export type RowQuery = (sql: string, params?: unknown[]) => Promise<any[]>;

/** How an insert's foreign keys were checked: set-wise, by the per-row triggers, or not at all (nothing inserted). */
export type ReferenceCheck = 'set' | 'row-triggers' | 'none';

/**
 * True when skipping `table`'s triggers is permitted and provably equivalent: the role may set
 * session_replication_role (a superuser, or — PostgreSQL 15+ — a role granted `SET ON PARAMETER
 * session_replication_role`), the table's only foreign keys are the single-column ones in `expected`
 * ("column>referenced_table", the ones the caller locks) and it has no trigger other than the RI ones.
 */
export async function maySkipRowTriggers(query: RowQuery, table: string, expected: readonly string[]): Promise<boolean> {
  const [info] = await query(
    `SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) OR has_parameter_privilege('session_replication_role', 'SET') AS may_skip,
            (SELECT count(*)::int FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
              WHERE k.conrelid = $1::regclass AND k.contype = 'f'
                AND (cardinality(k.conkey) <> 1 OR NOT (a.attname || '>' || k.confrelid::regclass::text = ANY($2::text[])))) AS other_fks,
            (SELECT count(*)::int FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal) AS user_triggers`,
    [table, expected],
  );
  return Boolean(info.may_skip) && info.other_fks === 0 && info.user_triggers === 0;
}

/** Runs `insert` with triggers skipped; call only after maySkipRowTriggers and after locking the referenced rows. */
export async function withoutRowTriggers<T>(query: RowQuery, insert: () => Promise<T>): Promise<T> {
  await query(`SET LOCAL session_replication_role = replica`);
  // On an error the transaction is aborted and its rollback undoes the SET LOCAL.
  const out = await insert();
  await query(`SET LOCAL session_replication_role = origin`);
  return out;
}

/**
 * Takes, in one statement, the FOR KEY SHARE locks the RI triggers would take one row at a time: on every row of
 * `from` (a FROM clause, with its own joins and conditions) of the table aliased `alias`. Answers how many rows
 * were locked, so a caller can tell whether a referenced row is gone. The count wraps the locking query in a CTE:
 * row locks are not allowed with an aggregate in the same SELECT.
 */
export async function lockForKeyShare(query: RowQuery, alias: string, from: string): Promise<number> {
  const [r] = await query(`WITH l AS (SELECT 1 FROM ${from} FOR KEY SHARE OF ${alias}) SELECT COUNT(*)::int AS n FROM l`);
  return r.n;
}
