import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config.ts';
import { TestClock } from '../src/kernel/clock.ts';
import { openSystem } from '../src/system.ts';
import { databaseUrlFor, quietLogger, TEST_EPOCH } from './helpers/env.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const config = loadConfig();
  const clock = new TestClock(TEST_EPOCH);
  if (config.databaseUrl) {
    const name = `govdata_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: config.databaseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const sys = await openSystem(config, {
      databaseUrl: databaseUrlFor(config.databaseUrl, name),
      clock,
      log: quietLogger,
      demo: true,
      // Every test file starts from the quiet province; the demo matters are tested on their own.
      demoMatters: false,
    });
    await sys.close();
    project.provide('pgTemplate', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      // Test databases are dropped by their files; the template goes last.
      const left = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'govdata_t_${process.pid}_%'`,
      );
      for (const r of left.rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const sys = await openSystem(config, {
    inMemory: true,
    clock,
    log: quietLogger,
    demo: true,
    demoMatters: false,
  });
  const blob = await sys.handle.dump!();
  await sys.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-test-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
