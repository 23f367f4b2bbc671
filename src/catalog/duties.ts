// Art. 12 全量编目: an agency catalogs all the data of its duties. Its duties (职责, from its 三定
// list) are recorded and linked to the entries that cover them, so the authority sees which duties
// still have no entry. A data officer keeps their own agency's list, an authority admin those of
// the agencies of its region.
import { type AgencyView, listAgencies } from '../agencies/agencies.ts';
import { isWithinRegion } from '../agencies/regions.ts';
import { agencyRef } from '../agencies/relations.ts';
import { type Actor, type Ctx, inTransaction, type Tx } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import { conflict, DomainError, forbidden, notFound, validationFailed } from '../kernel/errors.ts';
import { seesWorkingVersions } from './entries.ts';
import type { EntryStatus } from './schema.ts';

type Queryable = Db | Trx;

export interface DutyView {
  id: number;
  agency: { id: number; name: string };
  name: string;
  basis: string | null;
  sortOrder: number;
  entries: { id: number; code: string; name: string; status: EntryStatus }[];
  /** Art. 12: no entry (other than a revoked one) covers the duty yet. */
  covered: boolean;
  updatedAt: string;
  updatedBy: string;
}

export interface DutyInput {
  name: string;
  basis?: string | null;
  sortOrder?: number;
}

const outside = () =>
  new DomainError(403, 'outside-jurisdiction', '超出管辖范围', {
    article: 'Art. 12',
    detail: '数据管理员只能维护本部门的职责，主管部门管理员只能维护本行政区域内部门的职责',
  });

/** Own agency, or — for an authority admin — an agency of its region and the regions below. */
async function assertMayManage(db: Queryable, actor: Actor, agencyId: number): Promise<{ name: string }> {
  const target = await agencyRef(db, agencyId);
  if (!target) throw notFound('机构');
  if (agencyId === actor.agencyId) return target;
  if (!actor.roles.includes('authority_admin') || actor.agencyKind !== 'authority' || actor.agencyId === null)
    throw outside();
  const own = await agencyRef(db, actor.agencyId);
  if (
    !own ||
    target.kind === 'coordination' ||
    !(await isWithinRegion(db, target.regionCode, own.regionCode))
  )
    throw outside();
  return target;
}

/** Entries covering the listed duties, named as the actor may read them (Art. 12 visibility). */
async function dutyViews(db: Queryable, actor: Actor, agencyId: number, ids?: number[]): Promise<DutyView[]> {
  let q = db.selectFrom('catalog_duty').selectAll().where('agency_id', '=', agencyId);
  if (ids) q = q.where('id', 'in', ids.length ? ids : [0]);
  const duties = await q.orderBy('sort_order').orderBy('id').execute();
  if (!duties.length) return [];
  const [links, agency, working] = await Promise.all([
    db
      .selectFrom('catalog_duty_entry as de')
      .innerJoin('catalog_entry as e', 'e.id', 'de.entry_id')
      .innerJoin('catalog_entry_version as v', (j) =>
        j.onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'e.latest_version'),
      )
      .leftJoin('catalog_entry_version as cv', (j) =>
        j.onRef('cv.entry_id', '=', 'e.id').onRef('cv.version', '=', 'e.current_version'),
      )
      .select([
        'de.duty_id',
        'e.id',
        'e.code',
        'e.status',
        'v.name as latest_name',
        'cv.name as current_name',
      ])
      .where(
        'de.duty_id',
        'in',
        duties.map((d) => d.id),
      )
      .orderBy('e.code')
      .execute(),
    agencyRef(db, agencyId),
    seesWorkingVersions(db, actor, agencyId),
  ]);
  return duties.map((d) => {
    const mine = links.filter((l) => l.duty_id === d.id);
    return {
      id: d.id,
      agency: { id: agencyId, name: agency?.name ?? '' },
      name: d.name,
      basis: d.basis,
      sortOrder: d.sort_order,
      // Others than the provider and its reviewer see published entries only, by their published name.
      entries: mine
        .filter((l) => working || l.current_name !== null)
        .map((l) => ({
          id: l.id,
          code: l.code,
          name: (working ? l.latest_name : l.current_name) ?? l.latest_name,
          status: l.status,
        })),
      covered: mine.some((l) => l.status !== 'revoked'),
      updatedAt: d.updated_at.toISOString(),
      updatedBy: d.updated_by,
    };
  });
}

export async function listDuties(ctx: Ctx, actor: Actor, agencyId?: number): Promise<DutyView[]> {
  const id = agencyId ?? actor.agencyId;
  if (id === null) throw forbidden('请指定部门');
  await assertMayManage(ctx.db, actor, id);
  return dutyViews(ctx.db, actor, id);
}

function clean(input: DutyInput) {
  const name = input.name.trim();
  if (!name) throw validationFailed([{ field: 'name', message: '请填写职责名称' }]);
  return { name, basis: input.basis?.trim() || null, sort_order: input.sortOrder ?? 0 };
}

async function insertDuty(tx: Tx, actor: Actor, agencyId: number, input: DutyInput) {
  const values = clean(input);
  const same = await tx.db
    .selectFrom('catalog_duty')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('name', '=', values.name)
    .executeTakeFirst();
  if (same) throw conflict('catalog-duty-exists', '该部门已有同名职责', { detail: values.name });
  return tx.db
    .insertInto('catalog_duty')
    .values({
      agency_id: agencyId,
      ...values,
      created_at: tx.now,
      created_by: actor.username,
      updated_at: tx.now,
      updated_by: actor.username,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function createDuty(
  ctx: Ctx,
  actor: Actor,
  input: DutyInput & { agencyId: number },
): Promise<DutyView> {
  const id = await inTransaction(ctx, actor, async (tx) => {
    const agency = await assertMayManage(tx.db, actor, input.agencyId);
    const row = await insertDuty(tx, actor, input.agencyId, input);
    tx.record({
      action: 'catalog.duty.created',
      subject: `catalog-duty:${row.id}`,
      details: { agencyId: input.agencyId, agencyName: agency.name, ...clean(input) },
    });
    return row.id;
  });
  return (await dutyViews(ctx.db, actor, input.agencyId, [id]))[0];
}

async function lockDuty(tx: Tx, actor: Actor, id: number) {
  const d = await tx.db
    .selectFrom('catalog_duty')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!d) throw notFound('职责');
  await assertMayManage(tx.db, actor, d.agency_id);
  return d;
}

export async function updateDuty(ctx: Ctx, actor: Actor, id: number, input: DutyInput): Promise<DutyView> {
  const agencyId = await inTransaction(ctx, actor, async (tx) => {
    const d = await lockDuty(tx, actor, id);
    const values = clean(input);
    if (values.name !== d.name) {
      const same = await tx.db
        .selectFrom('catalog_duty')
        .select('id')
        .where('agency_id', '=', d.agency_id)
        .where('name', '=', values.name)
        .executeTakeFirst();
      if (same) throw conflict('catalog-duty-exists', '该部门已有同名职责', { detail: values.name });
    }
    await tx.db
      .updateTable('catalog_duty')
      .set({ ...values, updated_at: tx.now, updated_by: actor.username })
      .where('id', '=', id)
      .execute();
    tx.record({
      action: 'catalog.duty.changed',
      subject: `catalog-duty:${id}`,
      details: {
        agencyId: d.agency_id,
        before: { name: d.name, basis: d.basis, sort_order: d.sort_order },
        after: values,
      },
    });
    return d.agency_id;
  });
  return (await dutyViews(ctx.db, actor, agencyId, [id]))[0];
}

export async function deleteDuty(ctx: Ctx, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx, actor, async (tx) => {
    const d = await lockDuty(tx, actor, id);
    const links = await tx.db
      .selectFrom('catalog_duty_entry')
      .select('entry_id')
      .where('duty_id', '=', id)
      .execute();
    await tx.db.deleteFrom('catalog_duty').where('id', '=', id).execute();
    tx.record({
      action: 'catalog.duty.deleted',
      subject: `catalog-duty:${id}`,
      details: { agencyId: d.agency_id, name: d.name, entryIds: links.map((l) => l.entry_id) },
    });
  });
}

/**
 * Art. 12: the entries that cover a duty — the agency's own entries only. The list replaces the
 * links the actor can see; links to entries hidden from the actor (another's drafts) stay.
 */
export async function linkDutyEntries(
  ctx: Ctx,
  actor: Actor,
  id: number,
  entryIds: number[],
): Promise<DutyView> {
  const agencyId = await inTransaction(ctx, actor, async (tx) => {
    const d = await lockDuty(tx, actor, id);
    const wanted = [...new Set(entryIds)];
    const working = await seesWorkingVersions(tx.db, actor, d.agency_id);
    const rows = wanted.length
      ? await tx.db
          .selectFrom('catalog_entry')
          .select(['id', 'provider_agency_id', 'current_version', 'status'])
          .where('id', 'in', wanted)
          .execute()
      : [];
    const errors = entryIds.flatMap((e, i) => {
      const r = rows.find((x) => x.id === e);
      if (!r || r.provider_agency_id !== d.agency_id || (!working && r.current_version === null))
        return [{ field: `entryIds.${i}`, message: `目录 ${e} 不存在或不是该部门的目录` }];
      if (r.status === 'revoked')
        return [{ field: `entryIds.${i}`, message: `目录 ${e} 已撤销，不能关联职责` }];
      return [];
    });
    if (errors.length) throw validationFailed(errors);
    const before = await tx.db
      .selectFrom('catalog_duty_entry as de')
      .innerJoin('catalog_entry as e', 'e.id', 'de.entry_id')
      .select(['de.entry_id', 'e.current_version'])
      .where('de.duty_id', '=', id)
      .execute();
    const visible = before.filter((b) => working || b.current_version !== null).map((b) => b.entry_id);
    if (visible.length)
      await tx.db
        .deleteFrom('catalog_duty_entry')
        .where('duty_id', '=', id)
        .where('entry_id', 'in', visible)
        .execute();
    if (wanted.length)
      await tx.db
        .insertInto('catalog_duty_entry')
        .values(wanted.map((entry_id) => ({ duty_id: id, entry_id })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    await tx.db
      .updateTable('catalog_duty')
      .set({ updated_at: tx.now, updated_by: actor.username })
      .where('id', '=', id)
      .execute();
    tx.record({
      action: 'catalog.duty.entries-linked',
      subject: `catalog-duty:${id}`,
      details: { agencyId: d.agency_id, before: visible, after: wanted },
    });
    return d.agency_id;
  });
  return (await dutyViews(ctx.db, actor, agencyId, [id]))[0];
}

export interface AgencyCount {
  duties: number;
  dutiesWithoutEntry: number;
}

/** Art. 12: duties and duties without a (non-revoked) entry, per agency of the region — one query. */
export async function dutyCoverage(db: Queryable, agencyIds: number[]): Promise<Map<number, AgencyCount>> {
  if (!agencyIds.length) return new Map();
  const rows = await db
    .selectFrom('catalog_duty as d')
    .select((eb) => [
      'd.agency_id',
      eb.fn.countAll<number>().as('duties'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) =>
          w.not(
            w.exists(
              w
                .selectFrom('catalog_duty_entry as de')
                .innerJoin('catalog_entry as e', 'e.id', 'de.entry_id')
                .select('de.entry_id')
                .whereRef('de.duty_id', '=', 'd.id')
                .where('e.status', '!=', 'revoked'),
            ),
          ),
        )
        .as('without_entry'),
    ])
    .where('d.agency_id', 'in', agencyIds)
    .groupBy('d.agency_id')
    .execute();
  return new Map(
    rows.map((r) => [r.agency_id, { duties: Number(r.duties), dutiesWithoutEntry: Number(r.without_entry) }]),
  );
}

/**
 * The agencies an authority oversees for the catalog (Art. 5, 12): those of its region and the
 * regions below, itself included (its own catalog counts too), coordination mechanisms excepted.
 */
export async function authorityScope(
  ctx: Ctx,
  actor: Actor,
): Promise<{ region: string; agencies: AgencyView[] }> {
  const own = actor.agencyId === null ? null : await agencyRef(ctx.db, actor.agencyId);
  if (own?.kind !== 'authority') throw forbidden('仅政务数据主管部门可查看');
  const { items } = await listAgencies(ctx, { regionCode: own.regionCode }, false);
  return { region: own.regionCode, agencies: items.filter((a) => a.kind !== 'coordination') };
}
