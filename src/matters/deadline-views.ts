// How a deadline reads: its rule (name, article, text) from the rulebook version that set it, and
// its countdown in working days on the official calendar.
import { addDays, beijingDateOf, type WorkingCalendar } from '../kernel/calendar/index.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import type { DeadlineStatus } from './schema.ts';

export interface DeadlineView {
  id: number;
  matterId: number;
  ruleKey: string;
  name: string;
  article: string;
  articleText: string;
  startsOn: string;
  dueDate: string;
  dueAt: string;
  status: DeadlineStatus;
  metAt: string | null;
  /** Met after its due time. */
  late: boolean;
  extendedFrom: string | null;
  provisional: boolean;
  ruleVersion: { id: number; name: string };
  remainingWorkingDays: number | null;
  overdueWorkingDays: number | null;
}

export function deadlineQuery(db: Db | Trx) {
  return db
    .selectFrom('deadline as d')
    .innerJoin('rulebook_rule as r', (j) =>
      j.onRef('r.version_id', '=', 'd.rule_version_id').onRef('r.key', '=', 'd.rule_key'),
    )
    .innerJoin('rulebook_version as v', 'v.id', 'd.rule_version_id')
    .select([
      'd.id',
      'd.matter_id',
      'd.rule_key',
      'd.article',
      'd.starts_on',
      'd.due_date',
      'd.due_at',
      'd.status',
      'd.met_at',
      'd.late',
      'd.extended_from',
      'd.provisional',
      'd.responsible_agency_id',
      'd.rule_version_id',
      'r.name',
      'r.article_text',
      'v.name as version_name',
    ]);
}

export type DeadlineRow = Awaited<ReturnType<ReturnType<typeof deadlineQuery>['execute']>>[number];

/**
 * An open deadline past its due time reads as overdue even before the sweep has marked it (the sweep
 * runs every minute; the reader should never see a stale "open").
 */
export const effectiveStatus = (status: DeadlineStatus, dueAt: Date, now: Date): DeadlineStatus =>
  status === 'open' && dueAt < now ? 'overdue' : status;

/**
 * Working days left including today and the due day (due today = 1, never 0; on the day of receipt,
 * which is not counted, the full limit), or working days past the due date (at least 1 once overdue,
 * even on the rest days right after it).
 */
export function countdown(
  cal: WorkingCalendar,
  now: Date,
  startsOn: string,
  dueDate: string,
  status: DeadlineStatus,
): { remaining: number | null; overdue: number | null } {
  const today = beijingDateOf(now);
  if (status === 'open') {
    // Today counts when it is a working day after the start (the day of receipt never counts).
    const yesterday = addDays(today, -1);
    const from = yesterday > startsOn ? yesterday : startsOn;
    return { remaining: Math.max(1, cal.computeWorkingDaysBetween(from, dueDate).count), overdue: null };
  }
  if (status === 'overdue') {
    return { remaining: null, overdue: Math.max(1, cal.computeWorkingDaysBetween(dueDate, today).count) };
  }
  return { remaining: null, overdue: null };
}

export function toDeadlineView(row: DeadlineRow, cal: WorkingCalendar, now: Date): DeadlineView {
  const status = effectiveStatus(row.status, row.due_at, now);
  const c = countdown(cal, now, row.starts_on, row.due_date, status);
  return {
    id: row.id,
    matterId: row.matter_id,
    ruleKey: row.rule_key,
    name: row.name,
    article: row.article,
    articleText: row.article_text,
    startsOn: row.starts_on,
    dueDate: row.due_date,
    dueAt: row.due_at.toISOString(),
    status,
    metAt: row.met_at ? row.met_at.toISOString() : null,
    late: row.late === true,
    extendedFrom: row.extended_from,
    provisional: row.provisional,
    ruleVersion: { id: row.rule_version_id, name: row.version_name },
    remainingWorkingDays: c.remaining,
    overdueWorkingDays: c.overdue,
  };
}
