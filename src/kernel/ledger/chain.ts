import type { Db } from '../db/schema.ts';
import { eventHash, GENESIS_HASH } from './canonical.ts';

/** Rows read per page: enough to keep round trips cheap, small enough to keep memory flat. */
export const VERIFY_PAGE_SIZE = 2000;

export interface ChainFault {
  seq: number;
  reason: string;
}

export interface ScanResult {
  /** Events whose hash and link were checked and found good. */
  checked: number;
  lastSeq: number;
  lastHash: string;
  fault?: ChainFault;
}

export interface ScanOptions {
  /** Start after this seq, whose hash is `afterHash` (0 and the genesis hash for the whole chain). */
  afterSeq?: number;
  afterHash?: string;
  /** Stop before this seq (exclusive); undefined = to the end. */
  stopBefore?: number;
  pageSize?: number;
}

/** One page of the chain in seq order (keyset paging: the cost of a page never grows with its depth). */
export function readChainPage(db: Db, afterSeq: number, limit: number, stopBefore?: number) {
  let q = db
    .selectFrom('ledger_event')
    .select(['seq', 'time', 'actor', 'agency', 'action', 'subject', 'details', 'prev_hash', 'hash'])
    .where('seq', '>', afterSeq);
  if (stopBefore !== undefined) q = q.where('seq', '<', stopBefore);
  return q.orderBy('seq').limit(limit).execute();
}

/**
 * Walks the chain recomputing each hash and link. Memory stays at two pages whatever the length: the
 * next page is fetched while the current one is hashed. Stops at the first fault.
 */
export async function scanChain(db: Db, opts: ScanOptions = {}): Promise<ScanResult> {
  const pageSize = opts.pageSize ?? VERIFY_PAGE_SIZE;
  let expected = (opts.afterSeq ?? 0) + 1;
  let prev = opts.afterHash ?? GENESIS_HASH;
  let checked = 0;
  const fetch = (after: number) => readChainPage(db, after, pageSize, opts.stopBefore);
  let page = await fetch(expected - 1);
  while (page.length) {
    const next = page.length === pageSize ? fetch(page[page.length - 1].seq) : null;
    for (const row of page) {
      const fault = checkRow(row, expected, prev);
      if (fault) {
        next?.catch(() => {}); // abandoned prefetch: its outcome no longer matters
        return { checked, lastSeq: expected - 1, lastHash: prev, fault };
      }
      prev = row.hash;
      expected += 1;
      checked += 1;
    }
    page = next ? await next : [];
  }
  return { checked, lastSeq: expected - 1, lastHash: prev };
}

type ChainRow = Awaited<ReturnType<typeof readChainPage>>[number];

function checkRow(row: ChainRow, expected: number, prev: string): ChainFault | undefined {
  if (row.seq !== expected) {
    const missing = row.seq - 1 === expected ? `${expected}` : `${expected}–${row.seq - 1}`;
    return { seq: expected, reason: `序号 ${missing} 缺失：事件被删除` };
  }
  const selfOk = eventHash(row) === row.hash;
  const linkOk = row.prev_hash === prev;
  if (selfOk && linkOk) return undefined;
  if (!linkOk && !selfOk) {
    return { seq: row.seq, reason: '内容与哈希不符，且与前一事件的链接断开：事件被改写、删除或调换了顺序' };
  }
  if (!selfOk) return { seq: row.seq, reason: '内容与哈希不符：事件被修改' };
  return {
    seq: row.seq,
    reason: `前序哈希与序号 ${row.seq - 1} 不符：其前的事件被改写后重算了哈希，或事件被删除、插入、调换了顺序`,
  };
}
