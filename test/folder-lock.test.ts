import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireFolderLock } from '../src/kernel/db/folder-lock.ts';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-lock-'));
let release: () => void;

beforeAll(() => {
  release = acquireFolderLock(dir);
});
afterAll(() => {
  release();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('embedded database folder lock', () => {
  it('refuses a second process with a clear error naming the holder', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, GOVDATA_DATA_DIR: dir };
    delete env.DATABASE_URL;
    const res = await run(process.execPath, ['bin/govdata.js', 'migrate'], { env }).catch((e) => e);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('内嵌数据库正被另一进程使用');
    expect(res.stderr).toContain(`进程 ${process.pid}`);
  });

  it('refuses a second opener in the same host even from this process', () => {
    expect(() => acquireFolderLock(dir)).toThrow(/内嵌数据库正被另一进程使用/);
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const stale = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-stale-'));
    fs.writeFileSync(
      path.join(stale, 'govdata.lock'),
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: os.hostname(),
        since: '2026-01-01T00:00:00Z',
        command: 'gone',
      }),
    );
    const rel = acquireFolderLock(stale);
    expect(JSON.parse(fs.readFileSync(path.join(stale, 'govdata.lock'), 'utf8')).pid).toBe(process.pid);
    rel();
    expect(fs.existsSync(path.join(stale, 'govdata.lock'))).toBe(false);
    fs.rmSync(stale, { recursive: true, force: true });
  });
});
