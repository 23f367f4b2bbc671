import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { TestClock } from '../../src/kernel/clock.ts';
import { openSystem, type System } from '../../src/system.ts';
import { databaseUrlFor } from './env.ts';
import { DEMO_PASSWORD } from './system.ts';

/** A log line as pino writes it (the demo loaders log their counts). */
export type LogLine = { msg: string; time: number } & Record<string, unknown>;

export interface DemoSystem {
  sys: System;
  app: FastifyInstance;
  /** Bearer tokens of the users logged in. */
  token: Record<string, string>;
  /** Everything logged while the system opened. */
  lines: LogLine[];
  close(): Promise<void>;
}

/**
 * A fresh system with the whole demo province loaded as `npm start` loads it (its own PostgreSQL
 * database when DATABASE_URL is set, else PGlite in memory), at the clock's time, with `users` logged in.
 */
export async function openDemoSystem(
  tag: string,
  users: string[],
  at = '2026-11-27T02:00:00Z',
): Promise<DemoSystem> {
  const config = { ...loadConfig(), demo: false };
  const clock = new TestClock(at);
  const lines: LogLine[] = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  let sys: System;
  let dropDatabase: (() => Promise<void>) | null = null;
  if (config.databaseUrl) {
    const name = `govdata_t_${process.ppid}_${process.pid}_${tag}_${Math.floor(Math.random() * 1e6)}`;
    const admin = new pg.Client({ connectionString: config.databaseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    sys = await openSystem(config, {
      databaseUrl: databaseUrlFor(config.databaseUrl, name),
      clock,
      log,
      demo: true,
    });
    dropDatabase = async () => {
      const a = new pg.Client({ connectionString: config.databaseUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    sys = await openSystem(config, { inMemory: true, clock, log, demo: true });
  }
  const app = await buildApp({ ctx: sys.ctx, schemaVersion: sys.schemaVersion });
  const token: Record<string, string> = {};
  for (const u of users) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: u, password: DEMO_PASSWORD },
    });
    token[u] = res.json().token;
  }
  return {
    sys,
    app,
    token,
    lines,
    close: async () => {
      await app.close();
      await sys.close();
      await dropDatabase?.();
    },
  };
}
