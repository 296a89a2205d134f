import ExcelJS from 'exceljs';

export type ColumnKind = 'text' | 'money' | 'int' | 'ratio';
export interface ExportColumn<T> {
  header: string;
  kind: ColumnKind;
  value: (row: T) => string | number | null;
}
export interface ExportTable<T> {
  name: string;
  columns: ExportColumn<T>[];
  rows: T[];
}

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe
 * (OWASP "CSV injection"). Only text columns: money and counts are numbers and stay numbers.
 */
export function escapeFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function cellValue<T>(c: ExportColumn<T>, row: T): string | number | null {
  const v = c.value(row);
  if (v === null) return null;
  return c.kind === 'text' ? escapeFormula(String(v)) : v;
}

export function toCsv<T>(t: ExportTable<T>): string {
  const lines = [t.columns.map((c) => csvCell(escapeFormula(c.header))).join(',')];
  for (const r of t.rows) lines.push(t.columns.map((c) => csvCell(cellValue(c, r))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export async function toXlsx<T>(t: ExportTable<T>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CX Stream';
  const ws = wb.addWorksheet(t.name.slice(0, 31));
  ws.columns = t.columns.map((c) => ({
    header: escapeFormula(c.header),
    width: c.kind === 'text' ? 28 : 16,
    style: c.kind === 'money' ? { numFmt: '#,##0.00' } : c.kind === 'ratio' ? { numFmt: '0.00%' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const r of t.rows) {
    ws.addRow(
      t.columns.map((c) => {
        const v = cellValue(c, r);
        // Money goes in as a number for sums in the sheet; the value is exact to the cent at 14 digits.
        return v === null ? null : c.kind === 'text' ? String(v) : Number(v);
      }),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
