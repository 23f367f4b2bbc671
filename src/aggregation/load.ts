// Art. 18 物理汇聚: a load reads a file (or an HTTP pull) in chunks, checks every row (Art. 19), and
// writes new record versions chunk by chunk, each chunk one transaction — bounded memory, progress
// that survives, and nothing visible until the last transaction marks the load committed (schema.ts).
// A full load also closes (tombstones) the keys its file no longer holds, but stops for confirmation
// when that would close more than the dataset's guard share (an empty or cut-off file).
import { sql } from 'kysely';
import { type Actor, type Ctx, inTransaction } from '../kernel/context.ts';
import type { Trx } from '../kernel/db/schema.ts';
import { conflict, notFound, ruleViolated } from '../kernel/errors.ts';
import { type Dataset, loadableDataset } from './datasets.ts';
import { dataKey } from './keys.ts';
import { mapHeader, type RecordVersion, type RejectedRow, RowProcessor } from './load-rows.ts';
import type { RowSource } from './readers/index.ts';
import type { LoadKind, LoadStatus } from './schema.ts';

/** A running load whose heartbeat is older than this is taken as dead (its process was killed). */
export const STALE_AFTER_MS = 2 * 60_000;
const CHUNK_ROWS = 5000;

export interface LoadProgress {
  loadId: string;
  rowsRead: number;
  rowsRejected: number;
  bytesRead: number;
  bytesTotal: number | null;
}

export interface LoadOptions {
  kind: LoadKind;
  source: string;
  fileName?: string | null;
  onProgress?: (p: LoadProgress) => void;
}

export interface LoadResult {
  loadId: string;
  status: LoadStatus;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rowsAdded: number;
  rowsChanged: number;
  rowsUnchanged: number;
  rowsClosed: number;
  /** For a full load waiting for confirmation: how many current records it would close, of how many. */
  closing?: { count: number; of: number };
  report: unknown;
}

// Loads running in this process: on the embedded database no other process can run one, so any other
// 'running' load there was cut short.
const runningHere = new Set<string>();

const hex = (xs: string[]) => sql`${`{${xs.join(',')}}`}::text[]`;

/** Opens a load: a dead one of the same dataset (no heartbeat) is failed and its rows removed first. */
async function openLoad(ctx: Ctx, actor: Actor, ds: Dataset, opts: LoadOptions, bytesTotal: number | null) {
  return inTransaction(ctx, actor, async (tx) => {
    const open = await tx.db
      .selectFrom('agg_load')
      .select(['id', 'status', 'heartbeat_at'])
      .where('dataset_id', '=', ds.id)
      .where('status', 'in', ['running', 'awaiting_confirmation'])
      .forUpdate()
      .executeTakeFirst();
    if (open?.status === 'awaiting_confirmation')
      throw conflict('aggregation-load-awaiting', '上一批次正在等待确认', {
        detail: `批次 ${open.id} 将关闭较多记录，须先确认或撤销该批次`,
      });
    if (open) {
      const dead =
        ctx.dbKind === 'pglite'
          ? !runningHere.has(String(open.id))
          : tx.now.getTime() - open.heartbeat_at.getTime() > STALE_AFTER_MS;
      if (!dead)
        throw conflict('aggregation-load-running', '该数据集有批次正在汇聚', {
          detail: `批次 ${open.id} 仍在进行；如其进程已终止，请于两分钟后重试`,
        });
      await failLoad(tx.db, String(open.id), '汇聚进程中断（无心跳），批次作废', tx.now);
      tx.record({
        action: 'aggregation.load.fail',
        subject: `load:${open.id}`,
        details: { reason: 'interrupted' },
      });
    }
    const row = await tx.db
      .insertInto('agg_load')
      .values({
        dataset_id: ds.id,
        kind: opts.kind,
        source: opts.source,
        file_name: opts.fileName ?? null,
        status: 'running',
        started_at: tx.now,
        started_by: actor.username,
        heartbeat_at: tx.now,
        bytes_total: bytesTotal === null ? null : String(bytesTotal),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    tx.record({
      action: 'aggregation.load.start',
      subject: `load:${row.id}`,
      details: { datasetId: ds.id, kind: opts.kind, source: opts.source, fileName: opts.fileName ?? null },
    });
    return String(row.id);
  });
}

/** Marks a load failed and removes the versions it wrote (never visible: its load never committed). */
async function failLoad(db: Trx, loadId: string, error: string, now: Date) {
  await db.deleteFrom('agg_record').where('load_id', '=', loadId).execute();
  await db
    .updateTable('agg_load')
    .set({ status: 'failed', error, finished_at: now })
    .where('id', '=', loadId)
    .execute();
}

/** The current version of each given key (blind index, hex): its fingerprint, or null when closed. */
async function currentOf(db: Trx, datasetId: number, keys: string[]): Promise<Map<string, string | null>> {
  if (!keys.length) return new Map();
  const rows = await sql<{ k: string; fp: string; tombstone: boolean }>`
    select distinct on (r.key_hash) encode(r.key_hash, 'hex') as k, r.row_fp::text as fp, r.tombstone
    from agg_record r join agg_load l on l.id = r.load_id
    where r.dataset_id = ${datasetId} and l.status = 'committed'
      and r.key_hash = any(array(select decode(x, 'hex') from unnest(${hex(keys)}) x))
    order by r.key_hash, r.load_id desc`.execute(db);
  return new Map(rows.rows.map((r) => [r.k, r.tombstone ? null : r.fp]));
}

async function insertVersions(db: Trx, datasetId: number, loadId: string, vs: RecordVersion[]) {
  if (!vs.length) return;
  const texts = (xs: (string | null)[]) => sql`${xs}::text[]`;
  await sql`insert into agg_record (dataset_id, key_hash, load_id, row_fp, tombstone, data, secret)
    select ${datasetId}, decode(k, 'hex'), ${loadId}, f::int8, false, d::jsonb, decode(s, 'hex')
    from unnest(${hex(vs.map((v) => v.keyHash))}, ${texts(vs.map((v) => v.fp))}, ${texts(vs.map((v) => v.data))},
      ${texts(vs.map((v) => v.secret?.toString('hex') ?? null))}) as t(k, f, d, s)`.execute(db);
}

async function insertRejected(db: Trx, loadId: string, rs: RejectedRow[]) {
  if (!rs.length) return;
  await sql`insert into agg_rejected_row (load_id, row_number, reason, cells)
    select ${loadId}, n, r, decode(c, 'hex')
    from unnest(${sql`${rs.map((r) => r.rowNumber)}::int[]`}, ${sql`${rs.map((r) => r.reason)}::text[]`},
      ${hex(rs.map((r) => r.cells.toString('hex')))}) as t(n, r, c)`.execute(db);
}

interface Tally {
  read: number;
  rejected: number;
  added: number;
  changed: number;
  unchanged: number;
  bytes: number;
}

/** One chunk, one transaction: versions of new and changed keys, rejected rows, progress, heartbeat. */
async function writeChunk(
  ctx: Ctx,
  ds: Dataset,
  loadId: string,
  proc: RowProcessor,
  batch: { rows: (string | null)[][]; first: number; bytes: number },
  t: Tally,
) {
  const { versions, rejected } = proc.process(batch.rows, batch.first);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await currentOf(
      trx,
      ds.id,
      versions.map((v) => v.keyHash),
    );
    const fresh: RecordVersion[] = [];
    for (const v of versions) {
      const fp = current.get(v.keyHash);
      if (fp === v.fp) t.unchanged++;
      else {
        if (fp === undefined || fp === null) t.added++;
        else t.changed++;
        fresh.push(v);
      }
    }
    t.read += batch.rows.length;
    t.rejected += rejected.length;
    t.bytes = batch.bytes;
    await insertVersions(trx, ds.id, loadId, fresh);
    await insertRejected(trx, loadId, rejected);
    await trx
      .updateTable('agg_load')
      .set({
        rows_read: t.read,
        rows_accepted: t.read - t.rejected,
        rows_rejected: t.rejected,
        rows_added: t.added,
        rows_changed: t.changed,
        rows_unchanged: t.unchanged,
        bytes_read: String(t.bytes),
        heartbeat_at: ctx.clock.now(),
      })
      .where('id', '=', loadId)
      .execute();
  });
}

/** Art. 18: a full load closes the current keys its file does not hold; these are they. */
async function keysToClose(db: Trx, datasetId: number, proc: RowProcessor) {
  const close: string[] = [];
  let current = 0;
  let after = '';
  for (;;) {
    const page = await sql<{ k: string; tombstone: boolean }>`
      select encode(key_hash, 'hex') as k, tombstone from (
        select distinct on (r.key_hash) r.key_hash, r.tombstone
        from agg_record r join agg_load l on l.id = r.load_id
        where r.dataset_id = ${datasetId} and l.status = 'committed' and r.key_hash > decode(${after}, 'hex')
        order by r.key_hash, r.load_id desc limit 20000) c`.execute(db);
    for (const r of page.rows) {
      if (r.tombstone) continue;
      current++;
      if (!proc.mentioned(r.k)) close.push(r.k);
    }
    if (page.rows.length < 20000) break;
    after = page.rows[page.rows.length - 1].k;
  }
  return { close, current };
}

export async function runLoad(
  ctx: Ctx,
  actor: Actor,
  datasetId: number,
  source: RowSource,
  opts: LoadOptions,
): Promise<LoadResult> {
  const ds = await loadableDataset(ctx, actor, datasetId);
  if (ds.mode !== 'physical')
    throw ruleViolated('aggregation-logical-dataset', '逻辑汇聚的数据集不装载数据', 'Art. 18');
  const key = await dataKey(ctx.db, ctx.config, ds.dataKeyId);
  const loadId = await openLoad(ctx, actor, ds, opts, source.totalBytes);
  runningHere.add(loadId);
  const t: Tally = { read: 0, rejected: 0, added: 0, changed: 0, unchanged: 0, bytes: 0 };
  let proc: RowProcessor | null = null;
  try {
    let pending: (string | null)[][] = [];
    let first = 0;
    let bytes = 0;
    const flush = async () => {
      if (!pending.length || !proc) return;
      await writeChunk(ctx, ds, loadId, proc, { rows: pending, first, bytes }, t);
      pending = [];
      opts.onProgress?.({
        loadId,
        rowsRead: t.read,
        rowsRejected: t.rejected,
        bytesRead: t.bytes,
        bytesTotal: source.totalBytes,
      });
    };
    for await (const b of source.batches()) {
      if (!proc) {
        const mapping = mapHeader(b.header, ds.columns, ds.keyItems);
        const expected = source.totalBytes ? Math.max(1024, Math.round(source.totalBytes / 60)) : 100_000;
        proc = new RowProcessor(ds, key, mapping.index, ctx.clock.now(), expected);
      }
      // A chunk holds consecutive row numbers (report and rejected rows point at them).
      if (pending.length && first + pending.length !== b.firstRowNumber) await flush();
      if (!pending.length) first = b.firstRowNumber;
      pending.push(...b.rows);
      bytes = b.bytesRead;
      if (pending.length >= CHUNK_ROWS) await flush();
    }
    await flush();
    return await finish(ctx, actor, ds, loadId, proc, t, opts.kind);
  } catch (err) {
    await inTransaction(ctx, actor, async (tx) => {
      await failLoad(tx.db, loadId, err instanceof Error ? err.message : String(err), tx.now);
      tx.record({
        action: 'aggregation.load.fail',
        subject: `load:${loadId}`,
        details: { error: String(err) },
      });
    }).catch((e) => ctx.log.error({ err: e, loadId }, 'could not mark the load failed'));
    throw err;
  } finally {
    runningHere.delete(loadId);
  }
}

/** The last transaction of a load: rejected (error rate, Art. 19), waiting (Art. 18 guard) or committed. */
async function finish(
  ctx: Ctx,
  actor: Actor,
  ds: Dataset,
  loadId: string,
  proc: RowProcessor | null,
  t: Tally,
  kind: LoadKind,
): Promise<LoadResult> {
  return inTransaction(ctx, actor, async (tx) => {
    const report = proc?.report.toJSON() ?? null;
    const base = {
      loadId,
      rowsRead: t.read,
      rowsAccepted: t.read - t.rejected,
      rowsRejected: t.rejected,
      rowsAdded: t.added,
      rowsChanged: t.changed,
      rowsUnchanged: t.unchanged,
      report,
    };
    const rate = t.read ? t.rejected / t.read : 0;
    if (rate > ds.errorThreshold) {
      // Art. 19: above the dataset's error-rate threshold the whole load is rejected.
      await tx.db.deleteFrom('agg_record').where('load_id', '=', loadId).execute();
      await tx.db
        .updateTable('agg_load')
        .set({
          status: 'rejected',
          finished_at: tx.now,
          report: JSON.stringify(report),
          error: `错误率 ${(rate * 100).toFixed(2)}% 超过阈值 ${(ds.errorThreshold * 100).toFixed(2)}%`,
        })
        .where('id', '=', loadId)
        .execute();
      tx.record({
        action: 'aggregation.load.reject',
        subject: `load:${loadId}`,
        details: { rate, threshold: ds.errorThreshold },
      });
      return { ...base, status: 'rejected', rowsClosed: 0 };
    }
    let closed = 0;
    if (kind === 'full' && proc) {
      // The tombstones are written now, invisible like the rest until the load commits, so a
      // confirmation later needs nothing this process alone knows.
      const { close, current } = await keysToClose(tx.db, ds.id, proc);
      for (let i = 0; i < close.length; i += 5000) {
        const part = close.slice(i, i + 5000);
        await sql`insert into agg_record (dataset_id, key_hash, load_id, row_fp, tombstone)
          select ${ds.id}, decode(k, 'hex'), ${loadId}, 0, true from unnest(${hex(part)}) k`.execute(tx.db);
      }
      closed = close.length;
      // Art. 18: an empty or cut-off file would close most of the dataset — a person confirms first.
      if (current > 0 && close.length / current > ds.closeGuard) {
        await tx.db
          .updateTable('agg_load')
          .set({ status: 'awaiting_confirmation', report: JSON.stringify(report), rows_closed: closed })
          .where('id', '=', loadId)
          .execute();
        tx.record({
          action: 'aggregation.load.hold',
          subject: `load:${loadId}`,
          details: { closing: closed, current, guard: ds.closeGuard },
        });
        return {
          ...base,
          status: 'awaiting_confirmation',
          rowsClosed: 0,
          closing: { count: closed, of: current },
        };
      }
    }
    await tx.db
      .updateTable('agg_load')
      .set({
        status: 'committed',
        committed_at: tx.now,
        finished_at: tx.now,
        rows_closed: closed,
        report: JSON.stringify(report),
      })
      .where('id', '=', loadId)
      .execute();
    tx.record({
      action: 'aggregation.load.commit',
      subject: `load:${loadId}`,
      details: {
        datasetId: ds.id,
        kind,
        read: t.read,
        rejected: t.rejected,
        added: t.added,
        changed: t.changed,
        closed,
      },
    });
    return { ...base, status: 'committed', rowsClosed: closed };
  });
}

async function heldLoad(tx: { db: Trx }, loadId: string, datasetId: number) {
  const l = await tx.db
    .selectFrom('agg_load')
    .selectAll()
    .where('id', '=', loadId)
    .where('dataset_id', '=', datasetId)
    .forUpdate()
    .executeTakeFirst();
  if (!l) throw notFound('汇聚批次');
  if (l.status !== 'awaiting_confirmation')
    throw conflict('aggregation-load-not-held', '该批次不在等待确认状态', {
      detail: `批次状态：${l.status}`,
    });
  return l;
}

/** Art. 18: the provider confirms a full load that closes more than the guard share; it commits. */
export async function confirmLoad(ctx: Ctx, actor: Actor, datasetId: number, loadId: string): Promise<void> {
  await loadableDataset(ctx, actor, datasetId);
  await inTransaction(ctx, actor, async (tx) => {
    const l = await heldLoad(tx, loadId, datasetId);
    await tx.db
      .updateTable('agg_load')
      .set({ status: 'committed', committed_at: tx.now, finished_at: tx.now })
      .where('id', '=', loadId)
      .execute();
    tx.record({
      action: 'aggregation.load.commit',
      subject: `load:${loadId}`,
      details: { datasetId, kind: l.kind, confirmed: true, closed: l.rows_closed },
    });
  });
}

/** The provider withdraws a held load: the dataset stays as it was. */
export async function cancelLoad(ctx: Ctx, actor: Actor, datasetId: number, loadId: string): Promise<void> {
  await loadableDataset(ctx, actor, datasetId);
  await inTransaction(ctx, actor, async (tx) => {
    await heldLoad(tx, loadId, datasetId);
    await failLoad(tx.db, loadId, '提供部门撤销了该批次', tx.now);
    tx.record({ action: 'aggregation.load.cancel', subject: `load:${loadId}`, details: { datasetId } });
  });
}
