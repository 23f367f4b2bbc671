// Art. 18 物理汇聚: a load reads a file (or an HTTP pull) in chunks, checks every row (Art. 19), and
// writes new record versions chunk by chunk, each chunk one transaction — bounded memory, progress
// that survives, and nothing visible until the last transaction marks the load committed (schema.ts).
// A full load also closes (tombstones) the keys its file no longer holds, but stops for confirmation
// when that would close more than the dataset's guard share (an empty or cut-off file).
import { sql } from 'kysely';
import { type Actor, type Ctx, inTransaction } from '../kernel/context.ts';
import { conflict, ruleViolated } from '../kernel/errors.ts';
import { type Dataset, loadableDataset } from './datasets.ts';
import { dataKey } from './keys.ts';
import { closeLateMatter } from './late.ts';
import { type IdentifyFinding, identifyUpload, reportIdentification } from './load-identify.ts';
import { mapHeader, type RecordVersion, type RejectedRow, RowProcessor } from './load-rows.ts';
import {
  clearVersions,
  currentOf,
  failLoad,
  hex,
  insertRejected,
  insertVersions,
  keysToClose,
} from './load-store.ts';
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
  /** Told the load's id as soon as it is open (an upload answers 202 with it, then polls). */
  onOpened?: (loadId: string) => void;
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
  chunk: { versions: RecordVersion[]; rejected: RejectedRow[]; rows: number; bytes: number },
  t: Tally,
) {
  const { versions, rejected } = chunk;
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
    t.read += chunk.rows;
    t.rejected += rejected.length;
    t.bytes = chunk.bytes;
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
  opts.onOpened?.(loadId);
  const t: Tally = { read: 0, rejected: 0, added: 0, changed: 0, unchanged: 0, bytes: 0 };
  let proc: RowProcessor | null = null;
  let header: string[] = [];
  let identified: IdentifyFinding[] = [];
  // Node checks and seals chunk k+1 while the database writes chunk k: at most one write in flight,
  // and chunks commit in file order.
  let writing: Promise<void> = Promise.resolve();
  try {
    let pending: (string | null)[][] = [];
    let first = 0;
    let bytes = 0;
    const flush = async () => {
      if (!pending.length || !proc) return;
      const chunk = { ...proc.process(pending, first), rows: pending.length, bytes };
      pending = [];
      await writing;
      writing = writeChunk(ctx, ds, loadId, chunk, t).then(() =>
        opts.onProgress?.({
          loadId,
          rowsRead: t.read,
          rowsRejected: t.rejected,
          bytesRead: t.bytes,
          bytesTotal: source.totalBytes,
        }),
      );
      // Awaited at the next flush; marked handled now so a failure waiting its turn is not reported twice.
      writing.catch(() => {});
    };
    for await (const b of source.batches()) {
      if (!proc) {
        const mapping = mapHeader(b.header, ds.columns, ds.keyItems);
        // The key set is sized from the first batch's bytes per row (it grows if the guess is short).
        const perRow = b.rows.length ? Math.max(16, b.bytesRead / b.rows.length) : 100;
        const expected = source.totalBytes
          ? Math.max(1024, Math.round((source.totalBytes / perRow) * 1.1))
          : 100_000;
        proc = new RowProcessor(ds, key, mapping.index, ctx.clock.now(), expected);
        header = b.header;
        identified = await identifyUpload(ctx, ds, b.header, mapping.index, b.rows);
        await reportIdentification(ctx, actor, ds, loadId, identified);
      }
      // A chunk holds consecutive row numbers (report and rejected rows point at them).
      if (pending.length && first + pending.length !== b.firstRowNumber) await flush();
      if (!pending.length) first = b.firstRowNumber;
      pending.push(...b.rows);
      bytes = b.bytesRead;
      if (pending.length >= CHUNK_ROWS) await flush();
    }
    await flush();
    await writing;
    return await finish(ctx, actor, ds, loadId, proc, t, opts.kind, { header, identified });
  } catch (err) {
    // The write in flight settles first, so the clearing below leaves none of its rows behind.
    await writing.catch(() => {});
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
  file: { header: string[]; identified: IdentifyFinding[] },
): Promise<LoadResult> {
  return inTransaction(ctx, actor, async (tx) => {
    // The file's header and which of its columns each item was read from: the rejected-rows file
    // masks a cell by the item it belongs to (Art. 33).
    const report = proc
      ? {
          ...proc.report.toJSON(),
          header: file.header,
          columnOf: proc.columnIndex,
          identification: file.identified,
        }
      : null;
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
      await clearVersions(tx.db, loadId);
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
    await closeLateMatter(tx, ds.id, loadId);
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
