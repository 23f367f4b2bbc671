// Matter types are declared, not coded (Ranger-style definitions run by one engine): states,
// transitions, who may take each (role + the actor agency's relation to the matter), what each
// requires, and which time limit a state starts. Domain modules declare their types at import;
// the engine runs every type the same way.
import type { Role } from '../agencies/roles.ts';
import type { Tx } from '../kernel/context.ts';
import type { PartyRole } from './schema.ts';

export type StateTone = 'default' | 'processing' | 'success' | 'warning' | 'error';
export type ActionTone = 'primary' | 'danger' | 'default';

/**
 * The actor agency's relation to the matter. applicant / provider / authority: the actor's agency IS
 * that party. The others are computed (agencies module) against the provider, or the applicant if the
 * matter has no provider: same_level_authority = the data authority of its region (Art. 12),
 * upper_authority = the authority one level up (Art. 12), supervising_authority = any authority whose
 * region contains it (Art. 5).
 */
export type Relation = PartyRole | 'same_level_authority' | 'upper_authority' | 'supervising_authority';

export interface Taker {
  roles: Role[];
  relation: Relation;
}

/** A state's time limit: a rulebook key, the party that must act, and where its amount comes from. */
export interface DeadlineDef {
  rule: string;
  party?: PartyRole;
  /**
   * The amount is the matter's data field of this name (a whole number in the rule's unit) instead of
   * the rule's own amount, which is then the ceiling: for limits the regulation leaves to the acting
   * authority (Art. 41: 责令限期改正 names no number, the order states it).
   */
  amountFrom?: string;
  /**
   * The limit runs from a date in the matter's data (a field of this name holding a Beijing
   * 'YYYY-MM-DD') instead of from entering the state: Art. 15 counts the update from the day of the
   * change, so a change recorded late may already be overdue.
   */
  startsFrom?: string;
}

export interface StateDef {
  name: string;
  tone: StateTone;
  terminal?: boolean;
  /**
   * A time limit (rulebook key) opened on entering the state and met on leaving it. The responsible
   * party is `party`, or else the party of the first transition out of the state.
   */
  deadline?: string | DeadlineDef;
}

/** How the detail view shows a data field: 'Art. 41' → 《办法》第四十一条, 5 → '5 个工作日', an agency id → its name. */
export type FieldFormat = 'text' | 'article' | 'workingDays' | 'date' | 'agency';

/** A data field as people read it; undeclared and hidden fields stay out of the detail view. */
export interface FieldDef {
  label: string;
  format?: FieldFormat;
  /** Kept in the data (e.g. a code with a readable twin) but not shown. */
  hidden?: boolean;
}

/**
 * A data field a transition asks the actor for, sent as `data[key]`. Declared for the forms only: the
 * domain's effect still validates what arrives. For 'integer' min/max bound the value, for 'text' its
 * length; `max: { rule }` is the amount of that rulebook rule in force today (a ceiling that moves).
 */
export interface InputDef {
  key: string;
  label: string;
  kind: 'integer' | 'text';
  min?: number;
  max?: number | { rule: string };
  required?: boolean;
  /** A line under the control, e.g. what an empty value means. */
  help?: string;
}

export interface TransitionDef<S extends string = string> {
  label: string;
  from: S[];
  to: S;
  /** Any one entry suffices: the actor holds one of its roles AND stands in its relation. */
  by: Taker[];
  /** Taken only by the platform (e.g. when a load commits): `by` is then empty. */
  systemOnly?: boolean;
  requires?: {
    /** A refusal or return must say why (e.g. Art. 12, 22, 29, 34). */
    reason?: { article: string };
    /** A legal or policy basis (e.g. Art. 15 extension, Art. 21 not-shared). */
    legalBasis?: { article: string };
  };
  /**
   * Extends the open deadline of the current state by this rulebook rule's working days (e.g. Art. 15:
   * +5 WD with the authority's consent: the consent is taking this transition, so `by` names who
   * consents). Such a transition stays in its state (from = [to]) or carries the deadline along.
   * `amountFrom`: the working days are the matter's data field of this name (after this transition's
   * data is merged), at most the rule's amount.
   */
  extendsDeadline?: { rule: string; amountFrom?: string };
  /** The data fields the form asks for (see InputDef). */
  inputs?: InputDef[];
  /** What the reason text is, when it is more than a reason (e.g. a report's '整改情况'). */
  reasonLabel?: string;
  /**
   * The live deadline of the state left moves into `to` instead of being met, and `to` opens none of
   * its own: the responsible party's time keeps running, e.g. while its request for an extension waits
   * for the authority's decision and when the matter comes back from it.
   */
  carriesDeadline?: boolean;
  /** How leaving the state closes its deadline: met (default) or cancelled (e.g. a withdrawal). */
  closesDeadlineAs?: 'met' | 'cancelled';
  tone?: ActionTone;
}

export interface MatterRecord {
  id: number;
  type: string;
  title: string;
  subject: string;
  state: string;
  data: Record<string, unknown>;
  applicantAgencyId: number | null;
  providerAgencyId: number | null;
  authorityAgencyId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface TransitionInput {
  reason?: string;
  legalBasis?: string;
  data?: Record<string, unknown>;
}

/**
 * What an effect may ask of the engine afterwards: take a further transition at once, in the same
 * transaction and as the same actor (e.g. Art. 16: a revocation approved for an entry nobody uses
 * takes effect on approval).
 */
export interface EffectOutcome {
  next: string;
}

/** A domain's side effect of a transition, run in the transition's transaction after the state change. */
export type Effect = (
  tx: Tx,
  matter: MatterRecord,
  input: TransitionInput & { transition: string },
) => Promise<EffectOutcome | undefined>;

export interface MatterTypeDef<S extends string = string, T extends string = string> {
  type: string;
  name: string;
  states: Record<S, StateDef>;
  initial: NoInfer<S>;
  /** The data fields the detail view shows, in this order. */
  fields?: Record<string, FieldDef>;
  transitions: Record<T, TransitionDef<NoInfer<S>>>;
  effects?: Partial<Record<NoInfer<T>, Effect>>;
}

export type MatterType = MatterTypeDef<string, string>;

const registry = new Map<string, MatterType>();

const TYPE_KEY = /^[a-z][a-z0-9_.-]{1,63}$/;
const NAME_KEY = /^[a-z][a-zA-Z0-9_]{0,63}$/;

/** Checks a declaration's internal consistency; throws at import time, never at a transition. */
function check(def: MatterType): void {
  const bad = (why: string) => {
    throw new Error(`matter type ${def.type}: ${why}`);
  };
  if (!TYPE_KEY.test(def.type)) bad('type must be lower-case letters, digits, . _ -');
  if (!def.name.trim()) bad('name is empty');
  const states = Object.keys(def.states);
  if (!states.length) bad('no states');
  for (const s of states) if (!NAME_KEY.test(s)) bad(`state key ${s} is not an identifier`);
  if (!def.states[def.initial]) bad(`initial state ${def.initial} is not declared`);
  for (const [s, d] of Object.entries(def.states)) {
    const dl = typeof d.deadline === 'object' ? d.deadline : undefined;
    for (const [k, v] of [
      ['amountFrom', dl?.amountFrom],
      ['startsFrom', dl?.startsFrom],
    ] as const)
      if (v !== undefined && !NAME_KEY.test(v)) bad(`${s}: ${k} ${v} is not an identifier`);
  }
  for (const [name, t] of Object.entries(def.transitions)) {
    if (!NAME_KEY.test(name) || name === 'open') bad(`transition name ${name} is not allowed`);
    if (!t.from.length) bad(`${name}: no from states`);
    for (const s of [...t.from, t.to]) if (!def.states[s]) bad(`${name}: state ${s} is not declared`);
    for (const s of t.from) if (def.states[s].terminal) bad(`${name}: leaves terminal state ${s}`);
    if ((!t.by.length && !t.systemOnly) || t.by.some((b) => !b.roles.length))
      bad(`${name}: every taker needs roles`);
    if (t.carriesDeadline && t.from.includes(t.to)) bad(`${name}: carries a deadline without moving`);
    if (t.carriesDeadline && def.states[t.to].terminal)
      bad(`${name}: carries a deadline into a terminal state`);
    if (t.extendsDeadline && !t.carriesDeadline && t.from.some((s) => s !== t.to))
      bad(`${name}: an extension must stay in its state or carry the deadline`);
    // A carried deadline comes from the state the matter entered this one from.
    if (t.extendsDeadline && !t.carriesDeadline && t.from.some((s) => !def.states[s].deadline)) {
      bad(`${name}: extends a deadline in a state without one`);
    }
    const extFrom = t.extendsDeadline?.amountFrom;
    if (extFrom !== undefined && !NAME_KEY.test(extFrom))
      bad(`${name}: amountFrom ${extFrom} is not an identifier`);
  }
  for (const [k, f] of Object.entries(def.fields ?? {})) {
    if (!NAME_KEY.test(k)) bad(`field ${k} is not an identifier`);
    if (!f.label.trim()) bad(`field ${k}: label is empty`);
  }
  for (const [name, t] of Object.entries(def.transitions)) {
    if (t.reasonLabel !== undefined && !t.reasonLabel.trim()) bad(`${name}: reasonLabel is empty`);
    const keys = new Set<string>();
    for (const i of t.inputs ?? []) {
      if (!NAME_KEY.test(i.key) || keys.has(i.key)) bad(`${name}: input ${i.key} is not a unique identifier`);
      keys.add(i.key);
      if (!i.label.trim()) bad(`${name}: input ${i.key} has no label`);
      if (typeof i.max === 'number' && i.min !== undefined && i.min > i.max)
        bad(`${name}: input ${i.key} has min above max`);
    }
  }
  for (const e of Object.keys(def.effects ?? {})) if (!def.transitions[e]) bad(`effect for unknown ${e}`);
}

/** Declares and registers a matter type. */
export function defineMatterType<const S extends string, const T extends string>(
  def: MatterTypeDef<S, T>,
): MatterTypeDef<S, T> {
  const d = def as unknown as MatterType;
  check(d);
  const existing = registry.get(d.type);
  if (existing && existing !== d) throw new Error(`matter type ${d.type} is declared twice`);
  registry.set(d.type, d);
  return def;
}

export const matterTypeOf = (type: string): MatterType | undefined => registry.get(type);
export const matterTypes = (): MatterType[] => [...registry.values()];

export const ruleOfState = (s: StateDef): DeadlineDef | null =>
  s.deadline === undefined ? null : typeof s.deadline === 'string' ? { rule: s.deadline } : s.deadline;

/** Transitions out of a state, in declaration order. */
export const transitionsFrom = (t: MatterType, state: string): [string, TransitionDef][] =>
  Object.entries(t.transitions).filter(([, d]) => d.from.includes(state));

/** A matter row as the engine and the domains see it. */
export const toMatterRecord = (r: {
  id: number;
  type: string;
  title: string;
  subject: string;
  state: string;
  data: unknown;
  applicant_agency_id: number | null;
  provider_agency_id: number | null;
  authority_agency_id: number | null;
  created_at: Date;
  updated_at: Date;
}): MatterRecord => ({
  id: r.id,
  type: r.type,
  title: r.title,
  subject: r.subject,
  state: r.state,
  data: (r.data ?? {}) as Record<string, unknown>,
  applicantAgencyId: r.applicant_agency_id,
  providerAgencyId: r.provider_agency_id,
  authorityAgencyId: r.authority_agency_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
