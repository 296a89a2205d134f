import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { ImportDateFormat, ImportDetected, ImportFormat } from '@cxs/contracts';

/** How much of the file the detector reads (the job reads everything, streaming). */
export const SAMPLE_BYTES = 1 << 20;
export const PREVIEW_ROWS = 20;

function isUtf8(buf: Buffer): boolean {
  // A sample may end in the middle of a multi-byte character: ignore up to 3 trailing bytes.
  for (let cut = 0; cut <= 3 && cut < buf.length; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, buf.length - cut));
      return true;
    } catch {
      /* try shorter */
    }
  }
  return buf.length === 0;
}

export function detectEncoding(sample: Buffer): { encoding: ImportFormat['encoding']; bom: boolean } {
  const bom = sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf;
  if (bom) return { encoding: 'utf-8', bom };
  return { encoding: isUtf8(sample) ? 'utf-8' : 'windows-1251', bom: false };
}

export function decodeSample(sample: Buffer, encoding: ImportFormat['encoding']): string {
  // iconv strips a UTF-8 BOM; a sample cut mid-character leaves at most one replacement char at the end.
  return iconv.decode(sample, encoding === 'utf-8' ? 'utf8' : 'win1251');
}

const DELIMITERS = [',', ';', '\t', '|'];

/** The delimiter that splits the first lines into the same, largest number of fields. */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, 30);
  let best = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => Papa.parse<string[]>(l, { delimiter: d }).data[0]?.length ?? 1);
    if (!counts.length) continue;
    const first = counts[0];
    if (first < 2) continue;
    const consistent = counts.filter((c) => c === first).length / counts.length;
    const score = consistent * 100 + first;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

const RE_DEC_COMMA = /^[-+]?\d{1,3}(?:[ \u00a0.]\d{3})*,\d+$|^[-+]?\d+,\d+$/;
const RE_GROUP_SPACE = /^[-+]?\d{1,3}(?:[ \u00a0]\d{3})+(?:[.,]\d+)?$/;
const RE_GROUP_DOT = /^[-+]?\d{1,3}(?:\.\d{3})+,\d+$/;
const RE_GROUP_COMMA = /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const RE_ISO = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?$/;
const RE_DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const RE_SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Number and date conventions from the sample's cells (columns that look like dates or numbers). */
export function detectConventions(rows: string[][]): Pick<ImportDetected, 'decimal' | 'thousands' | 'dateFormat' | 'dateAmbiguous'> {
  let decComma = 0;
  let decDot = 0;
  let groupSpace = 0;
  let groupDot = 0;
  let groupComma = 0;
  let iso = 0;
  let dotted = 0;
  let slash = 0;
  let dayFirst = false;
  let monthFirst = false;
  for (const row of rows) {
    for (const raw of row) {
      const v = raw.trim();
      if (!v || v.length > 40) continue;
      if (RE_DEC_COMMA.test(v)) decComma++;
      else if (/^[-+]?\d+\.\d+$/.test(v)) decDot++;
      if (RE_GROUP_SPACE.test(v)) groupSpace++;
      if (RE_GROUP_DOT.test(v)) groupDot++;
      if (RE_GROUP_COMMA.test(v) && !RE_DEC_COMMA.test(v)) groupComma++;
      if (RE_ISO.test(v)) iso++;
      else if (RE_DOTTED.test(v)) dotted++;
      else {
        const m = RE_SLASH.exec(v);
        if (m) {
          slash++;
          if (+m[1] > 12) dayFirst = true;
          if (+m[2] > 12) monthFirst = true;
        }
      }
    }
  }
  const decimal = decComma > decDot ? ',' : '.';
  let thousands: ImportFormat['thousands'] = '';
  if (decimal === ',') thousands = groupSpace ? ' ' : groupDot ? '.' : '';
  else thousands = groupComma ? ',' : groupSpace ? ' ' : '';
  let dateFormat: ImportDateFormat = 'YYYY-MM-DD';
  let dateAmbiguous = false;
  const top = Math.max(iso, dotted, slash);
  if (top > 0 && top === dotted) dateFormat = 'DD.MM.YYYY';
  else if (top > 0 && top === slash) {
    if (monthFirst && !dayFirst) dateFormat = 'MM/DD/YYYY';
    else dateFormat = 'DD/MM/YYYY';
    dateAmbiguous = dayFirst === monthFirst; // neither (or both) told them apart
  }
  return { decimal, thousands, dateFormat, dateAmbiguous };
}

export interface SampleInfo {
  detected: ImportDetected;
  headers: string[];
  preview: string[][];
}

/** Everything the wizard shows before the user maps columns: format, header, first rows. */
export function inspectSample(sample: Buffer, complete: boolean): SampleInfo {
  const { encoding, bom } = detectEncoding(sample);
  let text = decodeSample(sample, encoding);
  if (!complete) {
    // Drop the last, possibly cut, line.
    const cut = text.lastIndexOf('\n');
    if (cut > 0) text = text.slice(0, cut);
  }
  const delimiter = detectDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy' });
  const [headers = [], ...rows] = parsed.data;
  const conventions = detectConventions(rows.slice(0, 5000));
  return {
    detected: { delimiter, encoding, bom, ...conventions },
    headers: headers.map((h) => h.trim()),
    preview: rows.slice(0, PREVIEW_ROWS).map((r) => r.map((c) => (c.length > 200 ? `${c.slice(0, 200)}…` : c))),
  };
}

// ─── value parsing (used per row by the job) ───

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function ymd(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > DAYS[m - 1]) return null;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return null;
  if (y < 1900 || y > 2200) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD' or null. ISO is always understood, whatever the file's format. */
export function parseDate(v: string, fmt: ImportDateFormat): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(v);
  if (iso) return ymd(+iso[1], +iso[2], +iso[3]);
  if (fmt === 'DD.MM.YYYY') {
    const m = RE_DOTTED.exec(v);
    return m ? ymd(+m[3], +m[2], +m[1]) : null;
  }
  if (fmt === 'DD/MM/YYYY' || fmt === 'MM/DD/YYYY') {
    const m = RE_SLASH.exec(v);
    if (!m) return null;
    return fmt === 'DD/MM/YYYY' ? ymd(+m[3], +m[2], +m[1]) : ymd(+m[3], +m[1], +m[2]);
  }
  return null;
}

/** A plain decimal string ('-1234.5') or null, honouring the file's decimal and thousands separators. */
export function parseNumber(v: string, decimal: '.' | ',', thousands: ImportFormat['thousands']): string | null {
  let s = v.replace(/\u00a0/g, ' ');
  if (thousands === ' ') s = s.replace(/ /g, '');
  else if (thousands) {
    // Grouping must be in groups of three, else "1,5" in a comma-grouped file would silently become 15.
    const grouped = thousands === ',' ? /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/ : /^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/;
    if (s.includes(thousands)) {
      if (!grouped.test(s)) return null;
      s = s.split(thousands).join('');
    }
  }
  if (decimal === ',') {
    if (s.includes('.')) return null;
    s = s.replace(',', '.');
  }
  if (!/^[-+]?\d+(\.\d+)?$/.test(s)) return null;
  return s.startsWith('+') ? s.slice(1) : s;
}
