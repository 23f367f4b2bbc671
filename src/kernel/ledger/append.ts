import { sql } from 'kysely';
import type { Trx } from '../db/schema.ts';
import { canonicalJson, eventHash, GENESIS_HASH } from './canonical.ts';

export interface LedgerInput {
  /** Who did it: a username, or 'system' for jobs. */
  actor: string;
  /** On behalf of which agency (id), if any. */
  agency?: string | null;
  /** Dotted verb, e.g. 'auth.login', 'catalog.entry.publish', 'record.read'. */
  action: string;
  /** What it was done to, e.g. 'account:12', 'entry:HLJ-…'. */
  subject: string;
  details?: Record<string, unknown>;
}

// One key for the whole chain: every appender in every process queues on it, so seq and prev_hash
// are assigned in commit order by the database, never by a lock inside one process.
const LEDGER_LOCK_KEY = 0x6c656467; // 'ledg'

/**
 * Appends events inside the caller's transaction. The advisory lock is held until that transaction
 * ends, so call this last (inTransaction does) to keep the serialised section short.
 */
export async function appendLedgerEvents(trx: Trx, time: Date, events: LedgerInput[]): Promise<number[]> {
  if (!events.length) return [];
  await sql`select pg_advisory_xact_lock(${LEDGER_LOCK_KEY})`.execute(trx);
  const head = await trx
    .selectFrom('ledger_event')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? GENESIS_HASH;
  const rows = events.map((e) => {
    seq += 1;
    const row = {
      seq,
      time,
      actor: e.actor,
      agency: e.agency ?? null,
      action: e.action,
      subject: e.subject,
      details: e.details ?? {},
      prev_hash: prev,
    };
    prev = eventHash(row);
    return { ...row, details: canonicalJson(row.details), hash: prev };
  });
  await trx.insertInto('ledger_event').values(rows).execute();
  return rows.map((r) => r.seq);
}
