// CSV encoding for the loader (PostgreSQL `COPY … FROM STDIN WITH (FORMAT csv, HEADER true)`)
// and the CLI. Pure: no fs here. Empty unquoted field = NULL; an empty string
// is written as "" so COPY keeps it distinct from NULL.

/** Column order of each table's CSV (the row fields, snake_case). */
export const TABLE_COLUMNS = {
  users: ['key', 'email', 'name', 'role'],
  products: ['id', 'external_id', 'name', 'description', 'tier', 'price', 'unit_cost', 'cost_share', 'modules', 'owner_key'],
  customers: [
    'id',
    'external_id',
    'name',
    'industry',
    'size_band',
    'employees',
    'region',
    'business_model',
    'acquisition_channel',
    'cac',
    'support_level',
    'first_seen',
    'email',
    'phone',
  ],
  hidden_types: ['customer_external_id', 'hidden_type'],
  deals: ['id', 'external_id', 'customer_id', 'product_id', 'opened_on', 'closed_on', 'status', 'amount'],
  transactions: ['id', 'external_id', 'customer_id', 'product_id', 'occurred_on', 'amount', 'quantity', 'discount', 'cost', 'type', 'overdue', 'order_id'],
  usage: ['customer_id', 'period', 'active_users', 'events', 'modules_used'],
  surveys: ['id', 'external_id', 'customer_id', 'answered_on', 'nps', 'csat', 'reason'],
  interviews: ['id', 'external_id', 'customer_id', 'interviewed_on', 'business_context', 'people_context', 'triggers', 'notes', 'jobs', 'outcome_ratings'],
  segments: ['key', 'name', 'description', 'behaviour_factor', 'owner_key', 'rule'],
  memberships: ['segment_key', 'customer_id', 'valid_from', 'valid_to'],
} as const satisfies Record<string, readonly string[]>;

export type TableName = keyof typeof TABLE_COLUMNS;

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: null → empty; arrays/objects → JSON (for jsonb / text[] via a cast). */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  if (s === '') return '""';
  return NEEDS_QUOTES.test(s) || s.trim() !== s ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (with the trailing newline) of `row`'s `columns`. */
export function csvLine(row: object, columns: readonly string[]): string {
  const r = row as Record<string, unknown>;
  let line = csvField(r[columns[0]]);
  for (let i = 1; i < columns.length; i++) line += ',' + csvField(r[columns[i]]);
  return line + '\n';
}

/** Header line followed by one line per row, lazily. */
export function* csvLines(rows: Iterable<object>, columns: readonly string[]): IterableIterator<string> {
  yield columns.join(',') + '\n';
  for (const row of rows) yield csvLine(row, columns);
}
