// Art. 19 日常对账: once a day (one process, by lease) every physical dataset is checked against its
// entry's update frequency (is its last load late?), its record count against the day before (a
// change beyond CHANGE_BOUND is flagged: a lost or doubled extract), and the trend of its loads'
// error rates. The report is the provider's and its reviewing authority's; findings are messaged.
import { sql } from 'kysely';
import { viewEntry } from '../catalog/entries.ts';
import { beijingDateOf } from '../kernel/calendar/dates.ts';
import { type Actor, type Ctx, inTransaction, systemActor } from '../kernel/context.ts';
import { runExclusive } from '../kernel/jobs/lease.ts';
import { getDataset, readDataset, warnProviderAndAuthority } from './datasets.ts';
import { openLateMatter } from './late.ts';
import { FREQUENCY_LABELS, timeliness } from './quality/index.ts';

/** A day-on-day change of the record count beyond this share is flagged. */
export const CHANGE_BOUND = 0.3;
/** How many finished loads the quality trend looks at. */
const TREND_LOADS = 5;

export interface ReconciliationView {
  datasetId: number;
  day: string;
  lastLoadAt: string | null;
  dueAt: string | null;
  late: boolean;
  currentRows: number;
  previousRows: number | null;
  changeRatio: number | null;
  changeFlagged: boolean;
  errorRates: number[];
  qualityTrend: 'improving' | 'stable' | 'worsening' | 'none';
}

/** Improving / worsening when the latest error rate is at least a point below / above the earlier mean. */
export function qualityTrend(rates: number[]): ReconciliationView['qualityTrend'] {
  if (rates.length < 2) return 'none';
  const last = rates[rates.length - 1];
  const before = rates.slice(0, -1).reduce((a, b) => a + b, 0) / (rates.length - 1);
  if (last <= before - 0.01) return 'improving';
  if (last >= before + 0.01) return 'worsening';
  return 'stable';
}

async function currentRows(ctx: Ctx, datasetId: number): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from (
      select distinct on (r.key_hash) r.tombstone from agg_record r join agg_load l on l.id = r.load_id
      where r.dataset_id = ${datasetId} and l.status = 'committed'
      order by r.key_hash, r.load_id desc) c where not tombstone`.execute(ctx.db);
  return r.rows[0].n;
}

/** Reconciles every physical dataset for today (Beijing); a dataset already done today is skipped. */
export async function reconcileAll(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const day = beijingDateOf(now);
  const ids = await ctx.db
    .selectFrom('agg_dataset')
    .select('id')
    .where('mode', '=', 'physical')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('agg_reconciliation')
            .select('id')
            .whereRef('agg_reconciliation.dataset_id', '=', 'agg_dataset.id')
            .where('agg_reconciliation.day', '=', day),
        ),
      ),
    )
    .orderBy('id')
    .execute();
  for (const { id } of ids) await reconcile(ctx, id, now, day);
  return ids.length;
}

async function reconcile(ctx: Ctx, datasetId: number, now: Date, day: string) {
  const ds = (await readDataset(ctx.db, datasetId))!;
  const entry = await viewEntry(ctx.db, ds.entryId, 'current').catch(() => null);
  const loads = await ctx.db
    .selectFrom('agg_load')
    .select(['status', 'committed_at', 'rows_read', 'rows_rejected'])
    .where('dataset_id', '=', datasetId)
    .where('status', 'in', ['committed', 'rejected'])
    .orderBy('id', 'desc')
    .limit(TREND_LOADS)
    .execute();
  const last = await ctx.db
    .selectFrom('agg_load')
    .select('committed_at')
    .where('dataset_id', '=', datasetId)
    .where('status', '=', 'committed')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const lastLoadAt = last?.committed_at ?? null;
  // Never loaded: counted from the dataset's registration.
  const t = entry ? timeliness(lastLoadAt ?? new Date(ds.createdAt), entry.frequencyCode, now) : null;
  const rows = await currentRows(ctx, datasetId);
  const previous = await ctx.db
    .selectFrom('agg_reconciliation')
    .select('current_rows')
    .where('dataset_id', '=', datasetId)
    .where('day', '<', day)
    .orderBy('day', 'desc')
    .executeTakeFirst();
  const prev = previous?.current_rows ?? null;
  const ratio = prev ? (rows - prev) / prev : null;
  const flagged = ratio !== null && Math.abs(ratio) > CHANGE_BOUND;
  const rates = loads.reverse().map((l) => (l.rows_read ? l.rows_rejected / l.rows_read : 0));
  const trend = qualityTrend(rates);
  await inTransaction(ctx, systemActor, async (tx) => {
    const inserted = await tx.db
      .insertInto('agg_reconciliation')
      .values({
        dataset_id: datasetId,
        provider_agency_id: ds.providerAgencyId,
        day,
        last_load_at: lastLoadAt,
        due_at: t?.dueAt ?? null,
        late: t?.late ?? false,
        current_rows: rows,
        previous_rows: prev,
        change_ratio: ratio === null ? null : ratio.toFixed(4),
        change_flagged: flagged,
        error_rates: rates,
        quality_trend: trend,
        created_at: tx.now,
      })
      .onConflict((oc) => oc.columns(['dataset_id', 'day']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return;
    // Art. 19: late against its frequency → a deadline on the supervision board until a load commits.
    if (t?.late && entry)
      await openLateMatter(
        tx,
        ds,
        { code: entry.frequencyCode, label: FREQUENCY_LABELS[entry.frequencyCode] },
        lastLoadAt ?? new Date(ds.createdAt),
      );
    const findings = [
      ...(t?.late ? [`已超过更新频率（${t.message}）`] : []),
      ...(flagged
        ? [`记录数由 ${prev} 变为 ${rows}（${ratio! > 0 ? '+' : ''}${(ratio! * 100).toFixed(1)}%）`]
        : []),
      ...(trend === 'worsening'
        ? [`最近批次错误率上升：${rates.map((r) => `${(r * 100).toFixed(1)}%`).join(' → ')}`]
        : []),
    ];
    tx.record({
      action: 'aggregation.reconciliation',
      subject: `dataset:${datasetId}`,
      details: { day, late: t?.late ?? false, rows, previous: prev, flagged, trend },
    });
    if (!findings.length) return;
    const body = `数据集「${ds.name}」${day} 对账发现：\n${findings.map((f) => `· ${f}`).join('\n')}`;
    await warnProviderAndAuthority(tx, ds, '数据对账异常', body);
  });
}

/** The job: tried every hour, does each dataset once a Beijing day. */
export const reconciliationJob = (ctx: Ctx, holder: string) =>
  runExclusive(ctx, 'aggregation reconciliation', holder, 30 * 60_000, () => reconcileAll(ctx));

/** Art. 19: a dataset's daily reports, newest first (the provider and its authority). */
export async function reconciliationOf(
  ctx: Ctx,
  actor: Actor,
  datasetId: number,
): Promise<ReconciliationView[]> {
  await getDataset(ctx, actor, datasetId);
  const rows = await ctx.db
    .selectFrom('agg_reconciliation')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .orderBy('day', 'desc')
    .limit(60)
    .execute();
  return rows.map((r) => ({
    datasetId: r.dataset_id,
    day: r.day,
    lastLoadAt: r.last_load_at?.toISOString() ?? null,
    dueAt: r.due_at?.toISOString() ?? null,
    late: r.late,
    currentRows: r.current_rows,
    previousRows: r.previous_rows,
    changeRatio: r.change_ratio === null ? null : Number(r.change_ratio),
    changeFlagged: r.change_flagged,
    errorRates: r.error_rates.map(Number),
    qualityTrend: r.quality_trend,
  }));
}
