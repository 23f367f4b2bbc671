import { sql } from 'kysely';
import { type Ctx, inTransaction } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import { conflict, type FieldError, notFound, ruleViolated, validationFailed } from '../kernel/errors.ts';
import type { Principal } from './auth.ts';
import { assertMayManageRegion, resupervise, supervisorFor } from './jurisdiction.ts';
import { regionSubtree } from './regions.ts';
import type { AgencyKind, RegionLevel } from './schema.ts';
import { usccProblem } from './uscc.ts';

type Queryable = Db | Trx;

export interface OfficerView {
  id: number;
  name: string;
  title: string;
  /** Contact details go to logged-in staff only; the public portal gets names and titles. */
  phone: string | null;
  email: string | null;
  isPrimary: boolean;
}

export interface AgencyView {
  id: number;
  code: string;
  name: string;
  shortName: string;
  kind: AgencyKind;
  level: RegionLevel;
  regionCode: string;
  regionName: string;
  supervisingAgencyId: number | null;
  supervisingAgencyName: string | null;
  uscc: string | null;
  displayOrder: number;
  officers: OfficerView[];
}

export interface AgencyFilter {
  level?: RegionLevel;
  kind?: AgencyKind;
  /** The region and every region below it. */
  regionCode?: string;
}

export interface OfficerInput {
  name: string;
  title: string;
  phone?: string | null;
  email?: string | null;
  isPrimary?: boolean;
}

export interface AgencyInput {
  name: string;
  shortName: string;
  kind: AgencyKind;
  regionCode: string;
  code?: string;
  uscc?: string | null;
  displayOrder?: number;
  officers?: OfficerInput[];
}

export type AgencyUpdate = Partial<Pick<AgencyInput, 'name' | 'shortName' | 'uscc' | 'displayOrder'>>;

const LEVEL_RANK = sql<number>`case agency.level when 'province' then 1 when 'city' then 2 else 3 end`;

function baseQuery(db: Queryable) {
  return db
    .selectFrom('agency')
    .innerJoin('region', 'region.code', 'agency.region_code')
    .leftJoin('agency as sup', 'sup.id', 'agency.supervising_agency_id')
    .select([
      'agency.id',
      'agency.code',
      'agency.name',
      'agency.short_name',
      'agency.kind',
      'agency.level',
      'agency.region_code',
      'region.name as region_name',
      'agency.supervising_agency_id',
      'sup.name as supervising_name',
      'agency.uscc',
      'agency.display_order',
    ]);
}

async function withOfficers(
  db: Queryable,
  rows: Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>,
  withContacts: boolean,
): Promise<AgencyView[]> {
  const officers = rows.length
    ? await db
        .selectFrom('agency_officer')
        .selectAll()
        .where(
          'agency_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('agency_id')
        .orderBy('is_primary', 'desc')
        .orderBy('id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind,
    level: r.level,
    regionCode: r.region_code,
    regionName: r.region_name,
    supervisingAgencyId: r.supervising_agency_id,
    supervisingAgencyName: r.supervising_name,
    uscc: r.uscc,
    displayOrder: r.display_order,
    officers: officers
      .filter((o) => o.agency_id === r.id)
      .map((o) => ({
        id: o.id,
        name: o.name,
        title: o.title,
        phone: withContacts ? o.phone : null,
        email: withContacts ? o.email : null,
        isPrimary: o.is_primary,
      })),
  }));
}

/** Sorted by level (province, city, county), then region (GB/T 2260 order), then 排序号. */
export async function listAgencies(
  ctx: Ctx,
  f: AgencyFilter,
  withContacts: boolean,
): Promise<{ items: AgencyView[]; total: number }> {
  let q = baseQuery(ctx.db);
  if (f.level) q = q.where('agency.level', '=', f.level);
  if (f.kind) q = q.where('agency.kind', '=', f.kind);
  if (f.regionCode) q = q.where('agency.region_code', 'in', regionSubtree(f.regionCode));
  const rows = await q
    .orderBy(LEVEL_RANK)
    .orderBy('agency.region_code')
    .orderBy('agency.display_order')
    .orderBy('agency.id')
    .execute();
  const items = await withOfficers(ctx.db, rows, withContacts);
  return { items, total: items.length };
}

export async function getAgency(db: Queryable, id: number, withContacts: boolean): Promise<AgencyView> {
  const row = await baseQuery(db).where('agency.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('机构');
  return (await withOfficers(db, [row], withContacts))[0];
}

function officerErrors(officers: OfficerInput[]): FieldError[] {
  const errors: FieldError[] = [];
  if (officers.filter((o) => o.isPrimary).length > 1) {
    errors.push({ field: 'officers', message: '只能指定一名主要责任人' });
  }
  officers.forEach((o, i) => {
    if (!o.name.trim()) errors.push({ field: `officers.${i}.name`, message: '请填写责任人姓名' });
    if (!o.title.trim()) errors.push({ field: `officers.${i}.title`, message: '请填写责任人职务' });
  });
  return errors;
}

async function writeOfficers(db: Trx, agencyId: number, officers: OfficerInput[]): Promise<void> {
  await db.deleteFrom('agency_officer').where('agency_id', '=', agencyId).execute();
  if (!officers.length) return;
  const primary = Math.max(
    0,
    officers.findIndex((o) => o.isPrimary),
  );
  await db
    .insertInto('agency_officer')
    .values(
      officers.map((o, i) => ({
        agency_id: agencyId,
        name: o.name.trim(),
        title: o.title.trim(),
        phone: o.phone?.trim() || null,
        email: o.email?.trim() || null,
        is_primary: i === primary,
      })),
    )
    .execute();
}

async function assertUnique(
  db: Queryable,
  field: 'name' | 'uscc' | 'code',
  value: string,
  exceptId?: number,
) {
  let q = db.selectFrom('agency').select('id').where(field, '=', value);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) {
    const what = { name: '机构名称', uscc: '统一社会信用代码', code: '机构编码' }[field];
    throw conflict('agency-duplicate', '机构已存在', { detail: `${what}“${value}”已被其他机构使用` });
  }
}

export async function createAgency(ctx: Ctx, p: Principal, input: AgencyInput): Promise<AgencyView> {
  const errors: FieldError[] = [];
  const usccError = input.uscc ? usccProblem(input.uscc) : null;
  if (usccError) errors.push({ field: 'uscc', message: usccError });
  errors.push(...officerErrors(input.officers ?? []));
  return inTransaction(ctx, p, async (tx) => {
    const region = await tx.db
      .selectFrom('region')
      .select(['code', 'level'])
      .where('code', '=', input.regionCode)
      .executeTakeFirst();
    if (!region) errors.push({ field: 'regionCode', message: `行政区划代码 ${input.regionCode} 不存在` });
    if (errors.length || !region) throw validationFailed(errors);
    await assertMayManageRegion(tx.db, p, region.code);
    await assertUnique(tx.db, 'name', input.name);
    if (input.uscc) await assertUnique(tx.db, 'uscc', input.uscc);
    if (input.code) await assertUnique(tx.db, 'code', input.code);
    if (input.kind === 'authority') {
      const existing = await tx.db
        .selectFrom('agency')
        .select('name')
        .where('region_code', '=', region.code)
        .where('kind', '=', 'authority')
        .executeTakeFirst();
      if (existing) {
        throw ruleViolated('authority-exists', '该行政区域已有政务数据主管部门', 'Art. 5', {
          detail: `已登记：${existing.name}`,
        });
      }
    }
    const supervisor = await supervisorFor(tx.db, input.kind, region.code);
    if (input.kind === 'department' && supervisor === null) {
      throw ruleViolated('no-data-authority', '所在行政区域尚无政务数据主管部门', 'Art. 5', {
        detail: '请先登记本级或上级政务数据主管部门，再登记政府部门',
      });
    }
    const { id } = await sql<{
      id: number;
    }>`select nextval(pg_get_serial_sequence('agency', 'id'))::int as id`
      .execute(tx.db)
      .then((r) => r.rows[0]);
    await tx.db
      .insertInto('agency')
      .values({
        id,
        code: input.code ?? `agency-${id}`,
        name: input.name,
        short_name: input.shortName,
        kind: input.kind,
        level: region.level,
        region_code: region.code,
        supervising_agency_id: supervisor,
        uscc: input.uscc || null,
        display_order: input.displayOrder ?? 0,
        created_at: tx.now,
      })
      .execute();
    await writeOfficers(tx.db, id, input.officers ?? []);
    const repointed = input.kind === 'authority' ? await resupervise(tx.db, region.code) : 0;
    tx.record({
      action: 'agency.create',
      subject: `agency:${id}`,
      details: {
        name: input.name,
        kind: input.kind,
        level: region.level,
        regionCode: region.code,
        supervisingAgencyId: supervisor,
        officers: (input.officers ?? []).length,
        ...(repointed ? { resupervised: repointed } : {}),
      },
    });
    return getAgency(tx.db, id, true);
  });
}

export async function updateAgency(
  ctx: Ctx,
  p: Principal,
  id: number,
  patch: AgencyUpdate,
): Promise<AgencyView> {
  const usccError = patch.uscc ? usccProblem(patch.uscc) : null;
  if (usccError) throw validationFailed([{ field: 'uscc', message: usccError }]);
  return inTransaction(ctx, p, async (tx) => {
    const before = await tx.db.selectFrom('agency').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('机构');
    await assertMayManageRegion(tx.db, p, before.region_code);
    if (patch.name !== undefined) await assertUnique(tx.db, 'name', patch.name, id);
    if (patch.uscc) await assertUnique(tx.db, 'uscc', patch.uscc, id);
    const set = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.shortName !== undefined ? { short_name: patch.shortName } : {}),
      ...(patch.uscc !== undefined ? { uscc: patch.uscc || null } : {}),
      ...(patch.displayOrder !== undefined ? { display_order: patch.displayOrder } : {}),
    };
    if (Object.keys(set).length) {
      await tx.db.updateTable('agency').set(set).where('id', '=', id).execute();
      const was = Object.fromEntries(Object.keys(set).map((k) => [k, before[k as keyof typeof before]]));
      tx.record({ action: 'agency.update', subject: `agency:${id}`, details: { before: was, after: set } });
    }
    return getAgency(tx.db, id, true);
  });
}

/** Art. 6: the department's named data officers (工作机构和责任人), replaced as a whole. */
export async function setOfficers(
  ctx: Ctx,
  p: Principal,
  id: number,
  officers: OfficerInput[],
): Promise<AgencyView> {
  const errors = officerErrors(officers);
  if (errors.length) throw validationFailed(errors);
  return inTransaction(ctx, p, async (tx) => {
    const agency = await tx.db
      .selectFrom('agency')
      .select('region_code')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!agency) throw notFound('机构');
    await assertMayManageRegion(tx.db, p, agency.region_code);
    await writeOfficers(tx.db, id, officers);
    tx.record({
      action: 'agency.officers.set',
      subject: `agency:${id}`,
      details: { officers: officers.map((o) => ({ name: o.name, title: o.title })) },
    });
    return getAgency(tx.db, id, true);
  });
}
