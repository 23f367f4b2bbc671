// Art. 17: where several agencies collect the same data, one lead department (牵头部门) collects it and
// the others obtain it by sharing. The data authority designates it for its region: the provincial
// authority province-wide, a city's or county's authority for its own region (the nearest holds).

import { getRegion, isWithinRegion, regionSubtree } from '../agencies/regions.ts';
import { agencyRef } from '../agencies/relations.ts';
import { type Actor, type Ctx, inTransaction } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import { DomainError, forbidden, notFound, ruleViolated, validationFailed } from '../kernel/errors.ts';
import { agencyNames } from './overlap.ts';

type Queryable = Db | Trx;

export interface LeadDepartmentView {
  dataElement: { id: number; name: string };
  region: { code: string; name: string };
  agency: { id: number; name: string };
  basis: string;
  designatedBy: { agencyId: number; agencyName: string; username: string };
  designatedAt: string;
}

async function actorRegion(db: Queryable, actor: Actor): Promise<string> {
  const own = actor.agencyId === null ? null : await agencyRef(db, actor.agencyId);
  if (!own) throw forbidden('仅政务部门人员可查看牵头部门');
  return own.regionCode;
}

async function view(db: Queryable, rows: RowOf[]): Promise<LeadDepartmentView[]> {
  if (!rows.length) return [];
  const [names, elements, regions] = await Promise.all([
    agencyNames(
      db,
      rows.flatMap((r) => [r.agency_id, r.designated_by_agency_id]),
    ),
    db
      .selectFrom('catalog_data_element')
      .select(['id', 'name'])
      .where(
        'id',
        'in',
        rows.map((r) => r.data_element_id),
      )
      .execute(),
    Promise.all([...new Set(rows.map((r) => r.region_code))].map((c) => getRegion(db, c))),
  ]);
  const element = new Map(elements.map((e) => [e.id, e.name]));
  const region = new Map(regions.map((r) => [r.code, r.name]));
  return rows.map((r) => ({
    dataElement: { id: r.data_element_id, name: element.get(r.data_element_id) ?? '' },
    region: { code: r.region_code, name: region.get(r.region_code) ?? '' },
    agency: { id: r.agency_id, name: names.get(r.agency_id) ?? '' },
    basis: r.basis,
    designatedBy: {
      agencyId: r.designated_by_agency_id,
      agencyName: names.get(r.designated_by_agency_id) ?? '',
      username: r.designated_by,
    },
    designatedAt: r.designated_at.toISOString(),
  }));
}

const leadRows = (db: Queryable) =>
  db
    .selectFrom('catalog_lead_department')
    .select([
      'data_element_id',
      'region_code',
      'agency_id',
      'basis',
      'designated_by_agency_id',
      'designated_by',
      'designated_at',
    ]);
type RowOf = Awaited<ReturnType<ReturnType<typeof leadRows>['execute']>>[number];

/**
 * The designations that concern the caller's agency: those in force for its region (made there or
 * above) and, for an authority, those made in the regions below it.
 */
export async function listLeadDepartments(
  ctx: Ctx,
  actor: Actor,
  q: { dataElementId?: number },
): Promise<LeadDepartmentView[]> {
  const region = await actorRegion(ctx.db, actor);
  const r = await getRegion(ctx.db, region);
  const above = [...r.path.map((p) => p.code), r.code];
  let query = leadRows(ctx.db).where((eb) =>
    actor.agencyKind === 'authority'
      ? eb.or([eb('region_code', 'in', above), eb('region_code', 'in', regionSubtree(region))])
      : eb('region_code', 'in', above),
  );
  if (q.dataElementId !== undefined) query = query.where('data_element_id', '=', q.dataElementId);
  return view(ctx.db, await query.orderBy('data_element_id').orderBy('region_code').execute());
}

/**
 * Art. 17: an authority designates, for its region, the lead department of a data element: a
 * department of its region that provides a published entry holding that element. A new designation
 * replaces the authority's earlier one for the element; the ledger keeps both.
 */
export async function designateLeadDepartment(
  ctx: Ctx,
  actor: Actor,
  dataElementId: number,
  input: { agencyId: number; basis: string },
): Promise<LeadDepartmentView> {
  if (actor.agencyKind !== 'authority' || actor.agencyId === null)
    throw forbidden('仅政务数据主管部门可指定牵头部门');
  const authorityId = actor.agencyId;
  const basis = input.basis.trim();
  if (!basis) throw validationFailed([{ field: 'basis', message: '请填写指定牵头部门的依据' }]);
  return inTransaction(ctx, actor, async (tx) => {
    const element = await tx.db
      .selectFrom('catalog_data_element')
      .select(['id', 'name', 'retired_at'])
      .where('id', '=', dataElementId)
      .executeTakeFirst();
    if (!element || element.retired_at !== null) throw notFound('数据元');
    const region = await actorRegion(tx.db, actor);
    const target = await agencyRef(tx.db, input.agencyId);
    if (!target || !(await isWithinRegion(tx.db, target.regionCode, region)))
      throw new DomainError(403, 'outside-jurisdiction', '超出管辖范围', {
        article: 'Art. 17',
        detail: '只能指定本行政区域内的部门为牵头部门',
      });
    if (target.kind !== 'department')
      throw ruleViolated('catalog-lead-not-department', '牵头部门须为政务部门', 'Art. 17', {
        detail: `${target.name}不是政务部门`,
      });
    const holds = await tx.db
      .selectFrom('catalog_entry as e')
      .innerJoin('catalog_entry_version as v', (j) =>
        j.onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'e.current_version'),
      )
      .innerJoin('catalog_data_item as i', 'i.version_id', 'v.id')
      .select('e.id')
      .where('e.provider_agency_id', '=', target.id)
      .where('e.status', 'in', ['published', 'revoking'])
      .where('i.data_element_id', '=', dataElementId)
      .limit(1)
      .executeTakeFirst();
    if (!holds)
      throw ruleViolated('catalog-lead-not-collector', '牵头部门须已发布含该数据元的目录', 'Art. 17', {
        detail: `${target.name}没有已发布且包含数据元“${element.name}”的目录`,
      });
    const before = await leadRows(tx.db)
      .where('data_element_id', '=', dataElementId)
      .where('region_code', '=', region)
      .executeTakeFirst();
    const row = {
      data_element_id: dataElementId,
      region_code: region,
      agency_id: target.id,
      basis,
      designated_by_agency_id: authorityId,
      designated_at: tx.now,
      designated_by: actor.username,
    };
    await tx.db
      .insertInto('catalog_lead_department')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['data_element_id', 'region_code']).doUpdateSet({
          agency_id: target.id,
          basis,
          designated_by_agency_id: authorityId,
          designated_at: tx.now,
          designated_by: actor.username,
        }),
      )
      .execute();
    tx.record({
      action: 'catalog.lead-department.designated',
      subject: `catalog-data-element:${dataElementId}`,
      details: {
        dataElement: element.name,
        regionCode: region,
        agencyId: target.id,
        agencyName: target.name,
        basis,
        previousAgencyId: before?.agency_id ?? null,
      },
    });
    return (await view(tx.db, [row]))[0];
  });
}
