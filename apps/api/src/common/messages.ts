/**
 * Server messages in the reader's language (ADR 0011). English is what the code writes and what the database
 * stores (error messages, import problem reasons, run errors); this catalogue pairs every English template with its
 * Russian, and `localise()` renders an English text in Russian by matching it against the templates at the moment
 * it leaves the API. So `code` stays the stable machine key, `message` is always present, English stays exactly
 * as it was (the default), and a report stored last year reads in Russian today.
 *
 * Template parameters: `{name}` any text, kept as is; `{name~}` a nested message, localised in its turn;
 * `{name#}` a word from WORDS (statuses, entity names), translated when known; `{field}` a field name (no spaces).
 * A text no template matches is returned unchanged (English): the rare internal ones listed in the ADR.
 */
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

export type Lang = 'en' | 'ru';

/** [English template, Russian template]: first match wins, so a specific template goes before a general one. */
const CATALOGUE: [string, string][] = [
  // ── generic ──────────────────────────────────────────────────────────────────────────────────────────────
  ['{what#} not found', 'Не найдено: {what#}'],
  ['You are not allowed to do this', 'У вас нет прав на это действие'],
  ['Your role cannot {action#} {subject}', 'Вашей роли недоступно действие «{action#}» для {subject}'],
  ['Please sign in', 'Войдите в систему'],
  ['Email or password is incorrect', 'Неверный email или пароль'],
  ['This account has been deactivated; ask an administrator', 'Учётная запись отключена; обратитесь к администратору'],
  ['The current password is incorrect', 'Текущий пароль указан неверно'],
  ['The new password must differ from the current one', 'Новый пароль должен отличаться от текущего'],
  ['The API token is unknown or revoked', 'API-токен неизвестен или отозван'],
  ['Something went wrong on our side; the error was logged', 'Ошибка на сервере; она записана в журнал'],
  ['A customer cannot be in two managed segments on the same date', 'Клиент не может быть в двух управляемых сегментах на одну дату'],
  ['A value has the wrong format', 'Значение в неверном формате'],
  ['Already exists: {x}', 'Уже существует: {x}'],
  ['Refers to something that does not exist: {x}', 'Ссылка на несуществующую запись: {x}'],
  ['Value out of range ({x})', 'Значение вне допустимого диапазона ({x})'],
  ['The request is not valid', 'Запрос некорректен'],
  ['"{v}" is not a valid id', '«{v}» — неверный идентификатор'],
  ['A user with email {email} already exists', 'Пользователь с email {email} уже существует'],
  ['You cannot deactivate yourself or change your own role', 'Нельзя отключить себя или изменить свою роль'],
  ['Too many sign-in attempts. Try again in {n} minute(s).', 'Слишком много попыток входа. Повторите через {n} мин.'],
  ['Cannot {method} {path}', 'Нет такого адреса: {method} {path}'],

  // ── field validation (class-validator's defaults and the DTOs' own messages) ───────────────────────────────
  ['property {field} should not exist', 'поле {field} не предусмотрено'],
  ['nested property {field} must be either object or array', '{field}: должно быть объектом или списком'],
  ['each value in {rest~}', 'каждое значение — {rest~}'],
  ['{field} must be a string', '{field}: должно быть строкой'],
  ['{field} must be shorter than or equal to {n} characters', '{field}: не длиннее {n} символов'],
  ['{field} must be longer than or equal to {n} characters', '{field}: не короче {n} символов'],
  ['{field} must be one of the following values: {values}', '{field}: допустимые значения: {values}'],
  ['{field} must be one of {values}', '{field}: допустимые значения: {values}'],
  ['{field} must match {re} regular expression', '{field}: неверный формат'],
  ['{field} must be an integer number', '{field}: должно быть целым числом'],
  ['{field} must not be less than {n}', '{field}: не меньше {n}'],
  ['{field} must not be greater than {n}', '{field}: не больше {n}'],
  ['{field} must be an array', '{field}: должно быть списком'],
  ['{field} must contain no more than {n} elements', '{field}: не больше {n} элементов'],
  ['{field} must contain at least {n} elements', '{field}: не меньше {n} элементов'],
  ['{field} must be an object', '{field}: должно быть объектом'],
  ['{field} must be a number string', '{field}: должно быть числом'],
  ['{field} must be a valid ISO 8601 date string', '{field}: должна быть дата (ГГГГ-ММ-ДД)'],
  ['{field} must be a UUID', '{field}: должен быть UUID'],
  ['{field} must be a boolean value', '{field}: должно быть true или false'],
  ['{field} must be an email address', '{field}: должен быть адресом электронной почты'],
  ['{field} must be an email', '{field}: должен быть адресом электронной почты'],
  ['{field} should not be empty', '{field}: не должно быть пустым'],
  ['{field} must be YYYY-MM', '{field}: месяц в формате ГГГГ-ММ'],
  ['{field} must be an id', '{field}: должен быть идентификатором'],
  ['{field} must be a preset id', '{field}: должен быть идентификатором шаблона'],
  ['{field} must be a decimal amount', '{field}: сумма, например 125000.50'],
  ['{field} must be a decimal number, e.g. {e}', '{field}: десятичное число, например {e}'],
  ['{field} must be a decimal number between 0 and 1', '{field}: десятичное число от 0 до 1'],
  ['{field} must be a decimal number', '{field}: десятичное число'],
  ['{field} must be a positive integer (one of segmentIds)', '{field}: положительное целое число (один из segmentIds)'],
  ['{field} must be a positive integer', '{field}: должно быть положительным целым числом'],
  ['{field} must be between {a} and {b}', '{field}: от {a} до {b}'],
  ['{field} must not be negative', '{field}: не может быть отрицательным'],
  ['{field} is required', '{field}: обязательное поле'],
  ['each id must be a positive integer', 'каждый id должен быть положительным целым числом'],
  ['each segment id must be a positive integer', 'каждый id сегмента должен быть положительным целым числом'],
  ['must be a positive integer', 'должно быть положительным целым числом'],
  ['must be YYYY-MM', 'месяц в формате ГГГГ-ММ'],
  ['must not be before from', 'не раньше начала периода'],
  ['at most 120 months after from', 'не больше 120 месяцев от начала'],
  ['required', 'обязательно'],
  ['must be an ISO 4217 currency code', 'код валюты ISO 4217'],
  ['must be an IANA time zone', 'часовой пояс IANA'],
  ['not a field of this source', 'нет такого поля у этого источника'],
  ['not found in this segment', 'не найдено в этом сегменте'],
  ['not an initiative of this segment', 'не инициатива этого сегмента'],
  ['must be between 0 and 1', 'от 0 до 1'],
  ['must not be negative', 'не может быть отрицательным'],
  ['two or more different ids', 'два или больше разных id'],
  ['must be an active user with role cx_owner', 'активный пользователь с ролью CX-владельца'],
  ['no such group in the run', 'в запуске нет такой группы'],
  ['exactly one of interviewId, surveyAnswerId', 'ровно одно из interviewId, surveyAnswerId'],

  // ── P&L, plans, settings ────────────────────────────────────────────────────────────────────────────────
  ['"{v}" is not a month (YYYY-MM)', '«{v}» — не месяц (ГГГГ-ММ)'],
  ['"to" is before "from"', 'Конец периода раньше начала'],
  ['A period is at most 120 months', 'Период — не больше 120 месяцев'],
  ['A {kind#} starts on a fiscal {kind2#} boundary', 'Период плана ({kind#}) начинается с первого месяца финансового периода'],
  ['This segment already has a plan for that period; edit it instead', 'У сегмента уже есть план на этот период; измените его'],
  ['Changing {what} needs a comment for the CX-owner', 'Изменение ({what}) требует комментария для CX-владельца'],
  ['segmentId is required', 'segmentId: обязательное поле'],
  ['Unknown currency "{c}"', 'Неизвестная валюта «{c}»'],
  ['Unknown time zone "{c}"', 'Неизвестный часовой пояс «{c}»'],
  ['Support costs: {field}: {m~}', 'Стоимость обслуживания: {field}: {m~}'],
  ['No exportable table "{t}"', 'Нет таблицы для выгрузки «{t}»'],

  // ── segments: lifecycle, workspace ──────────────────────────────────────────────────────────────────────
  ['An archived segment cannot be edited', 'Архивный сегмент нельзя изменять'],
  ['An archived segment cannot receive members', 'В архивный сегмент нельзя добавлять клиентов'],
  ['The target segment is archived or gone', 'Целевой сегмент в архиве или удалён'],
  ['ownerId must be an active CX-owner', 'ownerId: должен быть активный CX-владелец'],
  ['The date cannot be in the past: past memberships never change', 'Дата не может быть в прошлом: прошлые членства не меняются'],
  ['Merge needs two different segments', 'Для слияния нужны два разных сегмента'],
  ['cardFrom {x} is not one of the merged segments', 'cardFrom {x} — не один из объединяемых сегментов'],
  ['This proposal was already {status#}', 'Это предложение уже {status#}'],
  ['This promotion was already {status#}', 'Это продвижение уже {status#}'],
  ['ids must list every item exactly once', 'ids должен перечислить каждый элемент ровно один раз'],
  ['ids must list every initiative of the column exactly once', 'ids должен перечислить каждую инициативу колонки ровно один раз'],
  ['Unknown {what} for this segment', 'Не найдено в этом сегменте: {what}'],
  ["Initiative {ids} is not on this segment's board", 'Инициативы {ids} нет на доске этого сегмента'],
  ['This product is already attached to this step', 'Этот продукт уже привязан к этому шагу'],
  ['Give exactly one of interviewId or surveyAnswerId', 'Укажите ровно одно: interviewId или surveyAnswerId'],
  ['The interviewee has never been in this segment', 'Респондент интервью никогда не был в этом сегменте'],
  ['The respondent has never been in this segment', 'Респондент никогда не был в этом сегменте'],
  ['This interview is already linked to the outcome', 'Это интервью уже связано с результатом'],
  ['This survey answer is already linked to the outcome', 'Этот ответ опроса уже связан с результатом'],
  ['The interview has no rating of this outcome (set the outcome’s evidence label to its wording)', 'В интервью нет оценки этого результата (задайте метку доказательства результата как в интервью)'],
  ['The survey answer has no CSAT (1–5) to use as satisfaction', 'В ответе опроса нет CSAT (1–5) для оценки удовлетворённости'],
  ['No {kind#} with id {ids}', 'Не найдено ({kind#}): {ids}'],
  ['{kind#} not found', 'Не найдено: {kind#}'],

  // ── segmentation: models, runs, promotions; run failures stored on the run ─────────────────────────────
  ['An archived model cannot get new versions', 'У архивной модели не может быть новых версий'],
  ['This model is archived: an archived model cannot run', 'Модель в архиве: архивную модель нельзя запустить'],
  ['Model version {v} not found for model {m}', 'Версия {v} модели {m} не найдена'],
  ['The run has already {status#}: nothing to cancel', 'Запуск уже завершён ({status#}): отменять нечего'],
  ['The run failed: {e~}', 'Запуск завершился ошибкой: {e~}'],
  ['The run is {status#}: results appear when it succeeds', 'Запуск в состоянии «{status#}»: результаты появятся после успешного завершения'],
  ['Run {id} has not succeeded: only finished runs can be compared', 'Запуск {id} не завершён успешно: сравнивать можно только завершённые'],
  ['Only a succeeded run can be promoted', 'Продвинуть можно только успешно завершённый запуск'],
  ['The run has no customers labelled "{label}"', 'В запуске нет клиентов с меткой «{label}»'],
  ['Give either targetSegmentId (update a segment) or newSegmentName (create one), not both', 'Укажите либо targetSegmentId (обновить сегмент), либо newSegmentName (создать), но не оба'],
  ['The model was archived: an archived model cannot run. Restore it or use another model.', 'Модель в архиве: архивную модель нельзя запустить. Восстановите её или возьмите другую модель.'],
  [
    'The feature window is empty: no customer has a charge in the {n} months up to {date}. Pick an as-of date inside the data or a longer lookback.',
    'Окно признаков пусто: ни у одного клиента нет начислений за {n} мес. до {date}. Выберите дату расчёта внутри данных или более длинное окно.',
  ],
  ['The model has no parameters: pick at least one feature.', 'У модели нет параметров: выберите хотя бы один признак.'],
  ['The run was deleted while it was being saved.', 'Запуск удалили, пока сохранялись его результаты.'],
  ['Group "{l}" of this run is already proposed (promotion #{id}): the director decides on it first.', 'Группа «{l}» этого запуска уже предложена (продвижение №{id}): сначала по нему решает директор.'],
  ['Unknown feature "{f}" in the model.', 'Неизвестный признак «{f}» в модели.'],
  ['Unknown RFM table "{t}".', 'Неизвестная RFM-таблица «{t}».'],
  ['No customer matches any level of the rules.', 'Ни один клиент не подходит ни под один уровень правил.'],
  ['The engine refused the data: {e}', 'Движок отклонил данные: {e}'],
  ['Unexpected error: {e}', 'Непредвиденная ошибка: {e}'],

  // ── imports: requests, and the problem reasons stored per row ──────────────────────────────────────────
  ['The file is empty', 'Файл пуст'],
  ['Files up to {n} GiB can be imported', 'Импортировать можно файлы до {n} ГиБ'],
  ['This import is {status#}; that is possible only when it is {allowed}', 'Импорт в состоянии «{status#}»; это возможно только в состоянии {allowed}'],
  ['The uploaded file is no longer available; upload it again', 'Загруженный файл больше недоступен; загрузите его снова'],
  ['Unknown fields in mapping: {fields}', 'Неизвестные поля в сопоставлении: {fields}'],
  ['Import #{id} changed rows this import brought in; undo that one first', 'Импорт №{id} изменил строки этого импорта; сначала отмените его'],
  ['Other data now refers to a {kind} this import created; undo or remove that data first', 'Другие данные ссылаются на запись ({kind}), созданную этим импортом; сначала отмените или удалите их'],
  ['A preset named "{name}" already exists for {source}', 'Шаблон «{name}» для источника {source} уже существует'],
  ['Send the CSV file as the body (text/csv); JSON rows go to POST /api/imports/json', 'Отправьте CSV-файл телом запроса (text/csv); строки JSON — в POST /api/imports/json'],
  ['The file cannot be imported: {why~}', 'Файл нельзя импортировать: {why~}'],
  ['Cancelled before it started; nothing was imported.', 'Отменён до начала; ничего не импортировано.'],
  ['longer than {n} characters', 'длиннее {n} символов'],
  ['must be one of {values}', 'допустимые значения: {values}'],
  ['not a date in the format {format}', 'не дата в формате {format}'],
  ['date is in the future (after {date})', 'дата в будущем (после {date})'],
  ['not a number (decimal separator "{d}", thousands "{t#}")', 'не число (десятичный разделитель «{d}», разделитель тысяч «{t#}»)'],
  ['not a number (decimal separator "{d}")', 'не число (десятичный разделитель «{d}»)'],
  ['must be a whole number', 'должно быть целым числом'],
  ['more than 2 decimal places', 'больше 2 знаков после запятой'],
  ['must be between {a} and {b}', 'должно быть от {a} до {b}'],
  ['must be yes/no, true/false or 1/0', 'должно быть да/нет, true/false или 1/0'],
  ['not a JSON object or array', 'не JSON-объект и не массив'],
  ['column is not mapped to any field and was not imported', 'столбец не сопоставлен ни с одним полем и не импортирован'],
  ['empty line skipped', 'пустая строка пропущена'],
  ['{n} more empty lines skipped', 'пропущено ещё пустых строк: {n}'],
  ['the file has no header line', 'в файле нет строки заголовков'],
  ['column "{h}" (mapped to {field}) is not in the file', 'столбца «{h}» (сопоставлен с {field}) нет в файле'],
  ['required field {field} has no column', 'обязательному полю {field} не сопоставлен столбец'],
  ['no customer with this external id', 'нет клиента с таким внешним id'],
  ['no product with this external id', 'нет продукта с таким внешним id'],
  ['no product owner with this email', 'нет владельца продукта с таким email'],
  ['same key as row {n} (the first one is kept)', 'тот же ключ, что в строке {n} (оставлена первая)'],
  ['customer is not in the CRM: created as a placeholder flagged "not in CRM"', 'клиента нет в CRM: создан как заготовка с пометкой «нет в CRM»'],

  // ── last: "field: message" built from a field and one of the messages above ───────────────────────────
  ['{field}: {m~}', '{field}: {m~}'],
];

/** Words that stand in English messages as parameters (statuses, entities, kinds). */
const WORDS: Record<string, string> = {
  // entities (notFound)
  Segment: 'сегмент', Model: 'модель', Run: 'запуск', Promotion: 'продвижение', Proposal: 'предложение', Customer: 'клиент',
  User: 'пользователь', 'API token': 'API-токен', Initiative: 'инициатива', Scenario: 'сценарий', Step: 'шаг', Attachment: 'привязка',
  Product: 'продукт', Import: 'импорт', Preset: 'шаблон', Plan: 'план', Outcome: 'результат', Interview: 'интервью',
  'Survey answer': 'ответ опроса', Evidence: 'доказательство', interview: 'интервью', 'survey answer': 'ответ опроса',
  // statuses
  approved: 'одобрено', rejected: 'отклонено', proposed: 'предложено', withdrawn: 'отозвано', applied: 'применено',
  queued: 'в очереди', running: 'выполняется', merging: 'объединяется', validated: 'проверен', succeeded: 'успешно',
  failed: 'ошибка', cancelled: 'отменён', undone: 'отменён', draft: 'черновик', finished: 'завершён',
  'computing features': 'расчёт признаков', clustering: 'кластеризация', saving: 'сохранение',
  // period kinds, actions, separators
  month: 'месяц', quarter: 'квартал', year: 'год', read: 'чтение', create: 'создание', update: 'изменение', delete: 'удаление',
  manage: 'управление', approve: 'одобрение', space: 'пробел',
};

interface Compiled {
  re: RegExp;
  names: string[];
  ru: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile([en, ru]: [string, string]): Compiled {
  const names: string[] = [];
  let src = '^';
  let last = 0;
  for (const m of en.matchAll(/\{(\w+[~#]?)\}/g)) {
    src += escape(en.slice(last, m.index));
    names.push(m[1]!);
    src += m[1] === 'field' ? '([\\w.\\[\\]]+)' : '(.+?)';
    last = m.index! + m[0].length;
  }
  src += escape(en.slice(last)) + '$';
  return { re: new RegExp(src, 's'), names, ru };
}

const COMPILED = CATALOGUE.map(compile);
const EXACT = new Map(CATALOGUE.filter(([en]) => !/\{\w+[~#]?\}/.test(en)).map(([en, ru]) => [en, ru]));

function renderRu(c: Compiled, values: string[], depth: number): string | null {
  const byName = new Map(c.names.map((n, i) => [n, values[i]!]));
  let failed = false;
  const out = c.ru.replace(/\{(\w+[~#]?)\}/g, (_, name: string) => {
    const v = byName.get(name) ?? '';
    if (name.endsWith('~')) {
      // A nested message must itself be known, or this template is not the right one.
      const inner = toRu(v, depth + 1);
      if (inner === null) failed = true;
      return inner ?? v;
    }
    if (name.endsWith('#')) return WORDS[v] ?? v;
    return v;
  });
  return failed ? null : out;
}

function toRu(text: string, depth: number): string | null {
  const exact = EXACT.get(text);
  if (exact !== undefined) return exact;
  if (depth > 3) return null;
  for (const c of COMPILED) {
    const m = c.re.exec(text);
    if (!m) continue;
    const ru = renderRu(c, m.slice(1), depth);
    if (ru !== null) return ru;
  }
  // "a; b; c": a list of messages (validation failures, file problems), each localised.
  if (text.includes('; ')) {
    const parts = text.split('; ').map((p) => toRu(p, depth + 1));
    if (parts.every((p) => p !== null)) return parts.join('; ');
  }
  return null;
}

/** The text in `lang`: English as given; Russian from the catalogue, or the English text when none matches. */
export function localise(text: string, lang: Lang): string;
export function localise(text: string | null, lang: Lang): string | null;
export function localise(text: string | null, lang: Lang): string | null {
  if (text === null || lang === 'en' || text === '') return text;
  return toRu(text, 0) ?? text;
}

/** Whether Russian exists for a text (tests: every message the code writes has one). */
export function hasRussian(text: string): boolean {
  return toRu(text, 0) !== null;
}

/**
 * The reader's language: `?lang=ru|en` (for downloads opened as links, which send the browser's language, not
 * the UI's), else the best of Accept-Language (the admin sends its UI language on every request), else English.
 */
export function languageOf(req: Pick<Request, 'headers'> & { query?: unknown }): Lang {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'ru' || q === 'en') return q;
  const header = req.headers['accept-language'];
  if (typeof header !== 'string' || !header) return 'en';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...rest] = part.trim().split(';');
      const qv = rest.map((r) => /^\s*q=([0-9.]+)/.exec(r)).find(Boolean);
      return { tag: (tag ?? '').trim().toLowerCase(), q: qv ? Number(qv[1]) : 1, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'ru' || tag.startsWith('ru-')) return 'ru';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** The reader's language as a controller parameter. */
export const Language = createParamDecorator((_: unknown, ctx: ExecutionContext): Lang => languageOf(ctx.switchToHttp().getRequest<Request>()));
