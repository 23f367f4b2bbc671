// Reading matters: the todo list, the list, one matter with its timeline, deadlines and the actions the
// reader may take. A matter is seen by its parties and the authorities supervising a party (Art. 5);
// to anyone else it does not exist.

import { currentCalendar } from '../kernel/calendar/index.ts';
import type { Actor, Ctx } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import { notFound } from '../kernel/errors.ts';
import { type DeadlineView, deadlineQuery, toDeadlineView } from './deadline-views.ts';
import { type ActionInput, describeMatter, inputResolver, type MatterField } from './display.ts';
import { AgencyLookup, maySee, mayTake, PARTY_ROLES, partyId, scopeOf } from './parties.ts';
import type { PartyRole } from './schema.ts';
import {
  type ActionTone,
  type MatterRecord,
  type MatterType,
  matterTypeOf,
  matterTypes,
  type StateTone,
  type TransitionDef,
  toMatterRecord,
  transitionsFrom,
} from './types.ts';

interface Heading {
  id: number;
  type: string;
  typeName: string;
  title: string;
  state: string;
  stateName: string;
  stateTone: StateTone;
}

export interface MatterSummary extends Heading {
  updatedAt: string;
  deadline: DeadlineView | null;
}

export interface TodoItem extends Heading {
  partyName: string | null;
  deadline: DeadlineView | null;
  actions: { name: string; label: string }[];
}

export interface MatterAction {
  name: string;
  label: string;
  requiresReason: boolean;
  requiresLegalBasis: boolean;
  tone: ActionTone;
  /** The data fields the action asks for, sent as `data[key]`. */
  inputs: ActionInput[];
  /** What the reason text is called, when the type names it (e.g. 整改情况); else null (理由). */
  reasonLabel: string | null;
}

export interface MatterDetail extends Heading {
  subject: string;
  /** The subject by name (an agency's name for 'agency:<id>'). */
  subjectLabel: string;
  data: Record<string, unknown>;
  /** The data fields the type declares for display, formatted, in declared order. */
  fields: MatterField[];
  parties: { role: PartyRole; agencyId: number; agencyName: string }[];
  createdAt: string;
  updatedAt: string;
  history: {
    seq: number;
    at: string;
    transition: string;
    label: string;
    fromState: string | null;
    fromStateName: string | null;
    toState: string;
    toStateName: string;
    actor: string;
    actorName: string;
    agencyName: string | null;
    reason: string | null;
    /** What the reason text is called for this transition (e.g. 整改情况); null = 理由. */
    reasonLabel: string | null;
    legalBasis: string | null;
    /** The declared fields this transition set (e.g. the extension asked for), formatted. */
    fields: MatterField[];
  }[];
  deadlines: DeadlineView[];
  actions: MatterAction[];
}

const stateName = (t: MatterType | undefined, s: string) => t?.states[s]?.name ?? s;

function heading(m: MatterRecord): Heading {
  const t = matterTypeOf(m.type);
  return {
    id: m.id,
    type: m.type,
    typeName: t?.name ?? m.type,
    title: m.title,
    state: m.state,
    stateName: stateName(t, m.state),
    stateTone: t?.states[m.state]?.tone ?? 'default',
  };
}

/** Transitions the actor may take now (current state, role and relation). */
async function actionsFor(
  look: AgencyLookup,
  actor: Actor,
  m: MatterRecord,
): Promise<[string, TransitionDef][]> {
  const t = matterTypeOf(m.type);
  if (!t) return [];
  const out: [string, TransitionDef][] = [];
  for (const [name, d] of transitionsFrom(t, m.state))
    if (await mayTake(look, actor, m, d)) out.push([name, d]);
  return out;
}

/** The live (open or overdue) deadline of each matter, the earliest if several. */
async function liveDeadlines(ctx: Ctx, ids: number[]): Promise<Map<number, DeadlineView>> {
  const out = new Map<number, DeadlineView>();
  if (!ids.length) return out;
  const now = ctx.clock.now();
  const cal = await currentCalendar(ctx);
  const rows = await deadlineQuery(ctx.db)
    .where('d.matter_id', 'in', ids)
    .where('d.status', 'in', ['open', 'overdue'])
    .orderBy('d.due_at')
    .orderBy('d.id')
    .execute();
  for (const r of rows) if (!out.has(r.matter_id)) out.set(r.matter_id, toDeadlineView(r, cal, now));
  return out;
}

function inScope(db: Db, scope: number[]) {
  return db
    .selectFrom('matter')
    .where((eb) =>
      eb.or([
        eb('applicant_agency_id', 'in', scope),
        eb('provider_agency_id', 'in', scope),
        eb('authority_agency_id', 'in', scope),
      ]),
    );
}

export interface MatterQuery {
  type?: string;
  state?: string;
  page: number;
  pageSize: number;
}

export async function listMatters(
  ctx: Ctx,
  actor: Actor,
  q: MatterQuery,
): Promise<{ items: MatterSummary[]; total: number }> {
  const scope = await scopeOf(new AgencyLookup(ctx.db), actor);
  if (!scope.length) return { items: [], total: 0 };
  let base = inScope(ctx.db, scope);
  if (q.type) base = base.where('type', '=', q.type);
  if (q.state) base = base.where('state', '=', q.state);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const live = await liveDeadlines(
    ctx,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({
      ...heading(toMatterRecord(r)),
      updatedAt: r.updated_at.toISOString(),
      deadline: live.get(r.id) ?? null,
    })),
    total: Number(total),
  };
}

/** Matters on which the actor may take a transition now, most urgent first (earliest due, then oldest). */
export async function todoList(ctx: Ctx, actor: Actor): Promise<{ items: TodoItem[]; total: number }> {
  const look = new AgencyLookup(ctx.db);
  const scope = await scopeOf(look, actor);
  const live = matterTypes().flatMap((t) =>
    Object.entries(t.states)
      .filter(([, s]) => !s.terminal)
      .map(([s]) => [t.type, s] as const),
  );
  if (!scope.length || !live.length) return { items: [], total: 0 };
  const rows = await inScope(ctx.db, scope)
    .selectAll()
    .where((eb) =>
      eb.or(live.map(([type, state]) => eb.and([eb('type', '=', type), eb('state', '=', state)]))),
    )
    .execute();
  const items: (TodoItem & { updated: number })[] = [];
  for (const r of rows) {
    const m = toMatterRecord(r);
    const actions = await actionsFor(look, actor, m);
    if (!actions.length) continue;
    const other =
      PARTY_ROLES.map((p) => partyId(m, p)).find((id) => id !== null && id !== actor.agencyId) ?? null;
    items.push({
      ...heading(m),
      partyName: await look.name(other),
      deadline: null,
      actions: actions.map(([name, d]) => ({ name, label: d.label })),
      updated: m.updatedAt.getTime(),
    });
  }
  const deadlines = await liveDeadlines(
    ctx,
    items.map((i) => i.id),
  );
  for (const i of items) i.deadline = deadlines.get(i.id) ?? null;
  const due = (i: TodoItem) => (i.deadline ? Date.parse(i.deadline.dueAt) : Number.POSITIVE_INFINITY);
  items.sort((a, b) => due(a) - due(b) || a.updated - b.updated || a.id - b.id);
  return { items: items.map(({ updated: _, ...i }) => i), total: items.length };
}

export async function getMatter(ctx: Ctx, actor: Actor, id: number): Promise<MatterDetail> {
  const look = new AgencyLookup(ctx.db);
  const row = await ctx.db.selectFrom('matter').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !(await maySee(look, actor, toMatterRecord(row)))) throw notFound('事项');
  const m = toMatterRecord(row);
  const t = matterTypeOf(m.type);
  const events = await ctx.db
    .selectFrom('matter_event')
    .selectAll()
    .where('matter_id', '=', id)
    .orderBy('seq')
    .execute();
  const now = ctx.clock.now();
  const cal = await currentCalendar(ctx);
  const deadlines = await deadlineQuery(ctx.db).where('d.matter_id', '=', id).orderBy('d.id').execute();
  const parties: MatterDetail['parties'] = [];
  for (const role of PARTY_ROLES) {
    const agencyId = partyId(m, role);
    if (agencyId !== null)
      parties.push({ role, agencyId, agencyName: (await look.name(agencyId)) ?? String(agencyId) });
  }
  const inputs = inputResolver(ctx);
  const actions: MatterAction[] = [];
  for (const [name, d] of await actionsFor(look, actor, m)) {
    actions.push({
      name,
      label: d.label,
      requiresReason: Boolean(d.requires?.reason),
      requiresLegalBasis: Boolean(d.requires?.legalBasis),
      tone: d.tone ?? 'default',
      inputs: await inputs(d.inputs),
      reasonLabel: d.reasonLabel ?? null,
    });
  }
  const { fields, subjectLabel } = await describeMatter(ctx, t, m);
  return {
    ...heading(m),
    subject: m.subject,
    subjectLabel,
    data: m.data,
    fields,
    parties,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    history: await Promise.all(
      events.map(async (e) => ({
        seq: e.seq,
        at: e.at.toISOString(),
        transition: e.transition,
        label: e.transition === 'open' ? '创建' : (t?.transitions[e.transition]?.label ?? e.transition),
        fromState: e.from_state,
        fromStateName: e.from_state === null ? null : stateName(t, e.from_state),
        toState: e.to_state,
        toStateName: stateName(t, e.to_state),
        actor: e.actor,
        actorName: e.actor_name,
        agencyName: e.agency_name,
        reason: e.reason,
        reasonLabel: t?.transitions[e.transition]?.reasonLabel ?? null,
        legalBasis: e.legal_basis,
        // The declared fields this transition set, read as the matter's own are.
        fields:
          e.data && typeof e.data === 'object'
            ? (await describeMatter(ctx, t, { subject: '', data: e.data as Record<string, unknown> })).fields
            : [],
      })),
    ),
    deadlines: deadlines.map((d) => toDeadlineView(d, cal, now)),
    actions,
  };
}

/** The ids of a type's matters about a subject in a state (a domain module asking "is one open?"). */
export async function mattersAbout(
  db: Db | Trx,
  type: string,
  subject: string,
  state: string,
): Promise<number[]> {
  const rows = await db
    .selectFrom('matter')
    .select('id')
    .where('type', '=', type)
    .where('subject', '=', subject)
    .where('state', '=', state)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
