// Who stands where to a matter. Everything about agencies comes from the agencies module's exported
// relations (Art. 5, 12): the engine never reads agency tables itself.
import {
  type AgencyRelation,
  agencyRef,
  relationOf,
  sameLevelAuthorityOf,
  supervisedAgencyIds,
  supervisingAuthorityOf,
  upperAuthorityOf,
} from '../agencies/relations.ts';
import { ROLES, type Role } from '../agencies/roles.ts';
import type { Actor } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import type { PartyRole } from './schema.ts';
import type { MatterRecord, Relation, Taker, TransitionDef } from './types.ts';

type Queryable = Db | Trx;

export const RELATION_NAMES: Record<Relation, string> = {
  applicant: '申请方',
  provider: '数据提供部门',
  authority: '受理该事项的主管部门',
  same_level_authority: '同级政务数据主管部门',
  upper_authority: '上一级政务数据主管部门',
  supervising_authority: '负责监管的政务数据主管部门',
};

export const PARTY_ROLES: PartyRole[] = ['applicant', 'provider', 'authority'];

export const partyId = (m: MatterRecord, role: PartyRole): number | null =>
  role === 'applicant' ? m.applicantAgencyId : role === 'provider' ? m.providerAgencyId : m.authorityAgencyId;

/** The agency the computed relations are judged against: the provider, else the applicant. */
export const subjectAgencyOf = (m: MatterRecord): number => (m.providerAgencyId ?? m.applicantAgencyId)!;

/** The jobs' actor: takes no part in permission checks (a domain job acts for the system). */
export const isSystem = (a: Actor) => a.accountId === null && a.agencyId === null && a.username === 'system';

/** Caches relations and names for one request or transaction (each costs a few queries). */
export class AgencyLookup {
  readonly #relations = new Map<string, Promise<AgencyRelation>>();
  readonly #names = new Map<number, Promise<string | null>>();
  readonly #supervised = new Map<number, Promise<Set<number>>>();
  constructor(readonly db: Queryable) {}

  relation(actorAgencyId: number, targetId: number): Promise<AgencyRelation> {
    const key = `${actorAgencyId}:${targetId}`;
    let r = this.#relations.get(key);
    if (!r) {
      r = relationOf(this.db, actorAgencyId, targetId);
      this.#relations.set(key, r);
    }
    return r;
  }

  name(id: number | null): Promise<string | null> {
    if (id === null) return Promise.resolve(null);
    let n = this.#names.get(id);
    if (!n) {
      n = agencyRef(this.db, id).then((a) => a?.name ?? null);
      this.#names.set(id, n);
    }
    return n;
  }

  /** Art. 5: the agencies an authority oversees (empty for a department). */
  supervised(authorityId: number): Promise<Set<number>> {
    let s = this.#supervised.get(authorityId);
    if (!s) {
      s = supervisedAgencyIds(this.db, authorityId).then((ids) => new Set(ids));
      this.#supervised.set(authorityId, s);
    }
    return s;
  }
}

export async function holdsRelation(
  look: AgencyLookup,
  actorAgencyId: number,
  m: MatterRecord,
  rel: Relation,
): Promise<boolean> {
  if (rel === 'applicant' || rel === 'provider' || rel === 'authority')
    return partyId(m, rel) === actorAgencyId;
  const r = await look.relation(actorAgencyId, subjectAgencyOf(m));
  if (rel === 'same_level_authority') return r.sameLevelAuthority;
  if (rel === 'upper_authority') return r.upperAuthority;
  return r.supervises;
}

/** Whether the actor may take the transition (role and relation), regardless of the matter's state. */
export async function mayTake(
  look: AgencyLookup,
  actor: Actor,
  m: MatterRecord,
  t: TransitionDef,
): Promise<boolean> {
  if (isSystem(actor)) return true;
  if (actor.agencyId === null) return false;
  for (const taker of t.by) {
    if (!taker.roles.some((r) => actor.roles.includes(r))) continue;
    if (await holdsRelation(look, actor.agencyId, m, taker.relation)) return true;
  }
  return false;
}

/** '须由同级政务数据主管部门的目录审核员或主管部门管理员办理' — for the 403's detail. */
export function describeTakers(t: TransitionDef): string {
  const parts = t.by.map(
    (b) => `${RELATION_NAMES[b.relation]}的${b.roles.map((r) => ROLES[r as Role] ?? r).join('或')}`,
  );
  return `“${t.label}”须由${parts.join('，或')}办理`;
}

/** The agency that stands in `taker`'s relation to the matter (the one to act, or be reminded). */
export async function agencyOfTaker(db: Queryable, m: MatterRecord, taker: Taker): Promise<number | null> {
  const rel = taker.relation;
  if (rel === 'applicant' || rel === 'provider' || rel === 'authority') return partyId(m, rel);
  const subject = subjectAgencyOf(m);
  if (rel === 'same_level_authority') return (await sameLevelAuthorityOf(db, subject))?.id ?? null;
  if (rel === 'upper_authority') return (await upperAuthorityOf(db, subject))?.id ?? null;
  return m.authorityAgencyId ?? (await supervisingAuthorityOf(db, subject))?.id ?? null;
}

/** Agencies (with the roles there) that may take one of these transitions next. */
export async function nextActors(
  db: Queryable,
  m: MatterRecord,
  next: [string, TransitionDef][],
): Promise<Map<number, { roles: Set<string>; labels: Set<string> }>> {
  const out = new Map<number, { roles: Set<string>; labels: Set<string> }>();
  for (const [, t] of next) {
    for (const taker of t.by) {
      const id = await agencyOfTaker(db, m, taker);
      if (id === null) continue;
      const e = out.get(id) ?? { roles: new Set<string>(), labels: new Set<string>() };
      for (const r of taker.roles) e.roles.add(r);
      e.labels.add(t.label);
      out.set(id, e);
    }
  }
  return out;
}

/** The parties' agency ids, in order applicant, provider, authority. */
export const partyIds = (m: MatterRecord): number[] =>
  PARTY_ROLES.map((r) => partyId(m, r)).filter((id): id is number => id !== null);

/** Art. 5: a matter is seen by its parties and by the authorities that supervise a party. */
export async function maySee(look: AgencyLookup, actor: Actor, m: MatterRecord): Promise<boolean> {
  if (isSystem(actor)) return true;
  if (actor.agencyId === null) return false;
  const parties = partyIds(m);
  if (parties.includes(actor.agencyId)) return true;
  const supervised = await look.supervised(actor.agencyId);
  return parties.some((p) => supervised.has(p));
}

/** The agencies whose matters and deadlines the actor sees: its own and, for an authority, those it supervises. */
export async function scopeOf(look: AgencyLookup, actor: Actor): Promise<number[]> {
  if (actor.agencyId === null) return [];
  return [actor.agencyId, ...(await look.supervised(actor.agencyId))];
}
