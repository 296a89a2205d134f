import type { FeatureCatalogueEntry } from '@cxs/contracts';

/**
 * The per-customer features computed in SQL (features.sql.ts), one column of
 * `customer_features` each. This list drives the model editor: a model's
 * parameters can only be picked from here.
 */
export const FEATURE_CATALOGUE: FeatureCatalogueEntry[] = [
  { name: 'recency_days', unit: 'days', direction: 'lower_better', transform: 'log1p', en: 'Days from the last charge to the as-of date', ru: 'Дней от последнего платежа до даты расчёта', labelEn: 'Recency', labelRu: 'Давность' },
  { name: 'frequency', unit: 'count', direction: 'higher_better', transform: 'log1p', en: 'Number of charges in the window (refunds not counted)', ru: 'Число платежей в окне (возвраты не считаются)', labelEn: 'Frequency', labelRu: 'Частота' },
  { name: 'monetary', unit: 'money', direction: 'higher_better', transform: 'log1p', en: 'Net revenue in the window (refunds subtract)', ru: 'Чистая выручка в окне (возвраты вычитаются)', labelEn: 'Monetary', labelRu: 'Выручка в окне' },
  { name: 'avg_check', unit: 'money', direction: 'higher_better', transform: 'log1p', en: 'Mean charge in the window', ru: 'Средний платёж в окне', labelEn: 'Average check', labelRu: 'Средний чек' },
  { name: 'ltv', unit: 'money', direction: 'higher_better', transform: 'log1p', en: 'Total net revenue up to the as-of date (LTV)', ru: 'Вся чистая выручка до даты расчёта (LTV)', labelEn: 'LTV', labelRu: 'LTV' },
  { name: 'tenure_months', unit: 'months', direction: 'higher_better', transform: 'none', en: 'Months from the first to the last charge', ru: 'Месяцев от первого до последнего платежа', labelEn: 'Tenure', labelRu: 'Срок жизни' },
  { name: 'arpu_month', unit: 'money', direction: 'higher_better', transform: 'log1p', en: 'Net revenue per month with a charge (ARPU)', ru: 'Чистая выручка на месяц с платежом (ARPU)', labelEn: 'ARPU per month', labelRu: 'ARPU в месяц' },
  { name: 'refund_share', unit: 'share', direction: 'lower_better', transform: 'none', en: 'Refunds ÷ gross charges', ru: 'Возвраты ÷ валовые платежи', labelEn: 'Refund share', labelRu: 'Доля возвратов' },
  { name: 'discount_share', unit: 'share', direction: 'lower_better', transform: 'none', en: 'Discounts ÷ (charges + discounts)', ru: 'Скидки ÷ (платежи + скидки)', labelEn: 'Discount share', labelRu: 'Доля скидок' },
  { name: 'overdue_share', unit: 'share', direction: 'lower_better', transform: 'none', en: 'Share of charges paid late', ru: 'Доля платежей с просрочкой', labelEn: 'Overdue share', labelRu: 'Доля просрочек' },
  { name: 'expansion_count', unit: 'count', direction: 'higher_better', transform: 'log1p', en: 'Expansion charges (added seats or products) in the window', ru: 'Расширения (места, продукты) в окне', labelEn: 'Expansions', labelRu: 'Расширения' },
  { name: 'active_users_last', unit: 'users', direction: 'higher_better', transform: 'log1p', en: 'Active users in the last month with usage', ru: 'Активные пользователи в последнем месяце', labelEn: 'Active users', labelRu: 'Активные пользователи' },
  { name: 'active_users_growth', unit: 'log-ratio', direction: 'higher_better', transform: 'none', en: 'ln((mean of last 3 months + 1) ÷ (mean of first 3 months + 1)) of active users', ru: 'ln((среднее за 3 последних мес. + 1) ÷ (среднее за 3 первых + 1)) активных пользователей', labelEn: 'User growth', labelRu: 'Рост пользователей' },
  { name: 'modules_used', unit: 'count', direction: 'higher_better', transform: 'none', en: 'Modules used in the last month with usage', ru: 'Модулей используется в последнем месяце', labelEn: 'Modules used', labelRu: 'Модули' },
  { name: 'nps_last', unit: 'score 0–10', direction: 'higher_better', transform: 'none', en: 'Last NPS answer in the window', ru: 'Последняя оценка NPS в окне', labelEn: 'NPS (last)', labelRu: 'NPS (последний)' },
  { name: 'nps_mean', unit: 'score 0–10', direction: 'higher_better', transform: 'none', en: 'Mean NPS answer in the window', ru: 'Средняя оценка NPS в окне', labelEn: 'NPS (mean)', labelRu: 'NPS (средний)' },
  { name: 'cac', unit: 'money', direction: 'lower_better', transform: 'log1p', en: 'Customer acquisition cost (CRM)', ru: 'Стоимость привлечения клиента (CRM)', labelEn: 'CAC', labelRu: 'CAC' },
];

export const FEATURE_COLUMNS = FEATURE_CATALOGUE.map((f) => f.name);
export const FEATURE_SET = new Set(FEATURE_COLUMNS);

/** Customer attributes a rule may test (CRM columns), with their kind. */
export const RULE_ATTRIBUTES: Record<string, 'number' | 'text'> = {
  employees: 'number',
  industry: 'text',
  size_band: 'text',
  region: 'text',
  business_model: 'text',
  acquisition_channel: 'text',
  support_level: 'text',
};
