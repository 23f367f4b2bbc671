// Calendar dates as 'YYYY-MM-DD' strings and instants in Beijing time. Everything here is UTC
// arithmetic on day numbers, never local-time Date methods, so the server's TZ cannot shift a date.
import { validationFailed } from '../errors.ts';

/** A calendar date, 'YYYY-MM-DD' (as both database drivers return `date` columns). */
export type IsoDate = string;

const DAY_MS = 86_400_000;
/** China has used UTC+8 all year, without daylight saving, since 1992. */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return [y, mo, d];
}

/** True for a real calendar date written 'YYYY-MM-DD' (years 1900–9999). */
export const isIsoDate = (s: string): boolean => parts(s) !== null;

function partsOrThrow(date: IsoDate, field: string): [number, number, number] {
  const p = parts(date);
  if (!p) throw validationFailed([{ field, message: `日期格式应为 YYYY-MM-DD 且为有效日期：${date}` }]);
  return p;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01. */
export function dayNumber(date: IsoDate, field = 'date'): number {
  const [y, m, d] = partsOrThrow(date, field);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export const fromDayNumber = (n: number): IsoDate => new Date(n * DAY_MS).toISOString().slice(0, 10);

export const yearOf = (date: IsoDate): number => partsOrThrow(date, 'date')[0];

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export const isoWeekdayOfDayNumber = (n: number): number => ((((n + 3) % 7) + 7) % 7) + 1;

export const isoWeekday = (date: IsoDate): number => isoWeekdayOfDayNumber(dayNumber(date));

export const isWeekend = (date: IsoDate): boolean => isoWeekday(date) >= 6;

export const addDays = (date: IsoDate, n: number): IsoDate => fromDayNumber(dayNumber(date) + n);

/** Calendar months, clamped to the month's last day: 2026-01-31 + 1 month = 2026-02-28. */
export function addCalendarMonths(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw validationFailed([{ field: 'months', message: '月数须为整数' }]);
  const [y, m, d] = partsOrThrow(date, 'date');
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const day = Math.min(d, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The Beijing calendar date of an instant. */
export const beijingDateOf = (instant: Date): IsoDate =>
  new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/** Minutes since Beijing midnight of an instant (0–1439). */
export const beijingMinuteOfDay = (instant: Date): number => {
  const ms = (((instant.getTime() + BEIJING_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return Math.floor(ms / 60_000);
};

/** 00:00:00.000 Beijing time on `date` (= the previous day 16:00Z). */
export const startOfBeijingDay = (date: IsoDate): Date =>
  new Date(dayNumber(date) * DAY_MS - BEIJING_OFFSET_MS);

/** A deadline's instant: 23:59:59.999 Beijing time on its last day (= 15:59:59.999Z that day). */
export const endOfBeijingDay = (date: IsoDate): Date =>
  new Date((dayNumber(date) + 1) * DAY_MS - BEIJING_OFFSET_MS - 1);
