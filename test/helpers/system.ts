import fs from 'node:fs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { type Config, loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { TestClock } from '../../src/kernel/clock.ts';
import type { Ctx } from '../../src/kernel/context.ts';
import { openSystem, type System } from '../../src/system.ts';
import { databaseUrlFor, quietLogger, TEST_EPOCH } from './env.ts';

export const DEMO_PASSWORD = 'Demo#2026hlj';

export interface TestSystem {
  sys: System;
  ctx: Ctx;
  clock: TestClock;
  app: FastifyInstance;
  config: Config;
  /** The database URL of this file's own PostgreSQL database (undefined on PGlite). */
  databaseUrl?: string;
  /** Logs in through the API and returns a bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** app.inject with an optional bearer token. */
  call(token: string | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export const isPostgres = () => Boolean(process.env.DATABASE_URL);

let counter = 0;

/** A fresh copy of the migrated demo province for one test file, with a movable clock. */
export async function startTestSystem(
  opts: { clockStart?: string; config?: Partial<Config> } = {},
): Promise<TestSystem> {
  const config: Config = { ...loadConfig(), demo: false, ...opts.config };
  const clock = new TestClock(opts.clockStart ?? TEST_EPOCH);
  let databaseUrl: string | undefined;
  let sys: System;
  if (config.databaseUrl) {
    const name = `govdata_t_${process.ppid}_${process.pid}_${++counter}_${Math.floor(Math.random() * 1e6)}`;
    const admin = new pg.Client({ connectionString: config.databaseUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
    await admin.end();
    databaseUrl = databaseUrlFor(config.databaseUrl, name);
    sys = await openSystem(config, { databaseUrl, clock, log: quietLogger });
  } else {
    const blob = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
    sys = await openSystem(config, { inMemory: true, loadDataDir: blob, clock, log: quietLogger });
  }
  const app = await buildApp({ ctx: sys.ctx, schemaVersion: sys.schemaVersion });
  const call = (token: string | null, o: InjectOptions) =>
    app.inject({ ...o, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...o.headers } });
  return {
    sys,
    ctx: sys.ctx,
    clock,
    app,
    config,
    databaseUrl,
    call,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return res.json().token as string;
    },
    async close() {
      await app.close();
      await sys.close();
      if (databaseUrl && config.databaseUrl) {
        const admin = new pg.Client({ connectionString: config.databaseUrl });
        await admin.connect();
        await admin.query(`drop database if exists ${new URL(databaseUrl).pathname.slice(1)} with (force)`);
        await admin.end();
      }
    },
  };
}
