import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Clock } from './clock.ts';
import type { DatabaseKind } from './db/database.ts';
import type { Db, Trx } from './db/schema.ts';
import type { Directory } from './directory.ts';
import { appendLedgerEvents, type LedgerInput } from './ledger/append.ts';

/** Everything a service action needs from the running system. */
export interface Ctx {
  db: Db;
  dbKind: DatabaseKind;
  clock: Clock;
  config: Config;
  log: Logger;
  /** Display names of people and agencies (supplied by the agencies module). */
  directory: Directory;
}

/** Who acts: a person on behalf of an agency, or the system itself (jobs). */
export interface Actor {
  accountId: number | null;
  username: string;
  agencyId: number | null;
  agencyLevel: 'province' | 'city' | 'county' | null;
  agencyKind: 'authority' | 'department' | 'coordination' | null;
  roles: string[];
}

/** Someone not (yet) identified by a session, e.g. a login attempt. */
export const anonymousActor = (username: string): Actor => ({
  accountId: null,
  username,
  agencyId: null,
  agencyLevel: null,
  agencyKind: null,
  roles: [],
});

export const systemActor: Actor = anonymousActor('system');

export interface Tx {
  db: Trx;
  /** The transaction's time, read once from the clock. */
  now: Date;
  ctx: Ctx;
  /** Queues a ledger event; all are appended just before commit, in this transaction. */
  record(e: Omit<LedgerInput, 'actor' | 'agency'> & { actor?: Actor }): void;
}

/**
 * Every write is one transaction, and its ledger events commit or vanish with it.
 * `actor` is recorded on each event unless the event names its own.
 */
export async function inTransaction<T>(ctx: Ctx, actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const queued: LedgerInput[] = [];
    const tx: Tx = {
      db: trx,
      now,
      ctx,
      record(e) {
        const who = e.actor ?? actor;
        queued.push({
          action: e.action,
          subject: e.subject,
          details: e.details,
          actor: who.username,
          agency: who.agencyId === null ? null : String(who.agencyId),
        });
      },
    };
    const result = await fn(tx);
    await appendLedgerEvents(trx, now, queued);
    return result;
  });
}
