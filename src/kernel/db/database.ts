import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireFolderLock } from './folder-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database, Db } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** PGlite only: a tarball of the data folder (tests copy a migrated template this way). */
  dump?(): Promise<Blob>;
}

// One normalisation for both drivers: bigint → number (ids and counts stay < 2^53),
// date → 'YYYY-MM-DD' string (never a JS Date shifted by the server's TZ).
const INT8 = 20;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite folder; undefined = in memory. */
  pgliteDir?: string;
  /** PGlite: start from a dumped data folder (tests). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection dropped by the server must not crash the process; the pool reconnects.
    pool.on('error', (err) => console.error('PostgreSQL idle connection error:', err.message));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const release = opts.pgliteDir ? acquireFolderLock(path.dirname(opts.pgliteDir)) : () => {};
  try {
    // Loaded only when used: a server on PostgreSQL does not carry PGlite's ~45 MB.
    const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const pglite = new PGlite({
      dataDir: opts.pgliteDir,
      loadDataDir: opts.loadDataDir,
      extensions: { pg_trgm },
      parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v },
    });
    await pglite.waitReady;
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await db.destroy();
        await pglite.close();
        release();
      },
      dump: () => pglite.dumpDataDir('none') as Promise<Blob>,
    };
  } catch (e) {
    release();
    throw e;
  }
}
