import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { WorkingCalendar } from './calendar.ts';
import {
  addCalendarMonths,
  addDays,
  beijingDateOf,
  beijingMinuteOfDay,
  endOfBeijingDay,
  isIsoDate,
  isoWeekday,
  startOfBeijingDay,
} from './dates.ts';
import { readReferenceYear } from './reference.ts';

describe('dates as YYYY-MM-DD strings', () => {
  it('validates real dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-1-5', '20260105', '', '2026-04-31']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
    expect(() => addDays('2026-02-30', 1)).toThrow(DomainError);
  });

  it('knows the weekday (1 = Monday … 7 = Sunday)', () => {
    expect(isoWeekday('2026-01-05')).toBe(1);
    expect(isoWeekday('2026-10-10')).toBe(6);
    expect(isoWeekday('2026-01-04')).toBe(7);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-31')).toBe(3);
  });

  it('adds calendar months clamped to the month end', () => {
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addCalendarMonths('2026-05-15', 3)).toBe('2026-08-15');
    expect(addCalendarMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(addCalendarMonths('2026-08-31', 0)).toBe('2026-08-31');
  });
});

// The CI runs the suite under TZ=UTC and TZ=Asia/Shanghai; here the same process also switches TZ
// (Node applies a change of process.env.TZ at once) to prove no local-time method is involved.
describe('Beijing time, whatever the server TZ', () => {
  const original = process.env.TZ;
  afterAll(() => {
    process.env.TZ = original;
  });
  const zones = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Europe/Berlin'];
  const cal = new WorkingCalendar([readReferenceYear(2025), readReferenceYear(2026)]);

  function snapshot() {
    return {
      end: endOfBeijingDay('2026-10-09').toISOString(),
      start: startOfBeijingDay('2026-10-09').toISOString(),
      dateLate: beijingDateOf(new Date('2026-03-08T16:00:00Z')),
      dateEarly: beijingDateOf(new Date('2026-03-08T15:59:59.999Z')),
      minute: beijingMinuteOfDay(new Date('2026-03-08T09:00:00Z')),
      months: addCalendarMonths('2026-03-31', 1),
      counting: cal.startCountingFrom(new Date('2026-01-09T10:00:00Z')),
      due: cal.deadlineFor(new Date('2026-09-30T12:00:00Z'), 1).dueAt.toISOString(),
    };
  }

  it('endOfBeijingDay is 23:59:59.999 +08:00, i.e. 15:59:59.999Z, in every TZ', () => {
    const seen = new Set<string>();
    const hours = new Set<number>();
    for (const tz of zones) {
      process.env.TZ = tz;
      hours.add(new Date(0).getHours()); // the switch really changes local time
      const s = snapshot();
      expect(s).toEqual({
        end: '2026-10-09T15:59:59.999Z',
        start: '2026-10-08T16:00:00.000Z',
        dateLate: '2026-03-09',
        dateEarly: '2026-03-08',
        minute: 17 * 60,
        months: '2026-04-30',
        counting: '2026-01-12',
        due: '2026-10-09T15:59:59.999Z',
      });
      seen.add(JSON.stringify(s));
    }
    expect(hours.size).toBeGreaterThan(1);
    expect(seen.size).toBe(1);
  });

  it('beijingDateOf turns at 16:00Z', () => {
    expect(beijingDateOf(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    expect(beijingDateOf(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(beijingMinuteOfDay(new Date('2026-12-31T16:00:00Z'))).toBe(0);
    expect(beijingMinuteOfDay(new Date('2026-12-31T15:59:00Z'))).toBe(1439);
  });
});
