// Art. 18/41: reading a dataset as it is now or as it was at any past time — the latest version of
// each key whose load was committed by then. Protected values are opened with the dataset's key and
// checked against the row fingerprint (a changed ciphertext or clear value fails loudly, Art. 38/41).
// Every read is ledgered; personal data is masked unless the reader may see it clear (Art. 33).
import { sql } from 'kysely';
import { type Actor, type Ctx, inTransaction } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import { DomainError, forbidden } from '../kernel/errors.ts';
import { type Dataset, getDataset } from './datasets.ts';
import { blindIndex, type DataKey, dataKey, fingerprinter } from './keys.ts';
import { maskValue } from './quality/index.ts';
import { openRow } from './seal.ts';

export type RecordValues = Record<string, string | null>;

export interface ReadOptions {
  /** The dataset as it was at this instant (default: now). */
  asOf?: Date;
  /** Only the record with these key values (found by the blind index). */
  key?: Record<string, string>;
  /** Paging: the cursor a previous page returned. */
  after?: string;
  limit?: number;
  /** Clear personal data (permission aggregation.clear; ledgered). */
  clear?: boolean;
}

interface StoredRow {
  k: string;
  data: RecordValues | string | null;
  secret: Uint8Array | null;
  fp: string;
}

/** The versions in effect at `asOf`, by key order, without permission checks or masking. */
export async function versionsAsOf(
  db: Db | Trx,
  ds: Dataset,
  key: DataKey,
  opts: { asOf: Date; keyHash?: Buffer; after?: string; limit: number },
): Promise<{ rows: RecordValues[]; next: string | null }> {
  const r = await sql<StoredRow & { tombstone: boolean }>`
    select encode(key_hash, 'hex') as k, tombstone, data, secret, row_fp::text as fp from (
      select distinct on (r.key_hash) r.key_hash, r.tombstone, r.data, r.secret, r.row_fp
      from agg_record r join agg_load l on l.id = r.load_id
      where r.dataset_id = ${ds.id} and l.status = 'committed' and l.committed_at <= ${opts.asOf}
        ${opts.keyHash ? sql`and r.key_hash = ${opts.keyHash}` : sql``}
        ${opts.after ? sql`and r.key_hash > decode(${opts.after}, 'hex')` : sql``}
      order by r.key_hash, r.load_id desc
      limit ${opts.limit}) c`.execute(db);
  const fp = fingerprinter(key);
  const rows: RecordValues[] = [];
  for (const row of r.rows) {
    if (row.tombstone) continue;
    const clear = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as RecordValues;
    const secret = row.secret ? (JSON.parse(openRow(key.cipher, row.secret).toString()) as RecordValues) : {};
    const values = ds.columns.map((c) => (c.protected ? secret[c.itemCode] : clear[c.itemCode]) ?? null);
    if (fp(JSON.stringify(values)).readBigInt64BE(0).toString() !== row.fp)
      throw new DomainError(500, 'records-integrity', '数据记录校验失败', {
        article: 'Art. 41',
        detail: `数据集 ${ds.id} 的一条记录与其指纹不符：记录在库中被改动。`,
      });
    rows.push(Object.fromEntries(ds.columns.map((c, i) => [c.itemCode, values[i]])));
  }
  const last = r.rows[r.rows.length - 1];
  return { rows, next: r.rows.length === opts.limit && last ? last.k : null };
}

/** The blind index of a record key given by item code. */
export function keyHashOf(ds: Dataset, key: DataKey, values: Record<string, string>): Buffer {
  return blindIndex(key, ds.keyItems.map((k) => (values[k] ?? '').trim()).join('\u001f'));
}

/** Art. 18/41: the provider (or its authority) reads its dataset, now or as of a past time. */
export async function readRecords(ctx: Ctx, actor: Actor, datasetId: number, opts: ReadOptions = {}) {
  const ds = await getDataset(ctx, actor, datasetId);
  if (opts.clear && !(actor.agencyId === ds.providerAgencyId && actor.roles.includes('data_officer')))
    throw forbidden('仅提供部门的数据管理员可以查看未脱敏数据（第三十三条）');
  const key = await dataKey(ctx.db, ctx.config, ds.dataKeyId);
  const asOf = opts.asOf ?? ctx.clock.now();
  const limit = Math.min(opts.limit ?? 100, 1000);
  return inTransaction(ctx, actor, async (tx) => {
    const page = await versionsAsOf(tx.db, ds, key, {
      asOf,
      limit,
      after: opts.after,
      keyHash: opts.key ? keyHashOf(ds, key, opts.key) : undefined,
    });
    // Art. 33: personal data masked unless asked clear by one who may.
    const items = opts.clear
      ? page.rows
      : page.rows.map((r) =>
          Object.fromEntries(
            ds.columns.map((c) => [
              c.itemCode,
              c.piKind ? maskValue(r[c.itemCode], c.piKind) : r[c.itemCode],
            ]),
          ),
        );
    tx.record({
      action: 'aggregation.records.read',
      subject: `dataset:${ds.id}`,
      details: { asOf: asOf.toISOString(), count: items.length, clear: !!opts.clear, byKey: !!opts.key },
    });
    return { items, next: page.next, asOf: asOf.toISOString() };
  });
}
