import fs from 'node:fs';
import chineseDays from 'chinese-days';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLogger } from '../../../test/helpers/env.ts';
import { isPostgres, startTestSystem, type TestSystem } from '../../../test/helpers/system.ts';
import { openSystem } from '../../system.ts';
import type { Actor } from '../context.ts';
import { DomainError } from '../errors.ts';
import type { WorkingCalendar } from './calendar.ts';
import { addDays, isoWeekday } from './dates.ts';
import { parseHolidayCsv } from './reference.ts';
import { currentCalendar, putCalendarYear } from './service.ts';

// The product's calendar is the one loaded from the database (migrated from reference/calendar/);
// the CSV files are the expectation and the chinese-days package an independent second opinion.
let ts: TestSystem;
let cal: WorkingCalendar;

beforeAll(async () => {
  ts = await startTestSystem();
  cal = await currentCalendar(ts.ctx);
});
afterAll(() => ts?.close());

const csvOf = (year: number) =>
  parseHolidayCsv(
    fs.readFileSync(new URL(`../../../reference/calendar/prc-holidays-${year}.csv`, import.meta.url), 'utf8'),
  );

function daysOfYear(year: number): string[] {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) out.push(d);
  return out;
}

describe.each([2025, 2026])('the official %i arrangement', (year) => {
  const entries = csvOf(year);

  it('every holiday of the notice is a rest day and every 调休 workday a working day', () => {
    expect(entries.length).toBeGreaterThan(30);
    for (const e of entries) {
      expect(cal.isWorkingDay(e.date), `${e.date} ${e.name}`).toBe(e.kind === 'workday');
      expect(cal.entryOf(e.date)).toEqual(e);
      if (e.kind === 'workday') expect(isoWeekday(e.date), e.date).toBeGreaterThanOrEqual(6);
    }
  });

  it('every other Saturday and Sunday is a rest day, every other weekday a working day (all days)', () => {
    const listed = new Set(entries.map((e) => e.date));
    const days = daysOfYear(year);
    expect(days).toHaveLength(365);
    for (const d of days) {
      if (listed.has(d)) continue;
      expect(cal.isWorkingDay(d), d).toBe(isoWeekday(d) <= 5);
    }
  });

  it('agrees with the chinese-days package on every day of the year', () => {
    for (const d of daysOfYear(year)) expect(cal.isWorkingDay(d), d).toBe(chineseDays.isWorkday(d));
  });

  it('has 248 working days', () => {
    expect(cal.countWorkingDays(`${year - 1}-12-31`, `${year}-12-31`)).toBe(248);
  });
});

describe('adding working days (the start day not counted)', () => {
  it.each([
    // 2026 National Day: 10-01 … 10-07 off, Saturday 10-10 worked.
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-10-08', 1, '2026-10-09'],
    ['2026-10-09', 1, '2026-10-10'],
    ['2026-10-10', 1, '2026-10-12'],
    ['2026-09-30', 5, '2026-10-13'],
    ['2026-10-01', 1, '2026-10-08'],
    // Mid-Autumn 09-25 … 09-27 off, Sunday 09-20 worked.
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-09-24', 1, '2026-09-28'],
    // 2026 Spring Festival: 02-15 … 02-23 off, Saturdays 02-14 and 02-28 worked.
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-14', 5, '2026-02-28'],
    ['2026-02-12', 3, '2026-02-24'],
    // New Year across the years: 2026-01-01 … 01-03 off, Sunday 01-04 worked.
    ['2025-12-31', 1, '2026-01-04'],
    ['2025-12-31', 2, '2026-01-05'],
    // 2025 National Day and Mid-Autumn: 10-01 … 10-08 off, 09-28 and 10-11 worked.
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-09-27', 1, '2025-09-28'],
    ['2025-10-10', 1, '2025-10-11'],
    // 2025 Spring Festival: 01-28 … 02-04 off, Sunday 01-26 and Saturday 02-08 worked.
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-27', 1, '2025-02-05'],
    ['2025-02-07', 1, '2025-02-08'],
    // n = 0 is the day itself, even a holiday.
    ['2026-10-03', 0, '2026-10-03'],
  ] as const)('%s + %i WD = %s', (from, n, expected) => {
    expect(cal.addWorkingDays(from, n)).toBe(expected);
    expect(cal.countWorkingDays(from, expected)).toBe(n);
  });

  it('counts working days in (from, to], negative backwards, the inverse of adding', () => {
    expect(cal.countWorkingDays('2026-09-30', '2026-10-08')).toBe(1);
    expect(cal.countWorkingDays('2026-10-08', '2026-09-30')).toBe(-1);
    expect(cal.countWorkingDays('2026-10-01', '2026-10-07')).toBe(0);
    expect(cal.countWorkingDays('2026-05-06', '2026-05-06')).toBe(0);
    for (const from of ['2025-01-20', '2025-09-25', '2026-02-10', '2026-09-15', '2026-12-01']) {
      for (let n = 0; n <= 20; n++) expect(cal.countWorkingDays(from, cal.addWorkingDays(from, n))).toBe(n);
    }
  });

  it('rejects a negative or fractional count', () => {
    expect(() => cal.addWorkingDays('2026-01-05', -1)).toThrow(DomainError);
    expect(() => cal.addWorkingDays('2026-01-05', 1.5)).toThrow(DomainError);
  });
});

describe('when counting starts: working hours close at 17:00 Beijing time', () => {
  // Instants in UTC; Beijing is UTC+8.
  it.each([
    ['Monday 10:00', '2026-01-05T02:00:00Z', '2026-01-05', '2026-01-06'],
    ['Monday 07:30, before opening', '2026-01-04T23:30:00Z', '2026-01-05', '2026-01-06'],
    ['Monday 00:30 Beijing, still Sunday in UTC', '2026-01-04T16:30:00Z', '2026-01-05', '2026-01-06'],
    ['Monday 16:59:59', '2026-01-05T08:59:59Z', '2026-01-05', '2026-01-06'],
    ['Monday 17:00, after hours', '2026-01-05T09:00:00Z', '2026-01-06', '2026-01-07'],
    ['Friday 18:00, after hours', '2026-01-09T10:00:00Z', '2026-01-12', '2026-01-13'],
    ['Saturday', '2026-01-10T02:00:00Z', '2026-01-12', '2026-01-13'],
    ['Sunday 23:00', '2026-01-11T15:00:00Z', '2026-01-12', '2026-01-13'],
    ['调休 Sunday 2026-01-04, a working day', '2026-01-04T02:00:00Z', '2026-01-04', '2026-01-05'],
    ['New Year holiday', '2026-01-01T02:00:00Z', '2026-01-04', '2026-01-05'],
    ['the eve of National Day after hours', '2026-09-30T12:00:00Z', '2026-10-08', '2026-10-09'],
    ['National Day', '2026-10-03T02:00:00Z', '2026-10-08', '2026-10-09'],
    ['Spring Festival eve after hours (Saturday 调休)', '2026-02-14T10:00:00Z', '2026-02-24', '2026-02-25'],
  ])('received %s', (_what, at, start, dueIn1) => {
    const receivedAt = new Date(at);
    expect(cal.startCountingFrom(receivedAt)).toBe(start);
    expect(cal.addWorkingDays(cal.startCountingFrom(receivedAt), 1)).toBe(dueIn1);
    const d = cal.deadlineFor(receivedAt, 1);
    expect(d).toMatchObject({ start, date: dueIn1, provisional: false, missingYears: [] });
    expect(d.dueAt.toISOString()).toBe(`${dueIn1}T15:59:59.999Z`);
  });
});

describe('a year without data (2027)', () => {
  it('strict functions answer 422 naming the year', () => {
    for (const f of [
      () => cal.isWorkingDay('2027-03-01'),
      () => cal.addWorkingDays('2026-12-31', 1),
      () => cal.countWorkingDays('2026-12-01', '2027-01-10'),
      () => cal.startCountingFrom(new Date('2027-01-05T02:00:00Z')),
    ]) {
      const err = (() => {
        try {
          f();
        } catch (e) {
          return e;
        }
      })() as DomainError;
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ status: 422, code: 'calendar-year-missing', title: '缺少该年度工作日历' });
      expect(err.detail).toContain('2027年');
    }
    expect(cal.hasYear(2027)).toBe(false);
  });

  it('deadlines count weekdays only there and are marked provisional', () => {
    expect(cal.computeDue('2026-12-30', 1)).toEqual({
      date: '2026-12-31',
      provisional: false,
      missingYears: [],
    });
    expect(cal.computeDue('2026-12-31', 1)).toEqual({
      date: '2027-01-01',
      provisional: true,
      missingYears: [2027],
    });
    expect(cal.computeDue('2026-12-31', 3)).toEqual({
      date: '2027-01-05',
      provisional: true,
      missingYears: [2027],
    });
    expect(cal.computeWorkingDaysBetween('2026-12-30', '2027-01-04')).toEqual({
      count: 3,
      provisional: true,
      missingYears: [2027],
    });
    // Received on the evening of the last working day of 2026: counting starts on a provisional day.
    const d = cal.deadlineFor(new Date('2026-12-31T10:00:00Z'), 2);
    expect(d).toMatchObject({
      start: '2027-01-01',
      date: '2027-01-05',
      provisional: true,
      missingYears: [2027],
    });
    expect(d.dueAt.toISOString()).toBe('2027-01-05T15:59:59.999Z');
  });
});

describe('one snapshot per database, reloaded when any process changes a year', () => {
  it('sees a change committed by another process at the next call', async () => {
    const before = await currentCalendar(ts.ctx);
    expect(await currentCalendar(ts.ctx)).toBe(before); // unchanged version: the same snapshot
    expect(before.hasYear(2024)).toBe(false);
    // What another server process's PUT leaves in the database (directly, as this process did not do it).
    await ts.ctx.db.transaction().execute(async (trx) => {
      await sql`update calendar_version set version = nextval('calendar_version_seq')`.execute(trx);
      await trx
        .insertInto('calendar_year')
        .values({
          year: 2024,
          source: '测试',
          created_at: ts.clock.now(),
          created_by: 'other',
          updated_at: ts.clock.now(),
          updated_by: 'other',
        })
        .execute();
      await trx
        .insertInto('calendar_day')
        .values({ date: '2024-10-01', year: 2024, kind: 'holiday', name: '国庆节' })
        .execute();
    });
    const after = await currentCalendar(ts.ctx);
    expect(after).not.toBe(before);
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.isWorkingDay('2024-10-01')).toBe(false);
    expect(after.isWorkingDay('2024-10-08')).toBe(true);
  });
});

describe('two server processes on one PostgreSQL database', () => {
  const provincial: Actor = {
    accountId: null,
    username: 'sheng.admin',
    agencyId: null,
    agencyLevel: 'province',
    agencyKind: 'authority',
    roles: ['authority_admin'],
  };
  const yearData = (year: number) => ({
    source: `测试用：${year}年部分节假日安排`,
    days: [{ date: `${year}-01-01`, kind: 'holiday', name: '元旦' }],
  });

  it.skipIf(!isPostgres())(
    'a year entered through one process is used by the other at its next call',
    async () => {
      const other = await openSystem(ts.config, {
        databaseUrl: ts.databaseUrl,
        clock: ts.clock,
        log: quietLogger,
      });
      try {
        const seenByOther = await currentCalendar(other.ctx);
        expect(seenByOther.hasYear(2029)).toBe(false);
        await Promise.all([
          putCalendarYear(ts.ctx, provincial, 2029, yearData(2029)),
          putCalendarYear(other.ctx, provincial, 2030, yearData(2030)),
        ]);
        for (const ctx of [ts.ctx, other.ctx]) {
          const c = await currentCalendar(ctx);
          expect(c.hasYear(2029) && c.hasYear(2030)).toBe(true);
          expect(c.isWorkingDay('2029-01-01')).toBe(false);
          expect(c.addWorkingDays('2029-12-31', 1)).toBe('2030-01-02');
        }
      } finally {
        await other.close();
      }
    },
  );
});
