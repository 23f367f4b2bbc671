import type ExcelJS from 'exceljs';
import { rowError } from './types.ts';

// What a cell holds, as the text a person sees in Excel — exceljs gives numbers, dates, rich
// text, formulas and errors as different shapes.

/** Excel keeps 15 significant digits; a number this large has lost digits (an ID typed as a number). */
export const EXCEL_PRECISION_LIMIT = 1e15;

/** Column letters: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The format says date or time (exceljs' own rule: y m d h s outside quotes and brackets). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhsb]/i.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** An Excel serial day number (1900 system) as a date. */
export function excelSerialToDate(serial: number, date1904 = false): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** 'YYYY-MM-DD', 'YYYY-MM-DD HH:mm:ss' when there is a time, 'HH:mm:ss' for a time of day alone. */
export function dateText(d: Date, date1904 = false): string {
  // Excel dates carry no zone; exceljs makes them UTC. Rounded to the second as Excel shows them.
  const iso = new Date(Math.round(d.getTime() / 1000) * 1000).toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  // Day zero of the workbook's date system: a time of day without a date.
  if (day === (date1904 ? '1904-01-01' : '1899-12-30')) return time;
  return time === '00:00:00' ? day : `${day} ${time}`;
}

/** A number as Excel shows it in General format: 15 significant digits, never an exponent. */
export function numberText(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const s = String(Number(v.toPrecision(15)));
  return s.includes('e')
    ? v.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 15 })
    : s;
}

export interface CellPlace {
  row: number;
  col: number;
  header: string | undefined;
}

const place = (p: CellPlace) => `${columnLetter(p.col)} 列${p.header ? `（${p.header}）` : ''}`;

function fromNumber(v: number, numFmt: string | undefined, p: CellPlace, date1904: boolean): string {
  if (isDateFormat(numFmt)) return dateText(excelSerialToDate(v, date1904), date1904);
  if (Math.abs(v) >= EXCEL_PRECISION_LIMIT)
    throw rowError(
      p.row,
      `${place(p)}的数值 ${numberText(v)} 超过 15 位，Excel 只保留 15 位有效数字，末尾数字已经丢失；` +
        '身份证号、统一社会信用代码等长编码请把该列设置为“文本”格式后重新录入',
    );
  return numberText(v);
}

/** The text of one cell, null when empty. */
export function cellText(
  v: ExcelJS.CellValue | undefined,
  numFmt: string | undefined,
  p: CellPlace,
  date1904 = false,
): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return fromNumber(v, numFmt, p, date1904);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return dateText(v, date1904);
  if ('richText' in v) return v.richText.map((r) => r.text ?? '').join('') || null;
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as ExcelJS.CellFormulaValue).result;
    if (result !== null && typeof result === 'object' && 'error' in result) return result.error;
    return cellText(result as ExcelJS.CellValue, numFmt, p, date1904);
  }
  if ('error' in v) return v.error;
  if ('text' in v) return cellText(v.text as ExcelJS.CellValue, numFmt, p, date1904);
  return null;
}
