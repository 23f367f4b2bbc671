import type { Db, Trx } from '../kernel/db/schema.ts';
import { DomainError } from '../kernel/errors.ts';
import type { Principal } from './auth.ts';
import { isWithinRegion, regionSubtree } from './regions.ts';
import type { AgencyKind } from './schema.ts';

// Art. 5: which authority supervises an agency, and who may manage the agencies of a region.
type Queryable = Db | Trx;

/**
 * Art. 5: who may manage an agency of a region. The system administrator manages the whole
 * directory; an authority's administrator its own region and the regions below.
 */
export async function assertMayManageRegion(db: Queryable, p: Principal, regionCode: string): Promise<void> {
  if (p.roles.includes('sys_admin')) return;
  if (p.roles.includes('authority_admin') && p.agencyKind === 'authority' && p.agencyId !== null) {
    const own = await db
      .selectFrom('agency')
      .select('region_code')
      .where('id', '=', p.agencyId)
      .executeTakeFirst();
    if (own && (await isWithinRegion(db, regionCode, own.region_code))) return;
  }
  throw new DomainError(403, 'outside-jurisdiction', '超出管辖范围', {
    detail: '主管部门管理员只能管理本行政区域及下级行政区域的机构',
    article: 'Art. 5',
  });
}

/**
 * Art. 5: a department is supervised by its own region's data authority, a city or county authority
 * by the authority one level up. Where a region has no authority registered, the next one up steps in.
 */
export async function supervisorFor(
  db: Queryable,
  kind: AgencyKind,
  regionCode: string,
): Promise<number | null> {
  if (kind === 'coordination') return null; // Art. 4: set up by the provincial government itself.
  const chain: string[] = [];
  let code: string | null = regionCode;
  while (code) {
    chain.push(code);
    const r = await db.selectFrom('region').select('parent_code').where('code', '=', code).executeTakeFirst();
    code = r?.parent_code ?? null;
  }
  const candidates = kind === 'authority' ? chain.slice(1) : chain;
  if (!candidates.length) return null;
  const found = await db
    .selectFrom('agency')
    .select(['id', 'region_code'])
    .where('kind', '=', 'authority')
    .where('region_code', 'in', candidates)
    .execute();
  for (const c of candidates) {
    const hit = found.find((a) => a.region_code === c);
    if (hit) return hit.id;
  }
  return null;
}

/** After an authority appears, agencies below it that fell back to a higher one are re-pointed. */
export async function resupervise(db: Queryable, regionCode: string): Promise<number> {
  const rows = await db
    .selectFrom('agency')
    .select(['id', 'kind', 'region_code', 'supervising_agency_id'])
    .where('region_code', 'in', regionSubtree(regionCode))
    .where('kind', '!=', 'coordination')
    .execute();
  let changed = 0;
  for (const a of rows) {
    const sup = await supervisorFor(db, a.kind, a.region_code);
    if (sup !== a.supervising_agency_id) {
      await db.updateTable('agency').set({ supervising_agency_id: sup }).where('id', '=', a.id).execute();
      changed++;
    }
  }
  return changed;
}
