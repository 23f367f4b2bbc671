import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../../test/helpers/system.ts';
import { hashPassword } from '../../agencies/passwords.ts';
import { type CalendarChange, currentCalendar, onCalendarChanged } from './service.ts';

let ts: TestSystem;
const tokens: Record<string, string> = {};
const changes: CalendarChange[] = [];

// The demo accounts when the demo province provides them; otherwise stand-ins with the same roles.
const ACCOUNTS = {
  'sheng.admin': { level: 'province', kind: 'authority', region: '230000', role: 'authority_admin' },
  'hrb.admin': { level: 'city', kind: 'authority', region: '230100', role: 'authority_admin' },
  'gat.data': { level: 'province', kind: 'department', region: '230000', role: 'data_officer' },
} as const;

async function tokenFor(username: keyof typeof ACCOUNTS): Promise<string> {
  const exists = await ts.ctx.db
    .selectFrom('account')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  if (!exists) {
    const a = ACCOUNTS[username];
    const db = ts.ctx.db;
    await db
      .insertInto('region')
      .values([
        { code: '230000', name: '黑龙江省', level: 'province', parent_code: null },
        { code: '230100', name: '哈尔滨市', level: 'city', parent_code: '230000' },
      ])
      .onConflict((oc) => oc.doNothing())
      .execute();
    const agency = await db
      .insertInto('agency')
      .values({
        code: `cal-test-${username}`,
        name: `日历测试机构 ${username}`,
        short_name: username,
        kind: a.kind,
        level: a.level,
        region_code: a.region,
        created_at: ts.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const acct = await db
      .insertInto('account')
      .values({
        username,
        display_name: username,
        kind: 'staff',
        agency_id: agency.id,
        password_hash: await hashPassword('Demo#2026hlj'),
        password_changed_at: ts.clock.now(),
        created_at: ts.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('account_role').values({ account_id: acct.id, role: a.role }).execute();
  }
  tokens[username] ??= await ts.login(username);
  return tokens[username];
}

beforeAll(async () => {
  ts = await startTestSystem();
  onCalendarChanged(ts.ctx, (c) => {
    changes.push(c);
  });
});
afterAll(() => ts?.close());

const get = (url: string, token: string | null = null) => ts.call(token, { method: 'GET', url });

// A made-up arrangement for 2027 (the real notice is not out when this is written): test data only.
const YEAR_2027 = {
  source: '测试用：2027年部分节假日安排',
  days: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-01-02', kind: 'holiday', name: '元旦' },
    { date: '2027-01-03', kind: 'holiday', name: '元旦' },
    { date: '2027-02-20', kind: 'workday', name: '春节调休上班' },
  ],
};
const put = (token: string | null, year: number, payload: Record<string, unknown>) =>
  ts.call(token, { method: 'PUT', url: `/api/v1/calendar/years/${year}`, payload });

describe('public working-day arithmetic, no login', () => {
  it('adds working days across the 2026 National Day holiday', async () => {
    const res = await get('/api/v1/calendar/add-working-days?from=2026-09-30&days=1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ date: '2026-10-08' });
    expect((await get('/api/v1/calendar/add-working-days?from=2026-10-09&days=1')).json()).toEqual({
      date: '2026-10-10',
    });
    expect((await get('/api/v1/calendar/add-working-days?from=2026-02-13&days=2')).json()).toEqual({
      date: '2026-02-24',
    });
  });

  it('counts working days in (from, to]', async () => {
    const res = await get('/api/v1/calendar/working-days-between?from=2026-09-30&to=2026-10-12');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ count: 4 });
    expect((await get('/api/v1/calendar/working-days-between?from=2026-10-12&to=2026-09-30')).json()).toEqual(
      {
        count: -4,
      },
    );
  });

  it('answers 400 for a bad date or count', async () => {
    for (const [q, field] of [
      ['from=2026-02-30&days=1', 'from'],
      ['from=2026-9-30&days=1', 'from'],
      ['from=2026-09-30&days=-1', 'days'],
      ['from=2026-09-30&days=abc', 'days'],
      ['from=2026-09-30&days=1.5', 'days'],
      ['days=1', 'from'],
    ]) {
      const res = await get(`/api/v1/calendar/add-working-days?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(
      (await get('/api/v1/calendar/working-days-between?from=2026-01-01&to=2026-13-01')).statusCode,
    ).toBe(400);
  });

  it('answers 422 naming the year when 2027 has no data', async () => {
    const res = await get('/api/v1/calendar/add-working-days?from=2026-12-31&days=1');
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = res.json();
    expect(p).toMatchObject({ title: '缺少该年度工作日历', status: 422, year: 2027 });
    expect(p.type).toMatch(/calendar-year-missing$/);
    expect(p.detail).toContain('2027年');
    const between = await get('/api/v1/calendar/working-days-between?from=2026-12-01&to=2027-01-31');
    expect(between.statusCode).toBe(422);
    expect(between.json().detail).toContain('2027年');
  });
});

describe('years of the calendar', () => {
  it('lists the years with their notices to any staff member (calendar.read)', async () => {
    expect((await get('/api/v1/calendar/years')).statusCode).toBe(401);
    const res = await get('/api/v1/calendar/years', await tokenFor('gat.data'));
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { year: number }) => i.year)).toEqual(expect.arrayContaining([2025, 2026]));
    const y2026 = items.find((i: { year: number }) => i.year === 2026);
    expect(y2026).toMatchObject({ holidayCount: 33, workdayCount: 6, updatedBy: 'system' });
    expect(y2026.source).toContain('国务院办公厅关于2026年部分节假日安排的通知');
    const y2025 = items.find((i: { year: number }) => i.year === 2025);
    expect(y2025).toMatchObject({ holidayCount: 28, workdayCount: 5 });
    expect(y2025.source).toContain('国办发明电〔2024〕12号');
  });

  it('shows one year day by day, 404 for a year without data', async () => {
    const token = await tokenFor('gat.data');
    const res = await get('/api/v1/calendar/years/2026', token);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.days).toHaveLength(39);
    expect(body.days[0]).toEqual({ date: '2026-01-01', kind: 'holiday', name: '元旦' });
    expect(body.days).toContainEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' });
    expect((await get('/api/v1/calendar/years/2030', token)).statusCode).toBe(404);
    expect((await get('/api/v1/calendar/years/2026')).statusCode).toBe(401);
  });

  it('may be entered only by an admin of the provincial data authority', async () => {
    expect((await put(null, 2027, YEAR_2027)).statusCode).toBe(401);
    const dept = await put(await tokenFor('gat.data'), 2027, YEAR_2027);
    expect(dept.statusCode).toBe(403);
    const city = await put(await tokenFor('hrb.admin'), 2027, YEAR_2027);
    expect(city.statusCode).toBe(403);
    expect(city.json().title).toBe('仅省级政务数据主管部门可维护工作日历');
    expect((await get('/api/v1/calendar/add-working-days?from=2026-12-31&days=1')).statusCode).toBe(422);
  });

  it('lists every invalid entry', async () => {
    const res = await put(await tokenFor('sheng.admin'), 2027, {
      source: ' ',
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2026-12-31', kind: 'holiday', name: '元旦' },
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-04', kind: 'workday', name: '调休' },
        { date: '2027-02-30', kind: 'holiday', name: '春节' },
        { date: '2027-03-06', kind: 'rest', name: '' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'source',
      'days[1].date',
      'days[2].date',
      'days[3].kind',
      'days[4].date',
      'days[5].kind',
      'days[5].name',
    ]);
    const empty = await put(await tokenFor('sheng.admin'), 2027, { source: '通知', days: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([{ field: 'days', message: expect.any(String) }]);
    expect((await put(await tokenFor('sheng.admin'), 2027, { days: [] })).statusCode).toBe(400);
  });

  it('adding 2027 makes the same query exact; replacing it is ledgered with counts', async () => {
    const token = await tokenFor('sheng.admin');
    const provisional = (await currentCalendar(ts.ctx)).computeDue('2026-12-31', 1);
    expect(provisional).toEqual({ date: '2027-01-01', provisional: true, missingYears: [2027] });

    const created = await put(token, 2027, YEAR_2027);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      year: 2027,
      holidayCount: 3,
      workdayCount: 1,
      updatedBy: 'sheng.admin',
    });
    const exact = await get('/api/v1/calendar/add-working-days?from=2026-12-31&days=1');
    expect(exact.statusCode).toBe(200);
    expect(exact.json()).toEqual({ date: '2027-01-04' });
    expect((await currentCalendar(ts.ctx)).computeDue('2026-12-31', 1)).toEqual({
      date: '2027-01-04',
      provisional: false,
      missingYears: [],
    });
    expect((await get('/api/v1/calendar/add-working-days?from=2027-02-19&days=1')).json()).toEqual({
      date: '2027-02-20',
    });

    const replaced = await put(token, 2027, { ...YEAR_2027, days: YEAR_2027.days.slice(0, 1) });
    expect(replaced.statusCode).toBe(200);
    expect((await get('/api/v1/calendar/add-working-days?from=2027-02-19&days=1')).json()).toEqual({
      date: '2027-02-22',
    });

    const events = await ts.ctx.db
      .selectFrom('ledger_event')
      .select(['action', 'subject', 'actor', 'details'])
      .where('action', '=', 'calendar.year.put')
      .orderBy('seq')
      .execute();
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      subject: 'calendar-year:2027',
      actor: 'sheng.admin',
      details: { year: 2027, holidays: 3, workdays: 1, replaced: false },
    });
    expect(events[1]!.details).toMatchObject({
      holidays: 1,
      workdays: 0,
      replaced: true,
      previous: { holidays: 3, workdays: 1 },
    });
    expect(changes.map((c) => [c.year, c.replaced])).toEqual([
      [2027, false],
      [2027, true],
    ]);
  });
});
