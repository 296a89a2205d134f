import type { ImportFieldDto, ImportFormat, ImportMapping, ImportSource, ImportSourceDto } from '@cxs/contracts';
import { parseDate, parseNumber } from './format.js';

export type FieldType = ImportFieldDto['type'];

export interface FieldDef {
  key: string;
  type: FieldType;
  required?: boolean;
  values?: readonly string[];
  /** Header names this field is recognised by (English and Russian), compared after normalising. */
  aliases: string[];
  /** For text: longest accepted value. */
  maxLength?: number;
  min?: number;
  max?: number;
  /** Dates that cannot lie in the future (beyond one day of tolerance for time zones). */
  notFuture?: boolean;
  /** SQL type of the staging column. */
  sql: string;
}

/**
 * Where a source's rows go. `exprs` are SQL over the staging row `s` and the
 * joined references `c` (customer), `p` (product), `u` (owner), giving each
 * target column; `key` names the target columns that identify a row.
 */
export interface SourceDef {
  source: ImportSource;
  table: string;
  fields: FieldDef[];
  key: string[];
  /** staging fields forming the key, for duplicate detection inside one file */
  stagingKey: string[];
  customer?: 'required' | 'optional' | 'placeholder';
  product?: boolean;
  owner?: boolean;
  exprs: Record<string, string>;
  /** Extra SET on update that does not count as a change. */
  touch?: string;
}

/** The longest value of any single field (a 10 MB cell is an error, not a row). */
export const MAX_FIELD_CHARS = 100_000;

const t = (key: string, aliases: string[], extra: Partial<FieldDef> = {}): FieldDef => ({
  key,
  type: 'text',
  aliases,
  maxLength: 300,
  sql: 'text',
  ...extra,
});
const EXT = t('external_id', ['id', 'external id', 'externalid', 'ext id', 'код', 'ид', 'идентификатор', 'внешний id', 'внешний идентификатор'], {
  required: true,
  maxLength: 100,
});
/** The external id with the names a source's own exports give it (e.g. "transaction_id" in a billing export). */
const ext = (...aliases: string[]): FieldDef => ({ ...EXT, aliases: [...EXT.aliases, ...aliases] });
const CUST = t(
  'customer_external_id',
  ['customer', 'customer id', 'client', 'client id', 'account', 'account id', 'клиент', 'id клиента', 'код клиента', 'идентификатор клиента'],
  { maxLength: 100 },
);
const PROD = t('product_external_id', ['product', 'product id', 'sku', 'tariff', 'plan', 'продукт', 'id продукта', 'код продукта', 'тариф'], { maxLength: 100 });
const money = (key: string, aliases: string[], extra: Partial<FieldDef> = {}): FieldDef => ({ key, type: 'money', aliases, sql: 'numeric(14,2)', ...extra });
const date = (key: string, aliases: string[], extra: Partial<FieldDef> = {}): FieldDef => ({ key, type: 'date', aliases, sql: 'date', ...extra });
const int = (key: string, aliases: string[], extra: Partial<FieldDef> = {}): FieldDef => ({ key, type: 'int', aliases, sql: 'integer', min: 0, max: 2_000_000_000, ...extra });
const enm = (key: string, values: readonly string[], aliases: string[], extra: Partial<FieldDef> = {}): FieldDef => ({ key, type: 'enum', values, aliases, sql: 'text', ...extra });
const json = (key: string, aliases: string[]): FieldDef => ({ key, type: 'json', aliases, sql: 'jsonb' });

export const SOURCES: Record<ImportSource, SourceDef> = {
  customers: {
    source: 'customers',
    table: 'customers',
    fields: [
      ext('customer id', 'client id', 'id клиента', 'код клиента'),
      t('name', ['name', 'company', 'company name', 'customer name', 'название', 'наименование', 'компания', 'имя'], { required: true }),
      t('industry', ['industry', 'sector', 'отрасль', 'индустрия'], { maxLength: 100 }),
      enm('size_band', ['S', 'M', 'L'], ['size', 'size band', 'turnover band', 'размер', 'оборот']),
      int('employees', ['employees', 'staff', 'headcount', 'сотрудники', 'численность', 'число сотрудников']),
      t('region', ['region', 'регион', 'область'], { maxLength: 100 }),
      enm('business_model', ['B2B', 'B2C', 'B2B2C'], ['business model', 'model', 'бизнес модель', 'бизнес-модель', 'модель']),
      t('acquisition_channel', ['channel', 'acquisition channel', 'source', 'канал', 'канал привлечения'], { maxLength: 100 }),
      money('cac', ['cac', 'acquisition cost', 'стоимость привлечения']),
      t('support_level', ['support', 'support level', 'поддержка', 'уровень поддержки'], { maxLength: 32 }),
      t('email', ['email', 'e-mail', 'mail', 'почта', 'электронная почта'], { maxLength: 320 }),
      t('phone', ['phone', 'telephone', 'телефон'], { maxLength: 50 }),
      date('first_seen', ['first seen', 'since', 'created', 'клиент с', 'дата создания'], { notFuture: true }),
    ],
    key: ['external_id'],
    stagingKey: ['external_id'],
    exprs: {
      external_id: 's.external_id',
      name: 's.name',
      industry: 's.industry',
      size_band: 's.size_band',
      employees: 's.employees',
      region: 's.region',
      business_model: 's.business_model',
      acquisition_channel: 's.acquisition_channel',
      cac: 's.cac',
      support_level: 's.support_level',
      email: 's.email',
      phone: 's.phone',
      first_seen: 's.first_seen',
      // A CRM row turns a placeholder into a real customer.
      not_in_crm: 'false',
    },
    touch: 'updated_at = now()',
  },
  deals: {
    source: 'deals',
    table: 'deals',
    fields: [
      EXT,
      { ...CUST, required: true },
      PROD,
      date('opened_on', ['opened', 'opened on', 'open date', 'created', 'открыта', 'дата открытия'], { required: true, notFuture: true }),
      date('closed_on', ['closed', 'closed on', 'close date', 'закрыта', 'дата закрытия']),
      enm('status', ['won', 'lost', 'open'], ['status', 'stage', 'статус'], { required: true }),
      money('amount', ['amount', 'value', 'sum', 'сумма']),
    ],
    key: ['external_id'],
    stagingKey: ['external_id'],
    customer: 'required',
    product: true,
    exprs: {
      external_id: 's.external_id',
      customer_id: 'c.id',
      product_id: 'p.id',
      opened_on: 's.opened_on',
      closed_on: 's.closed_on',
      status: 's.status',
      amount: 'COALESCE(s.amount, 0)',
    },
  },
  transactions: {
    source: 'transactions',
    table: 'transactions',
    fields: [
      ext('transaction id', 'txn id', 'payment id', 'invoice id', 'id транзакции', 'номер транзакции', 'номер платежа'),
      { ...CUST, required: true },
      PROD,
      date('occurred_on', ['date', 'occurred on', 'paid on', 'payment date', 'invoice date', 'дата', 'дата платежа', 'дата оплаты'], { required: true, notFuture: true }),
      money('amount', ['amount', 'sum', 'total', 'сумма', 'итого'], { required: true }),
      { key: 'quantity', type: 'decimal', aliases: ['quantity', 'qty', 'количество', 'кол-во'], sql: 'numeric(12,3)', min: 0, max: 999_999_999 },
      money('discount', ['discount', 'скидка'], { min: 0 }),
      money('cost', ['cost', 'cogs', 'себестоимость']),
      enm('type', ['payment', 'refund', 'expansion', 'downgrade'], ['type', 'kind', 'тип', 'вид']),
      { key: 'overdue', type: 'bool', aliases: ['overdue', 'late', 'просрочка', 'просрочен'], sql: 'boolean' },
      t('order_id', ['order', 'order id', 'invoice', 'заказ', 'счёт', 'счет'], { maxLength: 100 }),
    ],
    key: ['external_id'],
    stagingKey: ['external_id'],
    customer: 'placeholder',
    product: true,
    exprs: {
      external_id: 's.external_id',
      customer_id: 'c.id',
      product_id: 'p.id',
      occurred_on: 's.occurred_on',
      amount: 's.amount',
      quantity: 'COALESCE(s.quantity, 1)',
      discount: 'COALESCE(s.discount, 0)',
      cost: 's.cost',
      type: "COALESCE(s.type, CASE WHEN s.amount < 0 THEN 'refund' ELSE 'payment' END)",
      overdue: 'COALESCE(s.overdue, false)',
      order_id: 's.order_id',
    },
  },
  usage: {
    source: 'usage',
    table: 'usage_records',
    fields: [
      { ...CUST, required: true },
      date('period', ['period', 'month', 'date', 'период', 'месяц', 'дата'], { required: true, notFuture: true }),
      int('active_users', ['active users', 'users', 'mau', 'активные пользователи', 'пользователи']),
      int('events', ['events', 'actions', 'события', 'действия']),
      int('modules_used', ['modules', 'modules used', 'модули', 'используемые модули'], { max: 1000 }),
    ],
    key: ['customer_id', 'period'],
    stagingKey: ['customer_external_id', 'period'],
    customer: 'required',
    exprs: {
      customer_id: 'c.id',
      period: "date_trunc('month', s.period)::date",
      active_users: 'COALESCE(s.active_users, 0)',
      events: 'COALESCE(s.events, 0)',
      modules_used: 'COALESCE(s.modules_used, 0)',
    },
  },
  surveys: {
    source: 'surveys',
    table: 'survey_answers',
    fields: [
      EXT,
      { ...CUST, required: true },
      date('answered_on', ['date', 'answered on', 'answered', 'дата', 'дата ответа'], { required: true, notFuture: true }),
      int('nps', ['nps', 'score', 'оценка', 'nps оценка'], { min: 0, max: 10 }),
      int('csat', ['csat', 'satisfaction', 'удовлетворённость', 'удовлетворенность'], { min: 1, max: 5 }),
      t('reason', ['reason', 'comment', 'why', 'причина', 'комментарий'], { maxLength: MAX_FIELD_CHARS }),
    ],
    key: ['external_id'],
    stagingKey: ['external_id'],
    customer: 'required',
    exprs: { external_id: 's.external_id', customer_id: 'c.id', answered_on: 's.answered_on', nps: 's.nps', csat: 's.csat', reason: 's.reason' },
  },
  interviews: {
    source: 'interviews',
    table: 'interviews',
    fields: [
      EXT,
      CUST,
      date('interviewed_on', ['date', 'interviewed on', 'дата', 'дата интервью'], { required: true, notFuture: true }),
      json('business_context', ['business context', 'бизнес контекст', 'бизнес-контекст']),
      json('people_context', ['people context', 'контекст людей', 'личный контекст']),
      t('triggers', ['triggers', 'trigger events', 'триггеры', 'триггерные события'], { maxLength: MAX_FIELD_CHARS }),
      t('notes', ['notes', 'заметки', 'примечания'], { maxLength: MAX_FIELD_CHARS }),
      json('jobs', ['jobs', 'работы']),
      json('outcome_ratings', ['outcome ratings', 'outcomes', 'оценки результатов', 'результаты']),
    ],
    key: ['external_id'],
    stagingKey: ['external_id'],
    customer: 'optional',
    exprs: {
      external_id: 's.external_id',
      customer_id: 'c.id',
      interviewed_on: 's.interviewed_on',
      business_context: "COALESCE(s.business_context, '{}')",
      people_context: "COALESCE(s.people_context, '{}')",
      triggers: 's.triggers',
      notes: 's.notes',
      jobs: "COALESCE(s.jobs, '[]')",
      outcome_ratings: "COALESCE(s.outcome_ratings, '[]')",
    },
  },
  products: {
    source: 'products',
    table: 'products',
    fields: [
      EXT,
      t('name', ['name', 'product', 'product name', 'название', 'наименование', 'продукт'], { required: true, maxLength: 200 }),
      t('description', ['description', 'описание'], { maxLength: MAX_FIELD_CHARS }),
      enm('tier', ['basic', 'professional', 'enterprise'], ['tier', 'level', 'уровень', 'тариф'], { required: true }),
      money('price', ['price', 'цена'], { min: 0 }),
      money('unit_cost', ['unit cost', 'cost', 'себестоимость'], { min: 0 }),
      { key: 'cost_share', type: 'decimal', aliases: ['cost share', 'доля себестоимости'], sql: 'numeric(5,4)', min: 0, max: 1 },
      { key: 'modules', type: 'list', aliases: ['modules', 'модули'], sql: 'text[]' },
      t('owner_email', ['owner', 'owner email', 'product owner', 'владелец', 'владелец продукта'], { maxLength: 320 }),
    ],
    key: ['external_id'],
    stagingKey: ['external_id'],
    owner: true,
    exprs: {
      external_id: 's.external_id',
      name: 's.name',
      description: 's.description',
      tier: 's.tier',
      price: 'COALESCE(s.price, 0)',
      unit_cost: 's.unit_cost',
      cost_share: 's.cost_share',
      modules: "COALESCE(s.modules, '{}')",
      owner_id: 'u.id',
    },
    touch: 'updated_at = now()',
  },
};

export function sourceDto(def: SourceDef): ImportSourceDto {
  return {
    source: def.source,
    key: def.stagingKey,
    fields: def.fields.map((f) => ({ key: f.key, type: f.type, required: !!f.required, ...(f.values ? { values: [...f.values] } : {}) })),
  };
}

/** Lower case, ё→е, punctuation and spacing folded, so "Дата платежа", "date_paid" and "Customer ID" compare. */
export function normaliseHeader(h: string): string {
  return h
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[_\-./]+/g, ' ')
    .replace(/[^\p{L}\p{N} ]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Each field gets the first header equal to its key or one of its aliases; a header is used once. */
export function guessMapping(def: SourceDef, headers: string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const used = new Set<string>();
  const norm = headers.map(normaliseHeader);
  for (const f of def.fields) {
    const names = [normaliseHeader(f.key), ...f.aliases.map(normaliseHeader)];
    for (const name of names) {
      const i = norm.findIndex((n, idx) => n === name && !used.has(headers[idx]));
      if (i >= 0) {
        mapping[f.key] = headers[i];
        used.add(headers[i]);
        break;
      }
    }
  }
  return mapping;
}

export interface Issue {
  column: string | null;
  value: string | null;
  code: string;
  reason: string;
}

/** A value for the report: long cells shortened so a 10 MB field does not become a 10 MB report. */
export function shortValue(v: string | null): string | null {
  if (v === null) return null;
  return v.length > 200 ? `${v.slice(0, 200)}… (${v.length.toLocaleString('en-US')} characters)` : v;
}

const TRUE = new Set(['true', 't', 'yes', 'y', '1', 'да', 'д', 'истина']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0', 'нет', 'н', 'ложь']);

export interface Converter {
  /** Converted values in field order (null = empty), or the row's problems. */
  convert(raw: (string | undefined)[]): { values: (string | string[] | boolean | null)[]; issues: Issue[] };
}

/**
 * Builds the per-row converter for one file: field → column index from the
 * mapping, and the file's number/date conventions. `today` bounds future dates.
 */
export function makeConverter(def: SourceDef, headersInFile: string[], mapping: ImportMapping, format: ImportFormat, today: string): Converter {
  const index = def.fields.map((f) => (mapping[f.key] ? headersInFile.indexOf(mapping[f.key]) : -1));
  const maxDate = new Date(Date.parse(today) + 86_400_000).toISOString().slice(0, 10);
  return {
    convert(raw) {
      const issues: Issue[] = [];
      const values: (string | string[] | boolean | null)[] = new Array(def.fields.length);
      for (let i = 0; i < def.fields.length; i++) {
        const f = def.fields[i];
        const column = mapping[f.key] ?? f.key;
        const cell = index[i] >= 0 ? raw[index[i]] : undefined;
        const v = cell === undefined ? '' : cell.trim();
        values[i] = null;
        if (v === '') {
          if (f.required) issues.push({ column, value: null, code: 'REQUIRED', reason: `${f.key} is required` });
          continue;
        }
        const bad = (code: string, reason: string) => issues.push({ column, value: v, code, reason });
        if (v.length > MAX_FIELD_CHARS) {
          bad('TOO_LONG', `longer than ${MAX_FIELD_CHARS.toLocaleString('en-US')} characters`);
          continue;
        }
        switch (f.type) {
          case 'text': {
            if (f.maxLength && v.length > f.maxLength) bad('TOO_LONG', `longer than ${f.maxLength} characters`);
            else values[i] = v;
            break;
          }
          case 'enum': {
            const hit = f.values!.find((x) => x.toLowerCase() === v.toLowerCase());
            if (!hit) bad('BAD_VALUE', `must be one of ${f.values!.join(', ')}`);
            else values[i] = hit;
            break;
          }
          case 'date': {
            const d = parseDate(v, format.dateFormat);
            if (!d) bad('BAD_DATE', `not a date in the format ${format.dateFormat}`);
            else if (f.notFuture && d > maxDate) bad('FUTURE_DATE', `date is in the future (after ${maxDate})`);
            else values[i] = d;
            break;
          }
          case 'int':
          case 'money':
          case 'decimal': {
            const n = parseNumber(v, format.decimal, format.thousands);
            if (n === null) {
              bad('BAD_NUMBER', `not a number (decimal separator "${format.decimal}"${format.thousands ? `, thousands "${format.thousands === ' ' ? 'space' : format.thousands}"` : ''})`);
              break;
            }
            if (f.type === 'int' && n.includes('.')) {
              bad('BAD_NUMBER', 'must be a whole number');
              break;
            }
            if (f.type === 'money' && /\.\d{3,}$/.test(n)) {
              bad('BAD_NUMBER', 'more than 2 decimal places');
              break;
            }
            const num = Number(n);
            const lo = f.min ?? (f.type === 'money' ? -999_999_999_999.99 : -Infinity);
            const hi = f.max ?? (f.type === 'money' ? 999_999_999_999.99 : Infinity);
            if (num < lo || num > hi) bad('OUT_OF_RANGE', `must be between ${lo} and ${hi}`);
            else values[i] = n;
            break;
          }
          case 'bool': {
            const l = v.toLowerCase();
            if (TRUE.has(l)) values[i] = true;
            else if (FALSE.has(l)) values[i] = false;
            else bad('BAD_VALUE', 'must be yes/no, true/false or 1/0');
            break;
          }
          case 'json': {
            try {
              const parsed = JSON.parse(v);
              if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
              values[i] = JSON.stringify(parsed);
            } catch {
              bad('BAD_JSON', 'not a JSON object or array');
            }
            break;
          }
          case 'list':
            values[i] = v
              .split('|')
              .map((x) => x.trim())
              .filter(Boolean);
            break;
        }
      }
      return { values, issues };
    },
  };
}

/** Required fields without a column, and mapped headers the file does not have. */
export function mappingProblems(def: SourceDef, headers: string[], mapping: ImportMapping): Issue[] {
  const out: Issue[] = [];
  for (const f of def.fields) {
    const h = mapping[f.key];
    if (h && !headers.includes(h)) out.push({ column: h, value: null, code: 'MISSING_COLUMN', reason: `column "${h}" (mapped to ${f.key}) is not in the file` });
    else if (!h && f.required) out.push({ column: f.key, value: null, code: 'MISSING_COLUMN', reason: `required field ${f.key} has no column` });
  }
  return out;
}

/** Headers no field is mapped to: reported, not imported. */
export function unknownColumns(headers: string[], mapping: ImportMapping): string[] {
  const mapped = new Set(Object.values(mapping));
  return headers.filter((h) => h !== '' && !mapped.has(h));
}
