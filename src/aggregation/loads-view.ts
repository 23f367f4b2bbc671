// Art. 18/19: what the provider and its authority see of loads — status and live progress, the
// quality report, and the rejected rows as CSV: masked by default; clear only for the provider's data
// officer, each such download ledgered (Art. 33).
import type { Selectable } from 'kysely';
import { type Actor, type Ctx, inTransaction } from '../kernel/context.ts';
import { forbidden, notFound } from '../kernel/errors.ts';
import { getDataset } from './datasets.ts';
import { dataKey } from './keys.ts';
import { maskValue } from './quality/index.ts';
import type { AggLoadTable } from './schema.ts';
import { openRow } from './seal.ts';

export interface LoadView {
  id: string;
  datasetId: number;
  kind: string;
  source: string;
  fileName: string | null;
  status: string;
  startedAt: string;
  startedBy: string;
  finishedAt: string | null;
  committedAt: string | null;
  /** 0–1 by bytes read, when the size is known. */
  progress: number | null;
  bytesRead: number;
  bytesTotal: number | null;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rowsAdded: number;
  rowsChanged: number;
  rowsUnchanged: number;
  rowsClosed: number;
  error: string | null;
  report?: unknown;
}

const toView = (l: Selectable<AggLoadTable>, withReport: boolean): LoadView => {
  const total = l.bytes_total === null ? null : Number(l.bytes_total);
  const read = Number(l.bytes_read);
  return {
    id: String(l.id),
    datasetId: l.dataset_id,
    kind: l.kind,
    source: l.source,
    fileName: l.file_name,
    status: l.status,
    startedAt: l.started_at.toISOString(),
    startedBy: l.started_by,
    finishedAt: l.finished_at?.toISOString() ?? null,
    committedAt: l.committed_at?.toISOString() ?? null,
    progress: total ? Math.min(1, read / total) : l.status === 'committed' ? 1 : null,
    bytesRead: read,
    bytesTotal: total,
    rowsRead: l.rows_read,
    rowsAccepted: l.rows_accepted,
    rowsRejected: l.rows_rejected,
    rowsAdded: l.rows_added,
    rowsChanged: l.rows_changed,
    rowsUnchanged: l.rows_unchanged,
    rowsClosed: l.rows_closed,
    error: l.error,
    ...(withReport ? { report: typeof l.report === 'string' ? JSON.parse(l.report) : l.report } : {}),
  };
};

export async function listLoads(ctx: Ctx, actor: Actor, datasetId: number): Promise<LoadView[]> {
  await getDataset(ctx, actor, datasetId);
  const rows = await ctx.db
    .selectFrom('agg_load')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return rows.map((l) => toView(l, false));
}

export async function getLoad(ctx: Ctx, actor: Actor, datasetId: number, loadId: string): Promise<LoadView> {
  await getDataset(ctx, actor, datasetId);
  const l = await ctx.db
    .selectFrom('agg_load')
    .selectAll()
    .where('id', '=', loadId)
    .where('dataset_id', '=', datasetId)
    .executeTakeFirst();
  if (!l) throw notFound('汇聚批次');
  return toView(l, true);
}

const csvCell = (v: string | null) => {
  const s = v ?? '';
  // Formula-safe: a cell starting with = + - @ would run in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Art. 19: the rejected rows of a load as CSV (UTF-8 with BOM): row number, reason, the row's cells. */
export async function rejectedRowsCsv(
  ctx: Ctx,
  actor: Actor,
  datasetId: number,
  loadId: string,
  clear: boolean,
): Promise<string> {
  const ds = await getDataset(ctx, actor, datasetId);
  if (clear && !(actor.agencyId === ds.providerAgencyId && actor.roles.includes('data_officer')))
    throw forbidden('仅提供部门的数据管理员可以导出未脱敏的拒收数据（第三十三条）');
  const load = await getLoad(ctx, actor, datasetId, loadId);
  const report = (load.report ?? {}) as { header?: string[]; columnOf?: number[] };
  const header = report.header ?? [];
  // Each file column masked by the item it was read into; a column no item reads is masked whole.
  const kindOf = header.map((_, j) => {
    const i = (report.columnOf ?? []).indexOf(j);
    return i < 0 ? 'other' : ds.columns[i].piKind;
  });
  const key = await dataKey(ctx.db, ctx.config, ds.dataKeyId);
  const rows = await ctx.db
    .selectFrom('agg_rejected_row')
    .selectAll()
    .where('load_id', '=', loadId)
    .orderBy('row_number')
    .execute();
  return inTransaction(ctx, actor, async (tx) => {
    const lines = [['行号', '拒收原因', ...header].map(csvCell).join(',')];
    for (const r of rows) {
      const cells = JSON.parse(openRow(key.cipher, r.cells).toString()) as (string | null)[];
      const shown = clear ? cells : cells.map((c, j) => (kindOf[j] ? maskValue(c, kindOf[j]) : c));
      lines.push([String(r.row_number), r.reason, ...shown].map(csvCell).join(','));
    }
    tx.record({
      action: clear ? 'aggregation.rejected.export-clear' : 'aggregation.rejected.export',
      subject: `load:${loadId}`,
      details: { datasetId, rows: rows.length, clear },
    });
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  });
}
