// Art. 5, 12: how two agencies stand to each other. The matters engine decides who may act on a
// matter from these relations (same-level authority reviews a department's catalog, the authority
// one level up reviews a city's or county's, …). Pass ctx.db, or tx.db inside a transaction.
import type { Db, Trx } from '../kernel/db/schema.ts';
import { regionSubtree } from './regions.ts';
import type { AgencyKind, RegionLevel } from './schema.ts';

type Queryable = Db | Trx;

export interface AgencyRef {
  id: number;
  name: string;
  kind: AgencyKind;
  level: RegionLevel;
  regionCode: string;
}

export interface AgencyRelation {
  /** The same agency. */
  self: boolean;
  /** Both sit in the same administrative region. */
  sameRegion: boolean;
  /** The actor is the data authority of the target's own region (Art. 12: reviews its catalog). */
  sameLevelAuthority: boolean;
  /** The actor is the nearest data authority above the target's region (Art. 12: city/county catalogs). */
  upperAuthority: boolean;
  /** The actor is the authority recorded as the target's supervisor. */
  directSupervisor: boolean;
  /** The actor is an authority whose region contains the target's (Art. 5: 本行政区域内). */
  supervises: boolean;
}

const agencyRow = (db: Queryable, id: number) =>
  db
    .selectFrom('agency')
    .innerJoin('region', 'region.code', 'agency.region_code')
    .select([
      'agency.id',
      'agency.name',
      'agency.kind',
      'agency.level',
      'agency.region_code',
      'agency.supervising_agency_id',
      'region.parent_code',
    ])
    .where('agency.id', '=', id)
    .executeTakeFirst();

const toRef = (r: {
  id: number;
  name: string;
  kind: AgencyKind;
  level: RegionLevel;
  region_code: string;
}) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  level: r.level,
  regionCode: r.region_code,
});

async function authorityOfRegion(db: Queryable, regionCode: string): Promise<AgencyRef | null> {
  const r = await db
    .selectFrom('agency')
    .select(['id', 'name', 'kind', 'level', 'region_code'])
    .where('region_code', '=', regionCode)
    .where('kind', '=', 'authority')
    .executeTakeFirst();
  return r ? toRef(r) : null;
}

export async function agencyRef(db: Queryable, agencyId: number): Promise<AgencyRef | null> {
  const a = await agencyRow(db, agencyId);
  return a ? toRef(a) : null;
}

/** Art. 5, 12: the data authority of the agency's own region (an authority is its own); null if none. */
export async function sameLevelAuthorityOf(db: Queryable, agencyId: number): Promise<AgencyRef | null> {
  const a = await agencyRow(db, agencyId);
  return a ? authorityOfRegion(db, a.region_code) : null;
}

/**
 * Art. 12: the data authority one level up — the parent region's authority, or the grandparent's
 * when the parent region has none registered. Null for province-level agencies.
 */
export async function upperAuthorityOf(db: Queryable, agencyId: number): Promise<AgencyRef | null> {
  const a = await agencyRow(db, agencyId);
  let region = a?.parent_code ?? null;
  while (region) {
    const found = await authorityOfRegion(db, region);
    if (found) return found;
    const parent = await db
      .selectFrom('region')
      .select('parent_code')
      .where('code', '=', region)
      .executeTakeFirst();
    region = parent?.parent_code ?? null;
  }
  return null;
}

/** The authority recorded as the agency's supervisor (Art. 5); null for the provincial authority. */
export async function supervisingAuthorityOf(db: Queryable, agencyId: number): Promise<AgencyRef | null> {
  const a = await agencyRow(db, agencyId);
  return a?.supervising_agency_id ? agencyRef(db, a.supervising_agency_id) : null;
}

/**
 * Art. 5: the agencies an authority oversees — every agency of its region and the regions below,
 * at its own level and below, itself and coordination mechanisms (Art. 4, above it) excepted.
 * Empty for an agency that is not an authority.
 */
export async function supervisedAgencyIds(db: Queryable, authorityId: number): Promise<number[]> {
  const a = await agencyRow(db, authorityId);
  if (a?.kind !== 'authority') return [];
  const rows = await db
    .selectFrom('agency')
    .select('id')
    .where('region_code', 'in', regionSubtree(a.region_code))
    .where('kind', '!=', 'coordination')
    .where('id', '!=', authorityId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function isSupervisedBy(db: Queryable, agencyId: number, authorityId: number): Promise<boolean> {
  if (agencyId === authorityId) return false;
  return (await supervisedAgencyIds(db, authorityId)).includes(agencyId);
}

export async function relationOf(
  db: Queryable,
  actorAgencyId: number,
  targetAgencyId: number,
): Promise<AgencyRelation> {
  const [actor, target] = await Promise.all([agencyRow(db, actorAgencyId), agencyRow(db, targetAgencyId)]);
  const none: AgencyRelation = {
    self: false,
    sameRegion: false,
    sameLevelAuthority: false,
    upperAuthority: false,
    directSupervisor: false,
    supervises: false,
  };
  if (!actor || !target) return none;
  const self = actor.id === target.id;
  const isAuthority = actor.kind === 'authority' && !self;
  return {
    self,
    sameRegion: actor.region_code === target.region_code,
    sameLevelAuthority:
      isAuthority && target.kind !== 'coordination' && actor.region_code === target.region_code,
    upperAuthority: isAuthority && (await upperAuthorityOf(db, target.id))?.id === actor.id,
    directSupervisor: target.supervising_agency_id === actor.id,
    supervises: isAuthority && (await isSupervisedBy(db, target.id, actor.id)),
  };
}
