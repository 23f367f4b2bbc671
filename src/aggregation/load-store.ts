// The SQL of a load (load.ts): current versions of a chunk's keys, the new versions and rejected
// rows of a chunk, the keys a full load closes, and clearing a load that did not commit.
import { sql } from 'kysely';
import type { Trx } from '../kernel/db/schema.ts';
import type { RecordVersion, RejectedRow, RowProcessor } from './load-rows.ts';

/** A text[] parameter (hex strings), the same on PostgreSQL and PGlite. */
export const hex = (xs: string[]) => sql`${`{${xs.join(',')}}`}::text[]`;

/** Marks a load failed and removes the versions it wrote (never visible: its load never committed). */
export async function failLoad(
  db: Trx,
  loadId: string,
  error: string,
  now: Date,
  status: 'failed' | 'cancelled' = 'failed',
) {
  await clearVersions(db, loadId);
  await db
    .updateTable('agg_load')
    .set({ status, error, finished_at: now })
    .where('id', '=', loadId)
    .execute();
}

/** Removes the versions a load wrote, found through its dataset's key index (there is no load_id index). */
export async function clearVersions(db: Trx, loadId: string): Promise<void> {
  await sql`delete from agg_record
    where dataset_id = (select dataset_id from agg_load where id = ${loadId}) and load_id = ${loadId}`.execute(
    db,
  );
}

/** The current version of each given key (blind index, hex): its fingerprint, or null when closed. */
export async function currentOf(
  db: Trx,
  datasetId: number,
  keys: string[],
): Promise<Map<string, string | null>> {
  if (!keys.length) return new Map();
  const rows = await sql<{ k: string; fp: string; tombstone: boolean }>`
    select distinct on (r.key_hash) encode(r.key_hash, 'hex') as k, r.row_fp::text as fp, r.tombstone
    from agg_record r join agg_load l on l.id = r.load_id
    where r.dataset_id = ${datasetId} and l.status = 'committed'
      and r.key_hash = any(array(select decode(x, 'hex') from unnest(${hex(keys)}) x))
    order by r.key_hash, r.load_id desc`.execute(db);
  return new Map(rows.rows.map((r) => [r.k, r.tombstone ? null : r.fp]));
}

/**
 * A chunk's versions as one text of tab-separated lines, split by the database: the driver's quoting
 * of four text arrays (every JSON quote and backslash escaped in JavaScript) cost more than the
 * insert. JSON.stringify never leaves a raw tab or newline, hex and base64 have none.
 */
export async function insertVersions(db: Trx, datasetId: number, loadId: string, vs: RecordVersion[]) {
  if (!vs.length) return;
  const lines = vs
    .map((v) => `${v.keyHash}\t${v.fp}\t${v.data}\t${v.secret ? v.secret.toString('base64') : ''}`)
    .join('\n');
  await sql`insert into agg_record (dataset_id, key_hash, load_id, row_fp, tombstone, data, secret)
    select ${datasetId}, decode(a[1], 'hex'), ${loadId}, a[2]::int8, false, a[3]::json,
      decode(nullif(a[4], ''), 'base64')
    from (select string_to_array(l, E'\t') as a from unnest(string_to_array(${lines}::text, E'\n')) l) t`.execute(
    db,
  );
}

export async function insertRejected(db: Trx, loadId: string, rs: RejectedRow[]) {
  if (!rs.length) return;
  await sql`insert into agg_rejected_row (load_id, row_number, reason, cells)
    select ${loadId}, n, r, decode(c, 'hex')
    from unnest(${sql`${rs.map((r) => r.rowNumber)}::int[]`}, ${sql`${rs.map((r) => r.reason)}::text[]`},
      ${hex(rs.map((r) => r.cells.toString('hex')))}) as t(n, r, c)`.execute(db);
}

/** Art. 18: a full load closes the current keys its file does not hold; these are they. */
export async function keysToClose(db: Trx, datasetId: number, proc: RowProcessor) {
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
