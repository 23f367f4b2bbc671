// The calendar as the system keeps it: years in the database, one in-memory snapshot per database.
//
// Several server processes share one database, so a snapshot is never trusted blindly: each call reads
// the one-row calendar_version (a primary-key lookup, far cheaper than any deadline it guards) and
// reloads when another process has changed a year. Writers bump the version from a sequence while
// holding its row lock, so versions grow in commit order and a rolled-back change never reuses one.
import { sql } from 'kysely';
import { type Actor, type Ctx, inTransaction } from '../context.ts';
import type { Db, Trx } from '../db/schema.ts';
import { DomainError, type FieldError, notFound, validationFailed } from '../errors.ts';
import { type CalendarDay, type CalendarYearData, WorkingCalendar } from './calendar.ts';
import { isIsoDate, isWeekend } from './dates.ts';

const snapshots = new WeakMap<Db, WorkingCalendar>();

async function versionOf(db: Db | Trx): Promise<number> {
  const row = await db.selectFrom('calendar_version').select('version').executeTakeFirstOrThrow();
  return Number(row.version);
}

/**
 * The current calendar. Inside a transaction pass its `tx.db` (PGlite has one connection: a query on
 * ctx.db would wait for the transaction to end). Do not call it in a transaction that changes years.
 */
export async function currentCalendar(ctx: Ctx, db: Db | Trx = ctx.db): Promise<WorkingCalendar> {
  const version = await versionOf(db);
  const cached = snapshots.get(ctx.db);
  if (cached && cached.version >= version) return cached;
  // The version is read before the rows: a change committed in between is at worst cached under the
  // older version (and replaced at the next call), never old rows under the newer version.
  const years = await db.selectFrom('calendar_year').select(['year', 'source']).orderBy('year').execute();
  const days = await db.selectFrom('calendar_day').select(['date', 'kind', 'name', 'year']).execute();
  const byYear = new Map<number, CalendarYearData>(years.map((y) => [y.year, { ...y, days: [] }]));
  for (const d of days) byYear.get(d.year)?.days.push({ date: d.date, kind: d.kind, name: d.name });
  const cal = new WorkingCalendar(byYear.values(), version);
  const latest = snapshots.get(ctx.db);
  if (!latest || latest.version < version) snapshots.set(ctx.db, cal);
  return cal;
}

export interface CalendarChange {
  year: number;
  /** False when the year was entered for the first time. */
  replaced: boolean;
  version: number;
}

type Listener = (change: CalendarChange) => void | Promise<void>;
const listeners = new WeakMap<Db, Set<Listener>>();

/**
 * Called after a year is added or changed through this process (after commit). Other processes do
 * not hear it: the matters engine keeps `provisional` and the missing years on each deadline, and its
 * sweep recomputes those whose years currentCalendar().hasYear() now knows — that is the durable
 * path; this is the prompt one. Returns an unsubscribe function.
 */
export function onCalendarChanged(ctx: Ctx, listener: Listener): () => void {
  const set = listeners.get(ctx.db) ?? new Set<Listener>();
  listeners.set(ctx.db, set);
  set.add(listener);
  return () => set.delete(listener);
}

export interface CalendarYearSummary {
  year: number;
  source: string;
  holidayCount: number;
  workdayCount: number;
  updatedAt: string;
  updatedBy: string;
}

export async function listCalendarYears(ctx: Ctx): Promise<CalendarYearSummary[]> {
  const rows = await ctx.db
    .selectFrom('calendar_year as y')
    .leftJoin('calendar_day as d', 'd.year', 'y.year')
    .select((eb) => [
      'y.year',
      'y.source',
      'y.updated_at',
      'y.updated_by',
      eb.fn.countAll<number>().filterWhere('d.kind', '=', 'holiday').as('holidays'),
      eb.fn.countAll<number>().filterWhere('d.kind', '=', 'workday').as('workdays'),
    ])
    .groupBy(['y.year', 'y.source', 'y.updated_at', 'y.updated_by'])
    .orderBy('y.year')
    .execute();
  return rows.map((r) => ({
    year: r.year,
    source: r.source,
    holidayCount: Number(r.holidays),
    workdayCount: Number(r.workdays),
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.updated_by,
  }));
}

export async function getCalendarYear(ctx: Ctx, year: number): Promise<CalendarYearData> {
  const y = await ctx.db
    .selectFrom('calendar_year')
    .select(['year', 'source'])
    .where('year', '=', year)
    .executeTakeFirst();
  if (!y) throw notFound(`${year}年工作日历`);
  const days = await ctx.db
    .selectFrom('calendar_day')
    .select(['date', 'kind', 'name'])
    .where('year', '=', year)
    .orderBy('date')
    .execute();
  return { year: y.year, source: y.source, days };
}

/** Only the provincial data authority enters the national arrangement, once for the whole province. */
export function assertMayManageCalendar(actor: Actor): void {
  if (actor.agencyLevel !== 'province' || actor.agencyKind !== 'authority') {
    throw new DomainError(403, 'calendar-provincial-authority-only', '仅省级政务数据主管部门可维护工作日历', {
      detail: '节假日安排全省统一，由省级政务数据主管部门依国务院办公厅通知录入和修改',
    });
  }
}

export interface CalendarYearInput {
  source: string;
  days: { date: string; kind: string; name: string }[];
}

/** Every invalid entry, named like `days[3].date`. */
export function validateCalendarYear(year: number, input: CalendarYearInput): CalendarDay[] {
  const errors: FieldError[] = [];
  if (!input.source.trim())
    errors.push({ field: 'source', message: '须注明依据的通知（文件名称、文号或日期）' });
  if (input.source.length > 500) errors.push({ field: 'source', message: '不得超过500个字符' });
  if (!input.days.length) errors.push({ field: 'days', message: '至少须有一天节假日或调休上班日' });
  const seen = new Map<string, number>();
  input.days.forEach((d, i) => {
    const at = `days[${i}]`;
    if (!isIsoDate(d.date))
      errors.push({ field: `${at}.date`, message: '日期格式应为 YYYY-MM-DD 且为有效日期' });
    else if (!d.date.startsWith(`${year}-`))
      errors.push({ field: `${at}.date`, message: `日期须在${year}年内` });
    else if (seen.has(d.date)) {
      errors.push({ field: `${at}.date`, message: `日期重复（与 days[${seen.get(d.date)}] 相同）` });
    } else seen.set(d.date, i);
    if (d.kind !== 'holiday' && d.kind !== 'workday') {
      errors.push({ field: `${at}.kind`, message: '类型须为 holiday（放假）或 workday（调休上班）' });
    } else if (d.kind === 'workday' && isIsoDate(d.date) && !isWeekend(d.date)) {
      errors.push({ field: `${at}.kind`, message: '调休上班日须为周六或周日（工作日本来就上班）' });
    }
    if (!d.name.trim()) errors.push({ field: `${at}.name`, message: '名称不能为空' });
    else if (d.name.trim().length > 50) errors.push({ field: `${at}.name`, message: '名称不得超过50个字符' });
  });
  if (errors.length) throw validationFailed(errors);
  return input.days.map((d) => ({ date: d.date, kind: d.kind as CalendarDay['kind'], name: d.name.trim() }));
}

/** Enters or replaces a year's arrangement, in one transaction, ledgered. */
export async function putCalendarYear(
  ctx: Ctx,
  actor: Actor,
  year: number,
  input: CalendarYearInput,
): Promise<{ summary: CalendarYearSummary; replaced: boolean }> {
  assertMayManageCalendar(actor);
  const days = validateCalendarYear(year, input);
  const source = input.source.trim();
  const change = await inTransaction(ctx, actor, async (tx) => {
    // Taking the version row first serialises calendar writers across processes.
    const v = await tx.db
      .updateTable('calendar_version')
      .set({ version: sql<number>`nextval('calendar_version_seq')` })
      .returning('version')
      .executeTakeFirstOrThrow();
    const before = await tx.db
      .selectFrom('calendar_day')
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere('kind', '=', 'holiday').as('holidays'),
        eb.fn.countAll<number>().filterWhere('kind', '=', 'workday').as('workdays'),
      ])
      .where('year', '=', year)
      .executeTakeFirstOrThrow();
    const existed = await tx.db
      .selectFrom('calendar_year')
      .select('year')
      .where('year', '=', year)
      .executeTakeFirst();
    const who = { updated_at: tx.now, updated_by: actor.username, updated_by_agency_id: actor.agencyId };
    if (existed) {
      await tx.db
        .updateTable('calendar_year')
        .set({ source, ...who })
        .where('year', '=', year)
        .execute();
      await tx.db.deleteFrom('calendar_day').where('year', '=', year).execute();
    } else {
      await tx.db
        .insertInto('calendar_year')
        .values({ year, source, created_at: tx.now, created_by: actor.username, ...who })
        .execute();
    }
    await tx.db
      .insertInto('calendar_day')
      .values(days.map((d) => ({ ...d, year })))
      .execute();
    const counts = {
      holidays: days.filter((d) => d.kind === 'holiday').length,
      workdays: days.filter((d) => d.kind === 'workday').length,
    };
    tx.record({
      action: 'calendar.year.put',
      subject: `calendar-year:${year}`,
      details: {
        year,
        source,
        ...counts,
        replaced: Boolean(existed),
        ...(existed
          ? { previous: { holidays: Number(before.holidays), workdays: Number(before.workdays) } }
          : {}),
      },
    });
    return {
      summary: {
        year,
        source,
        holidayCount: counts.holidays,
        workdayCount: counts.workdays,
        updatedAt: tx.now.toISOString(),
        updatedBy: actor.username,
      },
      replaced: Boolean(existed),
      version: Number(v.version),
    };
  });
  await notify(ctx, { year, replaced: change.replaced, version: change.version });
  return { summary: change.summary, replaced: change.replaced };
}

async function notify(ctx: Ctx, change: CalendarChange): Promise<void> {
  await currentCalendar(ctx); // refresh this process's snapshot before anyone recomputes
  for (const l of listeners.get(ctx.db) ?? []) {
    try {
      await l(change);
    } catch (err) {
      ctx.log.error({ err, change }, 'calendar change listener failed');
    }
  }
}
