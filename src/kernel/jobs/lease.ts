import { type Kysely, sql } from 'kysely';
import type { Ctx } from '../context.ts';
import type { NamedMigration } from '../db/migrate.ts';

// Periodic jobs (deadline sweep, checkpoints, reconciliation) run in one process at a time across
// all server processes: the lease lives in the database, never in process memory.
export interface JobLeaseTable {
  name: string;
  holder: string;
  expires_at: Date;
}

declare module '../db/schema.ts' {
  interface Database {
    job_lease: JobLeaseTable;
  }
}

export const jobMigrations: NamedMigration[] = [
  {
    name: '0020_job_lease',
    async up(db: Kysely<any>) {
      await sql`create table job_lease (name text primary key, holder text not null, expires_at timestamptz not null)`.execute(
        db,
      );
    },
  },
];

/** Takes (or renews) the named lease for `ttlMs`; true when this holder has it. Atomic in one statement. */
export async function tryAcquireLease(
  ctx: Ctx,
  name: string,
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  const now = ctx.clock.now();
  const expires = new Date(now.getTime() + ttlMs);
  const res = await sql<{ holder: string }>`
    insert into job_lease (name, holder, expires_at) values (${name}, ${holder}, ${expires})
    on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
      where job_lease.expires_at < ${now} or job_lease.holder = excluded.holder
    returning holder`.execute(ctx.db);
  return res.rows.length === 1;
}

export async function releaseLease(ctx: Ctx, name: string, holder: string): Promise<void> {
  await ctx.db.deleteFrom('job_lease').where('name', '=', name).where('holder', '=', holder).execute();
}

/** Runs `fn` only if the lease is won; the lease is released afterwards. */
export async function runExclusive<T>(
  ctx: Ctx,
  name: string,
  holder: string,
  ttlMs: number,
  fn: () => Promise<T>,
): Promise<T | null> {
  if (!(await tryAcquireLease(ctx, name, holder, ttlMs))) return null;
  try {
    return await fn();
  } finally {
    await releaseLease(ctx, name, holder);
  }
}
