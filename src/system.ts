import path from 'node:path';
import pino, { type Logger } from 'pino';
import { loadDemoProvince } from './agencies/demo.ts';
import { agencyDirectory } from './agencies/directory.ts';
import { loadAggregationDemo } from './aggregation/demo.ts';
import { loadCatalogDemo } from './catalog/demo.ts';
import type { Config } from './config.ts';
import { type Clock, systemClock } from './kernel/clock.ts';
import type { Ctx } from './kernel/context.ts';
import { type DatabaseHandle, openDatabase } from './kernel/db/database.ts';
import { migrateToLatest } from './kernel/db/migrate.ts';
import { allMigrations } from './modules.ts';
import { loadSupervisionDemo } from './supervision/demo.ts';

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
  /** With a just-loaded demo province, its demo matters too (default true; the test template leaves them out). */
  demoMatters?: boolean;
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
    const ctx: Ctx = {
      db: handle.db,
      dbKind: handle.kind,
      clock: opts.clock ?? systemClock,
      config,
      log,
      directory: agencyDirectory,
    };
    if (opts.demo ?? config.demo) {
      const loaded = await loadDemoProvince(ctx, config.demoPassword);
      if (loaded) log.info('demo province loaded');
      if (loaded && opts.demoMatters !== false) {
        log.info({ orders: await loadSupervisionDemo(ctx) }, 'demo rectification orders loaded');
        log.info({ catalog: await loadCatalogDemo(ctx) }, 'demo catalog loaded');
        log.info({ aggregation: await loadAggregationDemo(ctx) }, 'demo datasets loaded');
      }
    }
    return { ctx, handle, schemaVersion, close: () => handle.close() };
  } catch (e) {
    await handle.close();
    throw e;
  }
}
