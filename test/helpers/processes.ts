import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { hashPassword } from '../../src/agencies/passwords.ts';
import type { Db } from '../../src/kernel/db/schema.ts';

// Real `govdata` processes for the tests that need more than app.inject: the CLI run as a child,
// and two servers on one PostgreSQL database (scale-out).

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(REPO_ROOT, 'bin', 'govdata.js');

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `govdata-${prefix}-`));
}

/** The environment of a child: this one's, minus what the child must not inherit, plus `env`. */
function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const k of ['DATABASE_URL', 'GOVDATA_LEDGER_KEY_FILE', 'GOVDATA_LEDGER_CHECKPOINT_FILE', 'PORT'])
    delete out[k];
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/govdata.js …args` to completion. */
export function runCli(args: string[], env: Record<string, string | undefined>, timeoutMs = 90_000) {
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: childEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => {
      stdout += b;
    });
    child.stderr.on('data', (b) => {
      stderr += b;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts `node bin/govdata.js …args` and leaves it running (the caller reads, waits or kills). */
export function spawnCli(args: string[], env: Record<string, string | undefined>): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: childEnv(env) });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything it printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `govdata serve` on a free port against `databaseUrl`, without demo data and with its own
 * data folder (a temporary one, removed on stop, unless `dataDir` is given), and waits until
 * /healthz answers.
 */
export async function startServer(
  databaseUrl: string,
  env: Record<string, string | undefined> = {},
  opts: { dataDir?: string } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? tempDir('server');
  fs.mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: REPO_ROOT,
    env: childEnv({
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      GOVDATA_DEMO: '0',
      GOVDATA_DATA_DIR: dataDir,
      ...env,
    }),
  });
  let out = '';
  child.stdout?.on('data', (b) => {
    out += b;
  });
  child.stderr?.on('data', (b) => {
    out += b;
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(forced);
    }
    if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = performance.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`govdata serve exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`govdata serve did not answer /healthz on ${url}:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200)); // waiting for a real process, not for the clock
  }
  return { url, dataDir, child, output: () => out, stop };
}

/**
 * A staff account with the given roles, made directly in the database (the tests must not depend on
 * which demo accounts exist yet). Belongs to any existing agency, or to a test agency made for it.
 */
export async function ensureStaffAccount(
  db: Db,
  opts: { username: string; roles: string[]; password: string; now: Date },
): Promise<number> {
  const found = await sql<{ id: number }>`select id from account where username = ${opts.username}`.execute(
    db,
  );
  if (found.rows[0]) return found.rows[0].id;
  let agency = (await sql<{ id: number }>`select id from agency order by id limit 1`.execute(db)).rows[0];
  if (!agency) {
    await sql`insert into region (code, name, level) values ('230000', '黑龙江省', 'province')
      on conflict do nothing`.execute(db);
    agency = (
      await sql<{ id: number }>`
        insert into agency (code, name, short_name, kind, level, region_code, created_at)
        values ('test-ledger', '测试厅', '测试厅', 'department', 'province', '230000', ${opts.now})
        on conflict (code) do update set short_name = excluded.short_name
        returning id`.execute(db)
    ).rows[0];
  }
  const hash = await hashPassword(opts.password);
  const acct = (
    await sql<{ id: number }>`
      insert into account (username, display_name, kind, agency_id, password_hash, password_changed_at, created_at)
      values (${opts.username}, ${`测试${opts.username}`}, 'staff', ${agency.id}, ${hash}, ${opts.now}, ${opts.now})
      returning id`.execute(db)
  ).rows[0];
  for (const role of opts.roles) {
    await sql`insert into account_role (account_id, role) values (${acct.id}, ${role})`.execute(db);
  }
  return acct.id;
}
