// The matters engine: every regulated matter of every type moves only through here. One transition is
// one transaction: lock, permission, requirements, state change, timeline, deadlines, the domain's
// effect, the ledger event and the messages. Nothing but the engine writes matter state or deadlines.
import { type Actor, type Ctx, inTransaction, type Tx } from '../kernel/context.ts';
import {
  conflict,
  DomainError,
  type FieldError,
  notFound,
  ruleViolated,
  validationFailed,
} from '../kernel/errors.ts';
import { resolveTodos, sendMessage } from '../messages/service.ts';
import { carryDeadline, closeDeadlines, extendDeadline, openDeadline } from './deadlines.ts';
import {
  AgencyLookup,
  agencyOfTaker,
  describeTakers,
  isSystem,
  maySee,
  mayTake,
  nextActors,
  PARTY_ROLES,
  partyId,
  partyIds,
} from './parties.ts';
import type { PartyRole } from './schema.ts';
import {
  type MatterRecord,
  type MatterType,
  matterTypeOf,
  ruleOfState,
  type TransitionInput,
  toMatterRecord,
  transitionsFrom,
} from './types.ts';

export interface OpenMatterInput {
  type: string;
  title: string;
  /** What the matter is about, in the domain's words, e.g. 'catalog-entry:12'. */
  subject: string;
  parties: Partial<Record<PartyRole, number | null>>;
  data?: Record<string, unknown>;
}

const TITLE_MAX = 200;
const REASON_MAX = 2000;
const BASIS_MAX = 1000;
const DATA_MAX = 64 * 1024;

export function requireType(type: string): MatterType {
  const t = matterTypeOf(type);
  if (!t) throw new DomainError(500, 'matter-type-unknown', '事项类型未登记', { detail: type });
  return t;
}

const link = (id: number) => `/console/matters/${id}`;

function checkData(data: unknown, errors: FieldError[]): void {
  if (data === undefined) return;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    errors.push({ field: 'data', message: '须为对象' });
  } else if (JSON.stringify(data).length > DATA_MAX) {
    errors.push({ field: 'data', message: `不得超过${DATA_MAX / 1024}KB` });
  }
}

/** Opens a matter in its type's initial state, inside the domain's transaction (ledgered `matter.<type>.open`). */
export async function openMatter(tx: Tx, actor: Actor, input: OpenMatterInput): Promise<MatterRecord> {
  const type = requireType(input.type);
  const errors: FieldError[] = [];
  if (!input.title?.trim()) errors.push({ field: 'title', message: '不能为空' });
  else if (input.title.length > TITLE_MAX)
    errors.push({ field: 'title', message: `不得超过${TITLE_MAX}个字符` });
  if (!input.subject?.trim()) errors.push({ field: 'subject', message: '不能为空' });
  checkData(input.data, errors);
  const look = new AgencyLookup(tx.db);
  for (const role of PARTY_ROLES) {
    const id = input.parties[role];
    if (id != null && (await look.name(id)) === null) {
      errors.push({ field: `parties.${role}`, message: `机构不存在：${id}` });
    }
  }
  if (input.parties.applicant == null && input.parties.provider == null) {
    errors.push({ field: 'parties', message: '须有申请方或数据提供部门' });
  }
  if (errors.length) throw validationFailed(errors);
  const row = await tx.db
    .insertInto('matter')
    .values({
      type: type.type,
      title: input.title.trim(),
      subject: input.subject.trim(),
      state: type.initial,
      data: JSON.stringify(input.data ?? {}),
      applicant_agency_id: input.parties.applicant ?? null,
      provider_agency_id: input.parties.provider ?? null,
      authority_agency_id: input.parties.authority ?? null,
      created_by: actor.username,
      created_at: tx.now,
      updated_at: tx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const m = toMatterRecord(row);
  await appendEvent(tx, look, actor, m, 1, 'open', null, type.initial, {});
  const opened = await enterState(tx, type, m, type.initial);
  tx.record({
    action: `matter.${type.type}.open`,
    subject: `matter:${m.id}`,
    details: {
      title: m.title,
      subject: m.subject,
      state: m.state,
      parties: partiesOf(m),
      deadlines: { opened },
    },
  });
  await notifyNext(tx, actor, type, m, opened[0]?.dueAt ?? null);
  return m;
}

/** Takes a transition in its own transaction. */
export function transition(
  ctx: Ctx,
  actor: Actor,
  matterId: number,
  name: string,
  input: TransitionInput = {},
): Promise<MatterRecord> {
  return inTransaction(ctx, actor, (tx) => applyTransition(tx, actor, matterId, name, input));
}

/** Takes a transition inside the caller's transaction (a domain action that also moves a matter). */
export async function applyTransition(
  tx: Tx,
  actor: Actor,
  matterId: number,
  name: string,
  input: TransitionInput = {},
): Promise<MatterRecord> {
  const row = await tx.db
    .selectFrom('matter')
    .selectAll()
    .where('id', '=', matterId)
    .forUpdate()
    .executeTakeFirst();
  const look = new AgencyLookup(tx.db);
  if (!row || !(await maySee(look, actor, toMatterRecord(row)))) throw notFound('事项');
  const m = toMatterRecord(row);
  const type = requireType(m.type);
  const t = Object.hasOwn(type.transitions, name) ? type.transitions[name] : undefined;
  if (!t) {
    throw new DomainError(404, 'transition-not-found', '事项操作不存在', {
      detail: `${type.name}没有“${name}”操作`,
    });
  }
  if (!(await mayTake(look, actor, m, t))) {
    throw new DomainError(403, 'matter-action-forbidden', '无权办理该事项', { detail: describeTakers(t) });
  }
  if (!t.from.includes(m.state)) {
    throw conflict('matter-state-conflict', '事项当前状态不允许此操作', {
      detail: `事项当前为“${type.states[m.state]?.name ?? m.state}”，“${t.label}”只能在“${t.from
        .map((s) => type.states[s].name)
        .join('”“')}”状态下办理`,
      extra: { state: m.state },
    });
  }
  const reason = input.reason?.trim() || null;
  const legalBasis = input.legalBasis?.trim() || null;
  if (t.requires?.reason && !reason) {
    throw ruleViolated('reason-required', '退回或拒绝须说明理由', t.requires.reason.article, {
      detail: `“${t.label}”须说明具体理由`,
      errors: [{ field: 'reason', message: '请填写理由' }],
    });
  }
  if (t.requires?.legalBasis && !legalBasis) {
    throw ruleViolated('legal-basis-required', '须提供相关依据', t.requires.legalBasis.article, {
      detail: `“${t.label}”须提供法律法规或政策依据`,
      errors: [{ field: 'legalBasis', message: '请填写依据' }],
    });
  }
  const errors: FieldError[] = [];
  if (reason && reason.length > REASON_MAX)
    errors.push({ field: 'reason', message: `不得超过${REASON_MAX}个字符` });
  if (legalBasis && legalBasis.length > BASIS_MAX) {
    errors.push({ field: 'legalBasis', message: `不得超过${BASIS_MAX}个字符` });
  }
  checkData(input.data, errors);
  if (errors.length) throw validationFailed(errors);

  const from = m.state;
  const data = input.data ? { ...m.data, ...input.data } : m.data;
  const updated = await tx.db
    .updateTable('matter')
    .set({ state: t.to, data: JSON.stringify(data), updated_at: tx.now })
    .where('id', '=', m.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = toMatterRecord(updated);
  const last = await tx.db
    .selectFrom('matter_event')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('matter_id', '=', m.id)
    .executeTakeFirst();
  await appendEvent(tx, look, actor, after, Number(last?.seq ?? 0) + 1, name, from, t.to, {
    reason,
    legalBasis,
    data: input.data ?? null,
  });

  const moved = from !== t.to;
  const carries = moved && t.carriesDeadline === true;
  const carried = carries ? await carryDeadline(tx, m.id, from, t.to) : null;
  const closed = moved && !carries ? await closeDeadlines(tx, m.id, from, t.closesDeadlineAs ?? 'met') : [];
  const opened = moved && !carries ? await enterState(tx, type, after, t.to) : [];
  // The deadline extended is the one now live in `to` (stayed in, or carried into it).
  const ext = t.extendsDeadline;
  const extended = ext
    ? await extendDeadline(
        tx,
        m.id,
        t.to,
        ext.rule,
        ext.amountFrom ? { field: ext.amountFrom, data: after.data } : undefined,
      )
    : null;

  const outcome = await type.effects?.[name]?.(tx, after, { ...input, transition: name });

  tx.record({
    action: `matter.${type.type}.${name}`,
    subject: `matter:${m.id}`,
    details: {
      from,
      to: t.to,
      ...(reason ? { reason } : {}),
      ...(legalBasis ? { legalBasis } : {}),
      deadlines: {
        ...(opened.length ? { opened } : {}),
        ...(closed.length ? { [t.closesDeadlineAs ?? 'met']: closed } : {}),
        ...(carried ? { carried } : {}),
        ...(extended ? { extended } : {}),
      },
    },
  });
  // The domain moves the matter on at once: the next transition resolves and sends the messages.
  if (outcome) return applyTransition(tx, actor, m.id, outcome.next);
  // An extension re-issues the todos with the new due time.
  if (moved || extended) {
    await resolveTodos(tx, { matterId: m.id });
    await notifyNext(tx, actor, type, after, extended?.dueAt ?? opened[0]?.dueAt ?? carried?.dueAt ?? null);
  }
  return after;
}

const partiesOf = (m: MatterRecord) =>
  Object.fromEntries(PARTY_ROLES.map((r) => [r, partyId(m, r)]).filter(([, id]) => id !== null));

async function appendEvent(
  tx: Tx,
  look: AgencyLookup,
  actor: Actor,
  m: MatterRecord,
  seq: number,
  transitionName: string,
  from: string | null,
  to: string,
  extra: { reason?: string | null; legalBasis?: string | null; data?: unknown },
): Promise<void> {
  const displayName = (actor as { displayName?: string }).displayName;
  await tx.db
    .insertInto('matter_event')
    .values({
      matter_id: m.id,
      seq,
      at: tx.now,
      transition: transitionName,
      from_state: from,
      to_state: to,
      actor: actor.username,
      actor_name: displayName ?? (isSystem(actor) ? '系统' : actor.username),
      agency_id: actor.agencyId,
      agency_name: await look.name(actor.agencyId),
      reason: extra.reason ?? null,
      legal_basis: extra.legalBasis ?? null,
      data: extra.data == null ? null : JSON.stringify(extra.data),
    })
    .execute();
}

/** Opens the state's deadline, if it has one, for the party that must act. */
async function enterState(tx: Tx, type: MatterType, m: MatterRecord, state: string) {
  const def = ruleOfState(type.states[state]);
  if (!def) return [];
  let responsible = def.party ? partyId(m, def.party) : null;
  if (!def.party) {
    const first = transitionsFrom(type, state)[0]?.[1].by[0];
    responsible = first ? await agencyOfTaker(tx.db, m, first) : null;
  }
  if (responsible === null) {
    throw new DomainError(500, 'deadline-party-missing', '无法确定办理期限的责任机构', {
      detail: `${type.name}“${type.states[state].name}”状态的期限没有对应的责任方`,
    });
  }
  return [await openDeadline(tx, m, state, def.rule, responsible, def.amountFrom, def.startsFrom)];
}

/**
 * Todos to the agencies that may act next (with those transitions' roles), the acting agency left
 * out when someone else must act; a notice to the other parties when the matter ends.
 */
async function notifyNext(tx: Tx, actor: Actor, type: MatterType, m: MatterRecord, dueAt: Date | null) {
  const state = type.states[m.state];
  if (state.terminal) {
    for (const id of new Set(partyIds(m))) {
      if (id === actor.agencyId) continue;
      await sendMessage(tx, {
        to: { agencyId: id },
        category: 'notice',
        title: `${type.name}已办结：${m.title}`,
        body: `事项“${m.title}”已${state.name}。`,
        link: link(m.id),
        matterId: m.id,
      });
    }
    return;
  }
  const actors = await nextActors(tx.db, m, transitionsFrom(type, m.state));
  const others = [...actors.keys()].filter((id) => id !== actor.agencyId);
  for (const id of others.length ? others : [...actors.keys()]) {
    const a = actors.get(id)!;
    await sendMessage(tx, {
      to: { agencyId: id, roles: [...a.roles].sort() },
      category: 'todo',
      title: `待办：${type.name}“${m.title}”`,
      body: `事项“${m.title}”当前为“${state.name}”，可办理：${[...a.labels].join('、')}。`,
      link: link(m.id),
      matterId: m.id,
      dueAt,
    });
  }
}
