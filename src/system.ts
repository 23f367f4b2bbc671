import path from 'node:path';
import pino, { type Logger } from 'pino';
import { loadDemoProvince } from './agencies/demo.ts';
import type { Config } from './config.ts';
import { type Clock, systemClock } from './kernel/clock.ts';
import type { Ctx } from './kernel/context.ts';
import { type DatabaseHandle, openDatabase } from './kernel/db/database.ts';
import { migrateToLatest } from './kernel/db/migrate.ts';
import { allMigrations } from './modules.ts';

export interface System {
  ctx: Ctx;
  handle: DatabaseHandle;
  schemaVersion: string;
  close(): Promise<void>;
}

export interface OpenSystemOptions {
  clock?: Clock;
  log?: Logger;
  /** PGlite in memory instead of the data folder (tests). */
  inMemory?: boolean;
  /** PGlite: start from a dumped, already migrated folder (tests). */
  loadDataDir?: Blob;
  /** Override of config.databaseUrl (tests create one database per file). */
  databaseUrl?: string;
  /** Load the demo province into an empty database (default: config.demo). */
  demo?: boolean;
  poolSize?: number;
}

/** Opens the database, migrates it and, when asked and empty, loads the demo province. */
export async function openSystem(config: Config, opts: OpenSystemOptions = {}): Promise<System> {
  const log = opts.log ?? pino({ level: config.logLevel, base: { app: 'govdata' } });
  const databaseUrl = opts.databaseUrl ?? config.databaseUrl;
  const handle = await openDatabase({
    databaseUrl,
    pgliteDir: databaseUrl || opts.inMemory ? undefined : path.join(config.dataDir, 'pglite'),
    loadDataDir: opts.loadDataDir,
    poolSize: opts.poolSize,
  });
  try {
    const schemaVersion = await migrateToLatest(handle.db, allMigrations());
    const ctx: Ctx = { db: handle.db, dbKind: handle.kind, clock: opts.clock ?? systemClock, config, log };
    if (opts.demo ?? config.demo) {
      const loaded = await loadDemoProvince(ctx, config.demoPassword);
      if (loaded) log.info('demo province loaded');
    }
    return { ctx, handle, schemaVersion, close: () => handle.close() };
  } catch (e) {
    await handle.close();
    throw e;
  }
}
