// The working-day calendar: pure, built from the years an authority has entered (holidays and 调休
// make-up workdays per the State Council's notice for each year). Every other Saturday and Sunday
// is a rest day and every other weekday a working day.
import { DomainError, validationFailed } from '../errors.ts';
import {
  beijingDateOf,
  beijingMinuteOfDay,
  dayNumber,
  endOfBeijingDay,
  fromDayNumber,
  type IsoDate,
  isoWeekdayOfDayNumber,
} from './dates.ts';

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: IsoDate;
  /** holiday: a rest day of the notice (weekends inside a holiday span included); workday: 调休上班. */
  kind: CalendarDayKind;
  name: string;
}

export interface CalendarYearData {
  year: number;
  source: string;
  days: CalendarDay[];
}

/**
 * Working hours close at 17:00 Beijing time (the usual 8:30–17:00 of government offices). A matter
 * that arrives at or after closing, or on a rest day, could not be handled that day: it is treated as
 * received on the next working day. Before 08:30 on a working day it counts as received that day,
 * which changes nothing, since the day of receipt is never counted.
 */
export const WORKING_HOURS = { open: '08:30', close: '17:00' } as const;
const CLOSE_MINUTE = 17 * 60;

/** A computation that may have crossed into years without data (counted Mon–Fri there). */
export interface Provisional {
  /** True when some day was judged by the weekday rule only, because its year has no data. */
  provisional: boolean;
  /** The years without data that the computation touched (to recompute once they are entered). */
  missingYears: number[];
}

export interface Deadline extends Provisional {
  /** The effective date of receipt (see startCountingFrom); not counted. */
  start: IsoDate;
  /** The last working day. */
  date: IsoDate;
  /** The end of that day in Beijing time. */
  dueAt: Date;
}

export const calendarYearMissing = (year: number) =>
  new DomainError(422, 'calendar-year-missing', '缺少该年度工作日历', {
    detail: `${year}年的节假日安排尚未录入，无法按工作日计算；请省级政务数据主管部门依国务院办公厅通知录入`,
    extra: { year },
  });

const yearOfDayNumber = (n: number): number => Number(fromDayNumber(n).slice(0, 4));

function checkCount(n: number, field = 'days'): void {
  if (!Number.isInteger(n) || n < 0) throw validationFailed([{ field, message: '工作日数须为非负整数' }]);
}

/** How days are judged: strictly (an unknown year throws 422) or provisionally (collecting the years). */
type Mode = { strict: true } | { strict: false; missing: Set<number> };

export class WorkingCalendar {
  /** The database version this snapshot was loaded at (0 when built in memory). */
  readonly version: number;
  readonly #years = new Map<number, { source: string }>();
  readonly #days = new Map<number, CalendarDay>();

  constructor(years: Iterable<CalendarYearData>, version = 0) {
    this.version = version;
    for (const y of years) {
      this.#years.set(y.year, { source: y.source });
      for (const d of y.days) this.#days.set(dayNumber(d.date), d);
    }
  }

  hasYear(year: number): boolean {
    return this.#years.has(year);
  }

  years(): number[] {
    return [...this.#years.keys()].sort((a, b) => a - b);
  }

  /** The holiday or 调休 entry of a date, if the notice lists it. */
  entryOf(date: IsoDate): CalendarDay | undefined {
    return this.#days.get(dayNumber(date));
  }

  #working(n: number, mode: Mode): boolean {
    const entry = this.#days.get(n);
    if (entry) return entry.kind === 'workday';
    const year = yearOfDayNumber(n);
    if (!this.#years.has(year)) {
      if (mode.strict) throw calendarYearMissing(year);
      mode.missing.add(year);
    }
    return isoWeekdayOfDayNumber(n) <= 5;
  }

  #add(from: IsoDate, n: number, mode: Mode): IsoDate {
    checkCount(n);
    let d = dayNumber(from, 'from');
    for (let left = n; left > 0; ) {
      d += 1;
      if (this.#working(d, mode)) left -= 1;
    }
    return fromDayNumber(d);
  }

  #count(from: IsoDate, to: IsoDate, mode: Mode): number {
    const a = dayNumber(from, 'from');
    const b = dayNumber(to, 'to');
    const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let d = lo + 1; d <= hi; d++) if (this.#working(d, mode)) count += 1;
    return sign * count;
  }

  #start(receivedAt: Date, mode: Mode): IsoDate {
    const day = beijingDateOf(receivedAt);
    const n = dayNumber(day);
    if (this.#working(n, mode) && beijingMinuteOfDay(receivedAt) < CLOSE_MINUTE) return day;
    return this.#add(day, 1, mode);
  }

  /** Strict: throws 422 calendar-year-missing when the date's year has no data. */
  isWorkingDay(date: IsoDate): boolean {
    return this.#working(dayNumber(date), { strict: true });
  }

  /** The n-th working day after `from` (`from` itself is not counted; n = 0 gives `from`). Strict. */
  addWorkingDays(from: IsoDate, n: number): IsoDate {
    return this.#add(from, n, { strict: true });
  }

  /**
   * Working days in the half-open interval (from, to]: `from` not counted, `to` counted, so
   * countWorkingDays(a, addWorkingDays(a, n)) = n. Negative (−count in (to, from]) when to < from.
   * Strict.
   */
  countWorkingDays(from: IsoDate, to: IsoDate): number {
    return this.#count(from, to, { strict: true });
  }

  /**
   * The effective date of receipt for counting a time limit: the Beijing date of receipt when that is
   * a working day and the matter came in before 17:00; otherwise the next working day, as if it had
   * arrived then. Either way that date itself is not counted: the limit's last day is
   * addWorkingDays(startCountingFrom(receivedAt), n). Strict.
   */
  startCountingFrom(receivedAt: Date): IsoDate {
    return this.#start(receivedAt, { strict: true });
  }

  /**
   * addWorkingDays for deadlines: never throws for a missing year but counts Mon–Fri there and marks
   * the result provisional, to be recomputed when the year's data is entered.
   */
  computeDue(from: IsoDate, n: number): Provisional & { date: IsoDate } {
    const mode = { strict: false as const, missing: new Set<number>() };
    const date = this.#add(from, n, mode);
    return { date, ...provisionalOf(mode.missing) };
  }

  /** countWorkingDays, provisional where a year has no data (for countdowns of provisional deadlines). */
  computeWorkingDaysBetween(from: IsoDate, to: IsoDate): Provisional & { count: number } {
    const mode = { strict: false as const, missing: new Set<number>() };
    const count = this.#count(from, to, mode);
    return { count, ...provisionalOf(mode.missing) };
  }

  /** A time limit of n working days for a matter received at `receivedAt`, provisional if need be. */
  deadlineFor(receivedAt: Date, n: number): Deadline {
    const mode = { strict: false as const, missing: new Set<number>() };
    const start = this.#start(receivedAt, mode);
    const date = this.#add(start, n, mode);
    return { start, date, dueAt: endOfBeijingDay(date), ...provisionalOf(mode.missing) };
  }
}

function provisionalOf(missing: Set<number>): Provisional {
  const missingYears = [...missing].sort((a, b) => a - b);
  return { provisional: missingYears.length > 0, missingYears };
}
