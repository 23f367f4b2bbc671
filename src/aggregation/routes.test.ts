import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Harness, ok, startHarness } from '../matters/support.test-helpers.ts';
import { csvText, people, publishEntry } from './aggregation.test-helpers.ts';

// The aggregation API as the console and other systems use it (Art. 18, 19, 33): register a dataset,
// upload a file (answered 202 at once), follow the load, download rejected rows (masked unless the
// provider's data officer asks clear — ledgered), read the records as of a time.

let h: Harness;
let datasetId: number;
let codes: Record<string, string>;
const call = (
  user: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  headers?: Record<string, string>,
) => h.t.call(h.token[user], { method, url, payload: payload as never, headers });
const upload = (user: string, body: Buffer | string, kind = 'full') =>
  call(
    user,
    'POST',
    `/api/v1/aggregation/datasets/${datasetId}/loads?kind=${kind}&fileName=people.csv`,
    body,
    {
      'content-type': 'text/csv',
    },
  );
/** The load once it has left 'running' (it runs in the background after the 202). */
const settled = (loadId: string) =>
  vi.waitFor(
    async () => {
      const l = ok(await h.get('gat.data', `/api/v1/aggregation/datasets/${datasetId}/loads/${loadId}`));
      if (l.status === 'running') throw new Error('still running');
      return l;
    },
    { timeout: 30_000, interval: 50 },
  );

beforeAll(async () => {
  h = await startHarness();
  await h.login('gat.data', 'sheng.reviewer', 'mzt.data', 'auditor');
  h.at('2026-03-02T10:00');
  const entry = await publishEntry(h, 'gat.data', 'sheng.reviewer');
  codes = entry.codes;
  const ds = ok(
    await call('gat.data', 'POST', '/api/v1/aggregation/datasets', {
      entryId: entry.id,
      keyItems: [codes.公民身份号码],
    }),
    201,
  );
  datasetId = ds.id;
});
afterAll(() => h.t.close());

describe('datasets (Art. 18)', () => {
  it('lists the dataset for its provider and the reviewing authority, not for another department', async () => {
    expect(
      ok(await h.get('gat.data', '/api/v1/aggregation/datasets')).items.map((d: { id: number }) => d.id),
    ).toEqual([datasetId]);
    expect(ok(await h.get('sheng.reviewer', '/api/v1/aggregation/datasets')).items).toHaveLength(1);
    expect(ok(await h.get('mzt.data', '/api/v1/aggregation/datasets')).items).toHaveLength(0);
  });

  it('refuses a key item the entry does not have, in Chinese, saving nothing', async () => {
    const r = await call('gat.data', 'POST', '/api/v1/aggregation/datasets', {
      entryId: 1,
      keyItems: ['NOPE'],
    });
    expect([400, 404, 409]).toContain(r.statusCode);
    expect(r.headers['content-type']).toContain('application/problem+json');
  });
});

describe('loads through the API (Art. 18, 19, 33)', () => {
  let loadId: string;
  const rows = people(20);
  rows[7][0] = `${rows[7][0].slice(0, 17)}${rows[7][0][17] === '0' ? '1' : '0'}`;

  it('takes a GBK CSV upload, answers 202 and reports progress and quality', async () => {
    const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: csvText(rows) });
    const r = ok(await upload('gat.data', gbk), 202);
    loadId = r.loadId;
    const l = await settled(loadId);
    expect(l).toMatchObject({
      status: 'committed',
      rowsRead: 20,
      rowsRejected: 1,
      rowsAdded: 19,
      progress: 1,
    });
    const finding = l.report.findings.find((f: { ruleId: string }) => f.ruleId.startsWith('id_number'));
    expect(finding.samples[0].row).toBe(9);
    expect(finding.samples[0].value).not.toContain(rows[7][0].slice(6, 14)); // masked sample
  });

  it('gives the rejected rows masked by default, clear to the provider’s data officer, and ledgers it', async () => {
    const url = `/api/v1/aggregation/datasets/${datasetId}/loads/${loadId}/rejected.csv`;
    const masked = await h.get('gat.data', url);
    expect(masked.statusCode).toBe(200);
    expect(masked.body).toContain('行号,拒收原因');
    expect(masked.body).toContain('9,');
    expect(masked.body).not.toContain(rows[7][0]);
    expect(masked.body).not.toContain(rows[7][1]);
    const clear = await h.get('gat.data', `${url}?clear=true`);
    expect(clear.body).toContain(rows[7][0]);
    expect((await h.get('sheng.reviewer', `${url}?clear=true`)).statusCode).toBe(403);
    const trail = ok(
      await h.get('auditor', '/api/v1/ledger/events?action=aggregation.rejected.export-clear'),
    );
    expect(trail.items.length).toBeGreaterThanOrEqual(1);
    expect(
      trail.items.every((e: { action: string }) => e.action === 'aggregation.rejected.export-clear'),
    ).toBe(true);
  });

  it('reads records masked, as of a time before a later load', async () => {
    h.at('2026-03-03T10:00');
    const changed = people(20);
    changed[0][3] = '寄住人口';
    const r = ok(await upload('gat.data', csvText(changed), 'incremental'), 202);
    expect(await settled(r.loadId)).toMatchObject({ status: 'committed', rowsChanged: 1, rowsAdded: 1 });
    const now = ok(await h.get('gat.data', `/api/v1/aggregation/datasets/${datasetId}/records?limit=100`));
    expect(now.items).toHaveLength(20);
    expect(JSON.stringify(now.items)).not.toContain(rows[0][0]);
    const before = ok(
      await h.get(
        'gat.data',
        `/api/v1/aggregation/datasets/${datasetId}/records?limit=100&asOf=${encodeURIComponent('2026-03-02T12:00:00+08:00')}`,
      ),
    );
    expect(before.items).toHaveLength(19);
    expect(before.items.filter((i: Record<string, string>) => i[codes.人口类型] === '寄住人口')).toHaveLength(
      0,
    );
  });

  it('fails a file without the key column with a Chinese reason, changing nothing', async () => {
    const r = ok(await upload('gat.data', '姓名,户籍地址\n张三,哈尔滨\n'), 202);
    const l = await settled(r.loadId);
    expect(l.status).toBe('failed');
    expect(l.error).toContain('主键');
    expect(
      ok(await h.get('gat.data', `/api/v1/aggregation/datasets/${datasetId}/records?limit=100`)).items,
    ).toHaveLength(20);
  });

  it('another department cannot upload to the dataset', async () => {
    expect([403, 404]).toContain((await upload('mzt.data', csvText(people(2)))).statusCode);
  });
});
