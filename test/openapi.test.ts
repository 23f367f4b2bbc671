import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './helpers/system.ts';

const run = promisify(execFile);
let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t.close());

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1, generated from the route schemas, and lints with 0 errors under Redocly CLI', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/auth/login');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-openapi-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const bin = path.resolve('node_modules/.bin/redocly');
    const out = await run(bin, ['lint', file, '--format=json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 1 << 24,
    }).catch((e) => e as { stdout: string; stderr: string; code: number });
    fs.rmSync(dir, { recursive: true, force: true });
    const report = JSON.parse(out.stdout) as {
      totals: { errors: number };
      problems: { message: string; severity: string }[];
    };
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => p.message);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it('serves a browsable page at /api/docs', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});
