import dayjs from 'dayjs';
import type { CalendarDay, CalendarDayKind } from '../types.ts';

export interface CsvLineError {
  line: number;
  message: string;
}

export interface CsvParseResult {
  days: CalendarDay[];
  errors: CsvLineError[];
}

const KIND_ALIASES: Record<string, CalendarDayKind> = {
  holiday: 'holiday',
  休: 'holiday',
  假: 'holiday',
  workday: 'workday',
  班: 'workday',
  上班: 'workday',
};

/** Parses pasted `date,kind,name` lines (header line, blank lines and # comments are skipped). */
export function parseCalendarCsv(text: string, year: number | null): CsvParseResult {
  const days: CalendarDay[] = [];
  const errors: CsvLineError[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const n = index + 1;
    if (!line || line.startsWith('#') || /^date\s*[,，]/i.test(line)) return;
    const [date = '', kindRaw = '', ...nameParts] = line.split(/[,，\t]/).map((s) => s.trim());
    const name = nameParts.join(',').trim();
    const d = dayjs(date);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !d.isValid() || d.format('YYYY-MM-DD') !== date) {
      errors.push({ line: n, message: `日期“${date}”无效，应为 YYYY-MM-DD 格式` });
      return;
    }
    if (year !== null && d.year() !== year) {
      errors.push({ line: n, message: `日期 ${date} 不属于 ${year} 年` });
      return;
    }
    const kind = KIND_ALIASES[kindRaw.toLowerCase()];
    if (!kind) {
      errors.push({ line: n, message: `类型“${kindRaw}”无效，应为 holiday（休）或 workday（班）` });
      return;
    }
    if (!name) {
      errors.push({ line: n, message: '缺少名称，例如“春节”' });
      return;
    }
    if (seen.has(date)) {
      errors.push({ line: n, message: `日期 ${date} 重复` });
      return;
    }
    seen.add(date);
    days.push({ date, kind, name });
  });
  days.sort((a, b) => a.date.localeCompare(b.date));
  return { days, errors };
}

export function toCalendarCsv(days: CalendarDay[]): string {
  return days.map((d) => `${d.date},${d.kind},${d.name}`).join('\n');
}
