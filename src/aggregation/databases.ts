// Art. 20 基础库 / 主题库: the province's base databases (人口, 法人, 自然资源和空间地理, 电子证照) and theme
// databases (医疗健康, 政务服务 …) are the catalog groups under the roots 'base' and 'theme'; a dataset
// belongs to the group of its entry's published version. Per group: its datasets, their current
// records, freshness against the entry's update frequency and the error rate of their last loads.
// Each figure comes from one grouped statement over the datasets in view (never one per dataset).
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { listTerms, type Term } from '../catalog/dictionaries.ts';
import { seesWorkingVersions } from '../catalog/entries.ts';
import { entryFacts } from '../catalog/versions.ts';
import { principalOf } from '../http/auth-plugin.ts';
import type { Actor, Ctx } from '../kernel/context.ts';
import type { Db } from '../kernel/db/schema.ts';
import { DomainError } from '../kernel/errors.ts';
import { FREQUENCY_LABELS, timeliness } from './quality/index.ts';

/** The roots of the group dictionary that are databases (Art. 20); 专题库 and 部门目录 are not. */
const KINDS = { base: 'base', theme: 'theme' } as const;
export type DatabaseKind = keyof typeof KINDS;
export type Freshness = 'on_time' | 'late' | 'never_loaded';
export type QualityTrend = 'improving' | 'stable' | 'worsening' | 'none';

export interface DatabaseSummary {
  code: string;
  name: string;
  kind: DatabaseKind;
  /** The root group's name: 基础库 / 主题库. */
  kindName: string;
  description: string | null;
  datasetCount: number;
  recordCount: number;
  /** Datasets past their update frequency (never-loaded ones counted from registration, as 对账 does). */
  lateCount: number;
  neverLoadedCount: number;
  /** Mean of the datasets' last finished load's rejected share; null when none has finished a load. */
  averageErrorRate: number | null;
}

export interface DatabaseDataset {
  id: number;
  name: string;
  entryId: number;
  entryCode: string;
  providerAgencyId: number;
  providerAgencyName: string;
  recordCount: number;
  lastLoadAt: string | null;
  frequencyCode: string;
  frequencyName: string;
  freshness: Freshness;
  late: boolean;
  dueAt: string | null;
  daysLate: number;
  freshnessMessage: string;
  /** Rejected share of the last committed or rejected load. */
  lastErrorRate: number | null;
  /** quality_trend of the latest daily reconciliation; null before the first. */
  qualityTrend: QualityTrend | null;
  reconciledOn: string | null;
}

interface Group {
  term: Term;
  kind: DatabaseKind;
  kindName: string;
}

/** Groups whose root is 'base' or 'theme' (the roots included), in dictionary order. */
function databaseGroups(terms: Term[]): Group[] {
  const byCode = new Map(terms.map((t) => [t.code, t]));
  const rootOf = (t: Term): Term => {
    let r = t;
    for (let hops = 0; r.parentCode && byCode.has(r.parentCode) && hops < 10; hops++)
      r = byCode.get(r.parentCode)!;
    return r;
  };
  return terms.flatMap((term) => {
    const root = rootOf(term);
    const kind = KINDS[root.code as DatabaseKind];
    return kind ? [{ term, kind, kindName: root.name }] : [];
  });
}

interface Row {
  id: number;
  name: string;
  entryId: number;
  providerAgencyId: number;
  createdAt: Date;
}

/** The datasets the actor sees — the same rule as listDatasets: its own agency's and those it reviews. */
async function visibleDatasets(db: Db, actor: Actor): Promise<Row[]> {
  const providers = await db.selectFrom('agg_dataset').select('provider_agency_id').distinct().execute();
  const seen: number[] = [];
  for (const p of providers)
    if (await seesWorkingVersions(db, actor, p.provider_agency_id)) seen.push(p.provider_agency_id);
  if (!seen.length) return [];
  const rows = await db
    .selectFrom('agg_dataset')
    .select(['id', 'name', 'entry_id', 'provider_agency_id', 'created_at'])
    .where('provider_agency_id', 'in', seen)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    entryId: r.entry_id,
    providerAgencyId: r.provider_agency_id,
    createdAt: r.created_at,
  }));
}

/**
 * Art. 18/41: current records per dataset — the latest committed version of each key, tombstones
 * excluded (what records.ts reads and reconciliation.ts counts), for many datasets in one statement.
 * Per dataset (lateral) so each walks agg_record_key in its order without a sort: measured 2–3× faster
 * than one DISTINCT ON over all of them once the planner has statistics.
 */
export async function currentRecordCounts(db: Db, datasetIds: number[]): Promise<Map<number, number>> {
  if (!datasetIds.length) return new Map();
  const r = await sql<{ dataset_id: number; n: number }>`
    select d.id as dataset_id, x.n from unnest(${datasetIds}::int[]) as d(id)
    cross join lateral (
      select count(*)::int as n from (
        select distinct on (r.key_hash) r.tombstone from agg_record r
        where r.dataset_id = d.id
          and exists (select 1 from agg_load l where l.id = r.load_id and l.status = 'committed')
        order by r.key_hash, r.load_id desc) c
      where not c.tombstone) x`.execute(db);
  return new Map(r.rows.map((x) => [Number(x.dataset_id), Number(x.n)]));
}

interface LoadFacts {
  lastLoadAt: Date | null;
  lastErrorRate: number | null;
}

/** The last committed load's time and the last finished load's rejected share (as 对账 reads them). */
async function loadFacts(db: Db, datasetIds: number[]): Promise<Map<number, LoadFacts>> {
  if (!datasetIds.length) return new Map();
  const r = await sql<{ dataset_id: number; last_load_at: Date | null; rate: number | null }>`
    select dataset_id,
      max(committed_at) filter (where status = 'committed') as last_load_at,
      (array_agg(case when rows_read > 0 then rows_rejected::float8 / rows_read else 0 end order by id desc)
        filter (where status in ('committed', 'rejected')))[1] as rate
    from agg_load where dataset_id = any(${datasetIds}::int[])
    group by dataset_id`.execute(db);
  return new Map(
    r.rows.map((x) => [
      Number(x.dataset_id),
      {
        lastLoadAt: x.last_load_at === null ? null : new Date(x.last_load_at),
        lastErrorRate: x.rate === null ? null : Number(x.rate),
      },
    ]),
  );
}

/** The latest daily reconciliation of each dataset (Art. 19). */
async function latestReconciliations(db: Db, datasetIds: number[]) {
  if (!datasetIds.length) return new Map<number, { trend: QualityTrend; day: string }>();
  const r = await sql<{ dataset_id: number; quality_trend: QualityTrend; day: string }>`
    select distinct on (dataset_id) dataset_id, quality_trend, day::text as day
    from agg_reconciliation where dataset_id = any(${datasetIds}::int[])
    order by dataset_id, day desc`.execute(db);
  return new Map(r.rows.map((x) => [Number(x.dataset_id), { trend: x.quality_trend, day: x.day }]));
}

/** Every visible dataset with its group and figures; `only` limits it to one group's datasets. */
async function datasetFigures(
  ctx: Ctx,
  actor: Actor,
  only?: string,
): Promise<(DatabaseDataset & { group: string })[]> {
  const rows = await visibleDatasets(ctx.db, actor);
  // The catalog module owns the entries: one bulk read through its service.
  const entries = await entryFacts(
    ctx.db,
    rows.map((r) => r.entryId),
  );
  const names = await ctx.directory.names(ctx.db, { agencyIds: rows.map((r) => r.providerAgencyId) });
  const inScope = rows.filter((r) => !only || entries.get(r.entryId)!.groupCode === only);
  const ids = inScope.map((r) => r.id);
  const [counts, loads, recs] = await Promise.all([
    currentRecordCounts(ctx.db, ids),
    loadFacts(ctx.db, ids),
    latestReconciliations(ctx.db, ids),
  ]);
  const now = ctx.clock.now();
  return inScope.map((r) => {
    const entry = entries.get(r.entryId)!;
    const load = loads.get(r.id);
    const lastLoadAt = load?.lastLoadAt ?? null;
    // Art. 19: late against the entry's update frequency; never loaded counts from registration.
    const t = FREQUENCY_LABELS[entry.frequencyCode]
      ? timeliness(lastLoadAt ?? r.createdAt, entry.frequencyCode, now)
      : null;
    const late = t?.late ?? false;
    const rec = recs.get(r.id);
    return {
      group: entry.groupCode,
      id: r.id,
      name: r.name,
      entryId: r.entryId,
      entryCode: entry.code,
      providerAgencyId: r.providerAgencyId,
      providerAgencyName: names.agencies.get(r.providerAgencyId) ?? '',
      recordCount: counts.get(r.id) ?? 0,
      lastLoadAt: lastLoadAt?.toISOString() ?? null,
      frequencyCode: entry.frequencyCode,
      frequencyName: FREQUENCY_LABELS[entry.frequencyCode] ?? entry.frequencyCode,
      freshness: lastLoadAt === null ? 'never_loaded' : late ? 'late' : 'on_time',
      late,
      dueAt: t?.dueAt?.toISOString() ?? null,
      daysLate: t?.daysLate ?? 0,
      freshnessMessage: t
        ? lastLoadAt === null
          ? `尚未汇聚；${t.message}`
          : t.message
        : `更新频率“${entry.frequencyCode}”不在目录标准中，不判断是否逾期`,
      lastErrorRate: load?.lastErrorRate ?? null,
      qualityTrend: rec?.trend ?? null,
      reconciledOn: rec?.day ?? null,
    };
  });
}

function summarise(g: Group, datasets: DatabaseDataset[]): DatabaseSummary {
  const rates = datasets.map((d) => d.lastErrorRate).filter((x): x is number => x !== null);
  return {
    code: g.term.code,
    name: g.term.name,
    kind: g.kind,
    kindName: g.kindName,
    description: g.term.description,
    datasetCount: datasets.length,
    recordCount: datasets.reduce((n, d) => n + d.recordCount, 0),
    lateCount: datasets.filter((d) => d.late).length,
    neverLoadedCount: datasets.filter((d) => d.freshness === 'never_loaded').length,
    averageErrorRate: rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null,
  };
}

/**
 * Art. 20: every base and theme database in dictionary order, empty ones included. A root group or a
 * retired one is listed only while datasets are filed under it, so none of them drops out of sight.
 */
export async function listDatabases(ctx: Ctx, actor: Actor): Promise<DatabaseSummary[]> {
  const [groups, datasets] = await Promise.all([
    listTerms(ctx.db, 'groups', true).then(databaseGroups),
    datasetFigures(ctx, actor),
  ]);
  return groups
    .map((g) => ({ g, own: datasets.filter((d) => d.group === g.term.code) }))
    .filter(({ g, own }) => own.length > 0 || (g.term.parentCode !== null && !g.term.retired))
    .map(({ g, own }) => summarise(g, own));
}

/** Art. 20: one base or theme database and its datasets; any other group code is 404. */
export async function getDatabase(
  ctx: Ctx,
  actor: Actor,
  code: string,
): Promise<DatabaseSummary & { items: DatabaseDataset[] }> {
  const group = databaseGroups(await listTerms(ctx.db, 'groups', true)).find((g) => g.term.code === code);
  if (!group)
    throw new DomainError(404, 'aggregation-database-not-found', '基础库或主题库不存在', {
      detail: `目录分组“${code}”不是基础库或主题库`,
      article: 'Art. 20',
    });
  const items = (await datasetFigures(ctx, actor, code)).map(({ group: _, ...d }) => d);
  return { ...summarise(group, items), items };
}

// — HTTP —

const tags = ['数据汇聚'];
const Trend = z.enum(['improving', 'stable', 'worsening', 'none']);
const Summary = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['base', 'theme']),
  kindName: z.string().meta({ description: '基础库 / 主题库' }),
  description: z.string().nullable(),
  datasetCount: z.number(),
  recordCount: z.number().meta({ description: '各数据集当前有效记录数之和' }),
  lateCount: z.number().meta({ description: '超过目录更新频率未更新的数据集数' }),
  neverLoadedCount: z.number(),
  averageErrorRate: z.number().nullable().meta({ description: '各数据集最近一个已完成批次错误率的平均' }),
});
const DatasetRow = z.object({
  id: z.number(),
  name: z.string(),
  entryId: z.number(),
  entryCode: z.string(),
  providerAgencyId: z.number(),
  providerAgencyName: z.string(),
  recordCount: z.number(),
  lastLoadAt: z.string().nullable(),
  frequencyCode: z.string(),
  frequencyName: z.string(),
  freshness: z.enum(['on_time', 'late', 'never_loaded']),
  late: z.boolean(),
  dueAt: z.string().nullable(),
  daysLate: z.number(),
  freshnessMessage: z.string(),
  lastErrorRate: z.number().nullable(),
  qualityTrend: Trend.nullable(),
  reconciledOn: z.string().nullable(),
});

export function databaseRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (parent) => {
    await parent.register(async (plain) => {
      const app = plain.withTypeProvider<ZodTypeProvider>();
      app.get(
        '/aggregation/databases',
        {
          config: { permission: 'aggregation.read' },
          schema: {
            tags,
            summary: '基础库与主题库',
            description:
              '第二十条：人口、法人、自然资源和空间地理、电子证照等基础库及各主题库（按目录分组），每库的数据集数、' +
              '当前记录数、逾期未更新数与最近批次平均错误率；仅计入本部门及其审核范围内部门的数据集。',
            response: { 200: z.object({ items: z.array(Summary) }) },
          },
        },
        async (req) => ({ items: await listDatabases(ctx, principalOf(req)) }),
      );
      app.get(
        '/aggregation/databases/:groupCode',
        {
          config: { permission: 'aggregation.read' },
          schema: {
            tags,
            summary: '基础库或主题库详情',
            description:
              '第二十条：一个库的数据集，各自的提供部门、当前记录数、最近汇聚时间、按更新频率判断的及时性（第十九条）、' +
              '最近批次错误率与日常对账的质量趋势。',
            params: z.object({ groupCode: z.string().min(1).max(100) }),
            response: { 200: Summary.extend({ items: z.array(DatasetRow) }) },
          },
        },
        async (req) => getDatabase(ctx, principalOf(req), req.params.groupCode),
      );
    });
  };
}
