// Deadlines: opened when a matter enters a state with a time limit, met (or cancelled) when it
// leaves, extended per the type's rule. Only the engine calls these: nothing else writes deadlines.
import { sql } from 'kysely';
import {
  addCalendarMonths,
  addDays,
  beijingDateOf,
  currentCalendar,
  endOfBeijingDay,
  isIsoDate,
  startOfBeijingDay,
  type WorkingCalendar,
} from '../kernel/calendar/index.ts';
import type { Tx } from '../kernel/context.ts';
import { conflict, DomainError, validationFailed } from '../kernel/errors.ts';
import { type RuleInForce, ruleInForce } from './rulebook.ts';
import type { RuleUnit } from './schema.ts';
import type { MatterRecord } from './types.ts';

export interface DueComputation {
  start: string;
  date: string;
  dueAt: Date;
  provisional: boolean;
  missingYears: number[];
}

/**
 * Working days: counted from the effective date of receipt (after 17:00 or on a rest day, the next
 * working day; that day itself not counted), due at the end of the last working day, Beijing time.
 * Months: calendar months from the Beijing date of receipt (Art. 16, 27). Days: calendar days from
 * it, due at the end of the last one (a dataset's update period, Art. 19).
 */
export function computeDue(
  cal: WorkingCalendar,
  receivedAt: Date,
  amount: number,
  unit: RuleUnit,
): DueComputation {
  if (unit === 'working_days') return cal.deadlineFor(receivedAt, amount);
  const start = beijingDateOf(receivedAt);
  const date = unit === 'days' ? addDays(start, amount) : addCalendarMonths(start, amount);
  return { start, date, dueAt: endOfBeijingDay(date), provisional: false, missingYears: [] };
}

/** Where a limit's amount comes from when the matter states it: its data field, under the rule's ceiling. */
export interface AmountFrom {
  field: string;
  data: Record<string, unknown>;
}

const UNIT_NAMES = { working_days: '个工作日', months: '个月', days: '天' } as const;

/** The rule's amount, or the matter's own (Art. 41: the order states its time limit) up to the rule's. */
function amountOf(rule: RuleInForce, from: AmountFrom | undefined): number {
  if (!from) return rule.amount;
  const v = from.data[from.field];
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= rule.amount) return v;
  throw validationFailed([
    {
      field: `data.${from.field}`,
      message: `须为1至${rule.amount}之间的整数（${UNIT_NAMES[rule.unit]}，${rule.name}上限，${rule.article}）`,
    },
  ]);
}

/** 09:00 Beijing: inside working hours, so the day is the start as any receipt that morning would be. */
const START_OF_WORK_MS = 9 * 3_600_000;

/**
 * When the limit starts: now, or (DeadlineDef.startsFrom) the date in the matter's data, taken as
 * received at 09:00 Beijing that day — a working day is then the start (not counted), a rest day
 * moves the start to the next working day, exactly as a receipt on that day would.
 */
function receivedAtOf(now: Date, from: AmountFrom | undefined): Date {
  if (!from) return now;
  const v = from.data[from.field];
  const invalid = (message: string) =>
    new DomainError(422, 'deadline-start-invalid', '期限起算日期不合法', {
      errors: [{ field: `data.${from.field}`, message }],
    });
  if (typeof v !== 'string' || !isIsoDate(v)) throw invalid('须为日期（YYYY-MM-DD，北京时间）');
  // A limit counted from a day still to come would start before its cause.
  if (v > beijingDateOf(now)) throw invalid('不能晚于今天');
  return new Date(startOfBeijingDay(v).getTime() + START_OF_WORK_MS);
}

export interface OpenedDeadline {
  id: number;
  ruleKey: string;
  ruleVersionId: number;
  article: string;
  startsOn: string;
  dueDate: string;
  dueAt: Date;
  provisional: boolean;
  responsibleAgencyId: number;
}

export async function openDeadline(
  tx: Tx,
  m: MatterRecord,
  state: string,
  ruleKey: string,
  responsibleAgencyId: number,
  amountFrom?: string,
  startsFrom?: string,
): Promise<OpenedDeadline> {
  const cal = await currentCalendar(tx.ctx, tx.db);
  const receivedAt = receivedAtOf(
    tx.now,
    startsFrom === undefined ? undefined : { field: startsFrom, data: m.data },
  );
  // The rule in force on the start date; the start does not depend on the amount.
  const rule = await ruleInForce(tx.db, ruleKey, cal.deadlineFor(receivedAt, 0).start);
  const amount = amountOf(rule, amountFrom === undefined ? undefined : { field: amountFrom, data: m.data });
  const due = computeDue(cal, receivedAt, amount, rule.unit);
  const row = await tx.db
    .insertInto('deadline')
    .values({
      matter_id: m.id,
      state,
      rule_key: rule.key,
      rule_version_id: rule.versionId,
      article: rule.article,
      amount,
      unit: rule.unit,
      responsible_agency_id: responsibleAgencyId,
      received_at: receivedAt,
      starts_on: due.start,
      due_date: due.date,
      due_at: due.dueAt,
      provisional: due.provisional,
      missing_years: due.missingYears,
      status: 'open',
      created_at: tx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    ruleKey: rule.key,
    ruleVersionId: rule.versionId,
    article: rule.article,
    startsOn: due.start,
    dueDate: due.date,
    dueAt: due.dueAt,
    provisional: due.provisional,
    responsibleAgencyId,
  };
}

/** Closes the live deadline of the state being left; met late when past its due time. */
export async function closeDeadlines(
  tx: Tx,
  matterId: number,
  state: string,
  as: 'met' | 'cancelled',
): Promise<{ id: number; ruleKey: string; late: boolean | null }[]> {
  const base = tx.db
    .updateTable('deadline')
    .where('matter_id', '=', matterId)
    .where('state', '=', state)
    .where('status', 'in', ['open', 'overdue']);
  const rows =
    as === 'met'
      ? await base
          .set({ status: 'met', met_at: tx.now, late: sql<boolean>`due_at < ${tx.now}` })
          .returning(['id', 'rule_key', 'late'])
          .execute()
      : await base
          .set({ status: 'cancelled', cancelled_at: tx.now })
          .returning(['id', 'rule_key', 'late'])
          .execute();
  return rows.map((r) => ({ id: r.id, ruleKey: r.rule_key, late: r.late }));
}

export interface CarriedDeadline {
  id: number;
  ruleKey: string;
  from: string;
  to: string;
  dueAt: Date;
}

/** Moves the live deadline of the state left into the state entered (TransitionDef.carriesDeadline). */
export async function carryDeadline(
  tx: Tx,
  matterId: number,
  from: string,
  to: string,
): Promise<CarriedDeadline | null> {
  const row = await tx.db
    .updateTable('deadline')
    .set({ state: to })
    .where('matter_id', '=', matterId)
    .where('state', '=', from)
    .where('status', 'in', ['open', 'overdue'])
    .returning(['id', 'rule_key', 'due_at'])
    .executeTakeFirst();
  return row ? { id: row.id, ruleKey: row.rule_key, from, to, dueAt: row.due_at } : null;
}

export interface ExtendedDeadline {
  id: number;
  ruleKey: string;
  extensionRuleKey: string;
  extensionDays: number;
  from: string;
  to: string;
  dueAt: Date;
}

/** E.g. Art. 15: the update deadline extended once by 5 WD with the authority's consent. */
export async function extendDeadline(
  tx: Tx,
  matterId: number,
  state: string,
  extensionRuleKey: string,
  amountFrom?: AmountFrom,
): Promise<ExtendedDeadline> {
  const d = await tx.db
    .selectFrom('deadline')
    .selectAll()
    .where('matter_id', '=', matterId)
    .where('state', '=', state)
    .where('status', 'in', ['open', 'overdue'])
    .forUpdate()
    .executeTakeFirst();
  if (!d) throw conflict('deadline-not-open', '没有可延长的办理期限');
  if (d.status === 'overdue' || d.due_at < tx.now) {
    throw conflict('deadline-already-overdue', '期限已届满，不能延长', {
      detail: `该期限已于${d.due_date}届满，延长须在期限届满前办理`,
    });
  }
  if (d.extended_from !== null) {
    throw conflict('deadline-already-extended', '该期限已延长过', {
      detail: `已由${d.extended_from}延长至${d.due_date}`,
    });
  }
  // The extension follows the rulebook version that set the deadline's start.
  const rule = await ruleInForce(tx.db, extensionRuleKey, d.starts_on);
  if (rule.unit !== 'working_days') {
    throw new DomainError(500, 'extension-rule-invalid', '延长期限规则须以工作日计', { detail: rule.key });
  }
  const days = amountOf(rule, amountFrom);
  const cal = await currentCalendar(tx.ctx, tx.db);
  const due = cal.computeDue(d.due_date, days);
  const missing = [...new Set([...d.missing_years, ...due.missingYears])].sort((a, b) => a - b);
  await tx.db
    .updateTable('deadline')
    .set({
      extended_from: d.due_date,
      extension_rule_key: rule.key,
      extension_rule_version_id: rule.versionId,
      extension_days: days,
      due_date: due.date,
      due_at: endOfBeijingDay(due.date),
      provisional: missing.length > 0,
      missing_years: missing,
    })
    .where('id', '=', d.id)
    .execute();
  return {
    id: d.id,
    ruleKey: d.rule_key,
    extensionRuleKey: rule.key,
    extensionDays: days,
    from: d.due_date,
    to: due.date,
    dueAt: endOfBeijingDay(due.date),
  };
}
