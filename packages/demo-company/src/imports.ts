/**
 * How the demo company's data "arrived": one finished import per source, as
 * the analyst brought each system's export in, and the column-mapping preset
 * saved for that system. The loader records them, so the analyst lands on a
 * populated import history and the wizard offers a preset for every source.
 *
 * Headers are what each system really exports (Russian 1C and Bitrix24
 * exports, English SaaS exports); the mapping is target field → header.
 */
export type DemoImportSource = 'products' | 'customers' | 'deals' | 'transactions' | 'usage' | 'surveys' | 'interviews';

export interface DemoImport {
  source: DemoImportSource;
  /** The file the export came in. */
  fileName: string;
  /** The preset saved for this system. */
  presetName: string;
  headers: string[];
  mapping: Record<string, string>;
  format: { delimiter: string; encoding: 'utf-8' | 'windows-1251'; decimal: '.' | ','; thousands: '' | ',' | '.' | ' '; dateFormat: 'YYYY-MM-DD' | 'DD.MM.YYYY' | 'DD/MM/YYYY' | 'MM/DD/YYYY' };
  bom: boolean;
  /** Minutes after the start of the day following the demo's end date: the loads ran in this order. */
  minutesAfter: number;
  /** Seconds the load took (for the history's duration). */
  seconds: number;
}

const ISO_COMMA = { delimiter: ',', encoding: 'utf-8', decimal: '.', thousands: '', dateFormat: 'YYYY-MM-DD' } as const;
const ONE_C = { delimiter: ';', encoding: 'windows-1251', decimal: ',', thousands: ' ', dateFormat: 'DD.MM.YYYY' } as const;
const BITRIX = { delimiter: ';', encoding: 'utf-8', decimal: ',', thousands: '', dateFormat: 'DD.MM.YYYY' } as const;

function entry(e: Omit<DemoImport, 'headers'>): DemoImport {
  return { ...e, headers: Object.values(e.mapping) };
}

/** In load order: products and customers first, the rows that refer to them after. */
export const DEMO_IMPORTS: readonly DemoImport[] = [
  entry({
    source: 'products',
    fileName: 'product-catalogue.csv',
    presetName: 'Product catalogue (spreadsheet)',
    mapping: {
      external_id: 'SKU',
      name: 'Product',
      description: 'Description',
      tier: 'Tier',
      price: 'List price',
      unit_cost: 'Unit cost',
      cost_share: 'Cost share',
      modules: 'Modules',
      owner_email: 'Product owner',
    },
    format: ISO_COMMA,
    bom: false,
    minutesAfter: 9 * 60,
    seconds: 1,
  }),
  entry({
    source: 'customers',
    fileName: 'bitrix24-companies.csv',
    presetName: 'Bitrix24 companies',
    mapping: {
      external_id: 'ID компании',
      name: 'Название компании',
      industry: 'Сфера деятельности',
      size_band: 'Размер',
      employees: 'Кол-во сотрудников',
      region: 'Регион',
      business_model: 'Бизнес-модель',
      acquisition_channel: 'Источник',
      cac: 'Стоимость привлечения',
      support_level: 'Уровень поддержки',
      email: 'Рабочий e-mail',
      phone: 'Рабочий телефон',
      first_seen: 'Дата создания',
    },
    format: BITRIX,
    bom: true,
    minutesAfter: 9 * 60 + 4,
    seconds: 3,
  }),
  entry({
    source: 'deals',
    fileName: 'bitrix24-deals.csv',
    presetName: 'Bitrix24 deals',
    mapping: {
      external_id: 'ID сделки',
      customer_external_id: 'ID компании',
      product_external_id: 'Товар (код)',
      opened_on: 'Дата начала',
      closed_on: 'Дата завершения',
      status: 'Стадия',
      amount: 'Сумма сделки',
    },
    format: BITRIX,
    bom: true,
    minutesAfter: 9 * 60 + 9,
    seconds: 2,
  }),
  entry({
    source: 'transactions',
    fileName: '1c-payments.csv',
    presetName: '1C payments register',
    mapping: {
      external_id: 'Номер документа',
      customer_external_id: 'Контрагент (код)',
      product_external_id: 'Номенклатура (код)',
      occurred_on: 'Дата оплаты',
      amount: 'Сумма',
      quantity: 'Количество',
      discount: 'Скидка',
      cost: 'Себестоимость',
      type: 'Вид операции',
      overdue: 'Просрочка',
      order_id: 'Счёт',
    },
    format: ONE_C,
    bom: false,
    minutesAfter: 9 * 60 + 15,
    seconds: 14,
  }),
  entry({
    source: 'usage',
    fileName: 'product-analytics-monthly.csv',
    presetName: 'Product analytics (monthly export)',
    mapping: {
      customer_external_id: 'account_id',
      period: 'month',
      active_users: 'mau',
      events: 'events',
      modules_used: 'modules_used',
    },
    format: ISO_COMMA,
    bom: false,
    minutesAfter: 9 * 60 + 22,
    seconds: 4,
  }),
  entry({
    source: 'surveys',
    fileName: 'nps-survey-responses.csv',
    presetName: 'NPS survey tool',
    mapping: {
      external_id: 'Response ID',
      customer_external_id: 'Account',
      answered_on: 'Submitted at',
      nps: 'How likely are you to recommend us?',
      csat: 'CSAT',
      reason: 'What is the main reason for your score?',
    },
    format: ISO_COMMA,
    bom: false,
    minutesAfter: 9 * 60 + 27,
    seconds: 1,
  }),
  entry({
    source: 'interviews',
    fileName: 'jtbd-interviews.csv',
    presetName: 'JTBD interview notes',
    mapping: {
      external_id: 'Interview',
      customer_external_id: 'Customer',
      interviewed_on: 'Date',
      business_context: 'Business context',
      people_context: 'People context',
      triggers: 'Triggers',
      notes: 'Notes',
      jobs: 'Jobs',
      outcome_ratings: 'Outcome ratings',
    },
    format: ISO_COMMA,
    bom: false,
    minutesAfter: 9 * 60 + 31,
    seconds: 1,
  }),
];

/** When a demo load ran: the morning after the demo's end date (UTC), in load order. */
export function demoImportTimes(endDate: string, imp: DemoImport): { startedAt: Date; finishedAt: Date } {
  const day = new Date(`${endDate}T00:00:00Z`);
  const startedAt = new Date(day.getTime() + 24 * 3600_000 + imp.minutesAfter * 60_000);
  return { startedAt, finishedAt: new Date(startedAt.getTime() + imp.seconds * 1000) };
}
