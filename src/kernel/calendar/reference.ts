// The official holiday arrangements the product ships with (reference/calendar/, see its README).
// Later years are entered by the provincial data authority through the API.
import fs from 'node:fs';
import type { CalendarDay, CalendarYearData } from './calendar.ts';
import { isIsoDate } from './dates.ts';

export const REFERENCE_YEARS: { year: number; file: string; source: string }[] = [
  {
    year: 2025,
    file: 'prc-holidays-2025.csv',
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）',
  },
  {
    year: 2026,
    file: 'prc-holidays-2026.csv',
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
  },
];

/** Parses `date,kind,name` lines (header first; names contain no commas). */
export function parseHolidayCsv(text: string, file = 'csv'): CalendarDay[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0]?.trim() !== 'date,kind,name') throw new Error(`${file}: header must be date,kind,name`);
  return lines.slice(1).map((line, i) => {
    const [date, kind, name, ...rest] = line.split(',').map((s) => s.trim());
    if (rest.length || !date || !isIsoDate(date) || (kind !== 'holiday' && kind !== 'workday') || !name) {
      throw new Error(`${file}:${i + 2}: bad line ${JSON.stringify(line)}`);
    }
    return { date, kind, name };
  });
}

export function readReferenceYear(year: number): CalendarYearData {
  const ref = REFERENCE_YEARS.find((r) => r.year === year);
  if (!ref) throw new Error(`no reference calendar for ${year}`);
  const url = new URL(`../../../reference/calendar/${ref.file}`, import.meta.url);
  return { year, source: ref.source, days: parseHolidayCsv(fs.readFileSync(url, 'utf8'), ref.file) };
}
