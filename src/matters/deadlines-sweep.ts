// The deadline sweep (Art. 42 跟踪督办): one process at a time (a database lease) marks overdue
// deadlines and warns the responsible agency and its supervising authority; it also recomputes
// provisional deadlines once the calendar knows their years.
import { supervisingAuthorityOf } from '../agencies/relations.ts';
import { currentCalendar, endOfBeijingDay } from '../kernel/calendar/index.ts';
import { type Ctx, inTransaction, systemActor } from '../kernel/context.ts';
import { runExclusive } from '../kernel/jobs/lease.ts';
import { sendMessage } from '../messages/service.ts';
import { computeDue } from './deadlines.ts';

const BATCH = 200;
const LEASE_MS = 5 * 60_000;
export const SWEEP_LEASE = 'deadline-sweep';

const fmtDate = (d: string) =>
  `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * Marks up to BATCH open deadlines past their due time overdue, in one transaction. The single
 * `update … where status = 'open' … returning` makes each deadline change once, even when two
 * processes run it at the same moment (the second waits on the row and then no longer matches).
 */
export async function markOverdueDeadlines(ctx: Ctx): Promise<number> {
  return inTransaction(ctx, systemActor, async (tx) => {
    const rows = await tx.db
      .updateTable('deadline')
      .set({ status: 'overdue' })
      .where('status', '=', 'open')
      .where('due_at', '<', tx.now)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('deadline')
          .select('id')
          .where('status', '=', 'open')
          .where('due_at', '<', tx.now)
          .orderBy('due_at')
          .orderBy('id')
          .limit(BATCH)
          .forUpdate()
          .skipLocked(),
      )
      .returning([
        'id',
        'matter_id',
        'rule_key',
        'rule_version_id',
        'article',
        'responsible_agency_id',
        'due_date',
      ])
      .execute();
    if (!rows.length) return 0;
    const matters = await tx.db
      .selectFrom('matter')
      .select(['id', 'title', 'type'])
      .where(
        'id',
        'in',
        rows.map((r) => r.matter_id),
      )
      .execute();
    const rules = await tx.db
      .selectFrom('rulebook_rule')
      .select(['version_id', 'key', 'name'])
      .where(
        'version_id',
        'in',
        rows.map((r) => r.rule_version_id),
      )
      .execute();
    for (const d of rows.sort((a, b) => a.id - b.id)) {
      const m = matters.find((x) => x.id === d.matter_id)!;
      const name =
        rules.find((r) => r.version_id === d.rule_version_id && r.key === d.rule_key)?.name ?? d.rule_key;
      tx.record({
        action: 'deadline.overdue',
        subject: `deadline:${d.id}`,
        details: {
          matterId: d.matter_id,
          matterType: m.type,
          ruleKey: d.rule_key,
          article: d.article,
          responsibleAgencyId: d.responsible_agency_id,
          dueDate: d.due_date,
        },
      });
      const link = `/console/matters/${d.matter_id}`;
      const body = `事项“${m.title}”的${name}（${d.article}）已于${fmtDate(d.due_date)}届满，尚未办结。`;
      await sendMessage(tx, {
        to: { agencyId: d.responsible_agency_id },
        category: 'warning',
        title: `已超期：${name}`,
        body: `${body}请尽快办理。`,
        link,
        matterId: d.matter_id,
        dueAt: endOfBeijingDay(d.due_date),
      });
      // Art. 42: the supervising authority tracks it (跟踪督办).
      const sup = await supervisingAuthorityOf(tx.db, d.responsible_agency_id);
      if (sup) {
        await sendMessage(tx, {
          to: { agencyId: sup.id, roles: ['authority_admin', 'authority_reviewer'] },
          category: 'warning',
          title: `督办提醒：${name}已超期`,
          body: `${body}请跟踪督办。`,
          link,
          matterId: d.matter_id,
          dueAt: endOfBeijingDay(d.due_date),
        });
      }
    }
    return rows.length;
  });
}

/**
 * Recomputes provisional deadlines (counted Mon–Fri in a year without calendar data) whose missing
 * years the calendar now has. Ledgered `deadline.recompute`. Same rule, same start instant: only the
 * calendar changed.
 */
export async function recomputeProvisionalDeadlines(ctx: Ctx): Promise<number> {
  const known = await currentCalendar(ctx);
  const candidates = await ctx.db
    .selectFrom('deadline')
    .select(['id', 'missing_years'])
    .where('provisional', '=', true)
    .where('status', 'in', ['open', 'overdue'])
    .execute();
  const ready = candidates.filter((d) => d.missing_years.some((y) => known.hasYear(y))).map((d) => d.id);
  if (!ready.length) return 0;
  return inTransaction(ctx, systemActor, async (tx) => {
    const cal = await currentCalendar(ctx, tx.db);
    const rows = await tx.db
      .selectFrom('deadline')
      .selectAll()
      .where('id', 'in', ready)
      .where('provisional', '=', true)
      .where('status', 'in', ['open', 'overdue'])
      .orderBy('id')
      .forUpdate()
      .execute();
    let n = 0;
    for (const d of rows) {
      if (!d.missing_years.some((y) => cal.hasYear(y))) continue;
      const base = computeDue(cal, d.received_at, d.amount, d.unit);
      const ext = d.extension_days === null ? null : cal.computeDue(base.date, d.extension_days);
      const dueDate = ext?.date ?? base.date;
      const missing = [...new Set([...base.missingYears, ...(ext?.missingYears ?? [])])].sort(
        (a, b) => a - b,
      );
      const dueAt = endOfBeijingDay(dueDate);
      // A date that moved past now reopens a deadline the sweep had marked on the provisional count.
      const status = d.status === 'overdue' && dueAt >= tx.now ? 'open' : d.status;
      await tx.db
        .updateTable('deadline')
        .set({
          starts_on: base.start,
          due_date: dueDate,
          due_at: dueAt,
          extended_from: ext ? base.date : null,
          provisional: missing.length > 0,
          missing_years: missing,
          status,
        })
        .where('id', '=', d.id)
        .execute();
      tx.record({
        action: 'deadline.recompute',
        subject: `deadline:${d.id}`,
        details: {
          matterId: d.matter_id,
          ruleKey: d.rule_key,
          yearsNowKnown: d.missing_years.filter((y) => cal.hasYear(y)),
          before: { startsOn: d.starts_on, dueDate: d.due_date, status: d.status },
          after: { startsOn: base.start, dueDate, status, provisional: missing.length > 0 },
        },
      });
      n += 1;
    }
    return n;
  });
}

export interface SweepResult {
  overdue: number;
  recomputed: number;
}

/** One sweep under the 'deadline-sweep' lease; null when another process holds it. */
export async function sweepDeadlines(ctx: Ctx, holder: string): Promise<SweepResult | null> {
  return runExclusive(ctx, SWEEP_LEASE, holder, LEASE_MS, async () => {
    // Dates first, so nothing is marked overdue on a provisional count the calendar has corrected.
    const recomputed = await recomputeProvisionalDeadlines(ctx);
    let overdue = 0;
    for (;;) {
      const n = await markOverdueDeadlines(ctx);
      overdue += n;
      if (n < BATCH) break;
    }
    return { overdue, recomputed };
  });
}
