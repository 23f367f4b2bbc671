import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrlFor } from './helpers/env.ts';
import { runCli, tempDir } from './helpers/processes.ts';

// A production start: on PostgreSQL no demo province unless GOVDATA_DEMO=1; `govdata init` creates
// the one system administrator with a printed one-time password (on PGlite with GOVDATA_DEMO=0 alike).

const base = process.env.DATABASE_URL;
const dataDir = tempDir('cli-init');
const dbName = `govdata_init_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
let env: Record<string, string | undefined>;
let db: pg.Client | null = null;

beforeAll(async () => {
  if (base) {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    env = { DATABASE_URL: databaseUrlFor(base, dbName), GOVDATA_DATA_DIR: dataDir, GOVDATA_DEMO: undefined };
    db = new pg.Client({ connectionString: env.DATABASE_URL });
    await db.connect();
  } else {
    env = { GOVDATA_DATA_DIR: dataDir, GOVDATA_DEMO: '0' };
  }
});
afterAll(async () => {
  await db?.end();
  if (base) {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('govdata migrate and init on an empty production database', () => {
  it('migrates without loading the demo province', async () => {
    const r = await runCli(['migrate'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('数据库已迁移至');
    if (db) expect((await db.query('select count(*)::int as n from account')).rows[0].n).toBe(0);
  });

  it('creates one system administrator and prints a one-time password that passes the policy', async () => {
    const r = await runCli(['init', '--username', 'root.admin'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已创建系统管理员 root.admin');
    const password = r.stdout.match(/一次性密码：(\S+)/)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(10);
    expect(r.stdout).toContain('首次登录后必须修改密码');
    if (db) {
      const row = (
        await db.query('select must_change_password, password_hash from account where username = $1', [
          'root.admin',
        ])
      ).rows[0];
      expect(row.must_change_password).toBe(true);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    }
  });

  it('refuses a second system administrator with a Chinese error and a non-zero exit', async () => {
    const r = await runCli(['init', '--username', 'root.two'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('系统管理员已存在');
  });
});
