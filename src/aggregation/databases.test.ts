import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, ok, startHarness } from '../matters/support.test-helpers.ts';
import { actorOf, csvSource, csvText, people, publishEntry } from './aggregation.test-helpers.ts';
import { createDataset } from './datasets.ts';
import { runLoad } from './load.ts';
import { reconcileAll } from './reconciliation.ts';

// Art. 20 基础库 / 主题库: datasets grouped by their entry's catalog group, with current records,
// freshness against the update frequency, the last loads' error rates and the 对账 trend — each
// actor seeing only the datasets of its own agency and of those it reviews.

let h: Harness;
/** 省公安厅, 人口基础库, daily: two loads (1 of 20 rejected, then a full load closing 2). */
let a: { id: number; entryCode: string };
/** 省民政厅, 社会保障主题库, monthly: one load, 2 of 10 rejected. */
let b: number;
/** 省民政厅, 人口基础库, weekly: never loaded. */
let c: number;

const API = '/api/v1/aggregation/databases';
const bad = (row: string[]) => {
  row[0] = `${row[0].slice(0, 17)}${row[0][17] === '0' ? '1' : '0'}`;
};
const byCode = (items: { code: string }[]): Record<string, any> =>
  Object.fromEntries(items.map((i) => [i.code, i]));
const full = { kind: 'full' as const, source: 'test' };

beforeAll(async () => {
  h = await startHarness();
  await h.login('gat.data', 'mzt.data', 'sheng.reviewer', 'sheng.admin', 'hrb.admin', 'gat.user');
  h.at('2026-03-02T10:00');
  const gat = actorOf(h, 'gat.data');
  const mzt = actorOf(h, 'mzt.data');
  const ea = await publishEntry(h, 'gat.data', 'sheng.reviewer');
  const eb = await publishEntry(h, 'mzt.data', 'sheng.reviewer', {
    name: '低保对象户籍信息',
    groupCode: 'theme.social-security',
    frequencyCode: 'monthly',
  });
  const ec = await publishEntry(h, 'mzt.data', 'sheng.reviewer', {
    name: '婚姻登记当事人信息',
    frequencyCode: 'weekly',
  });
  const key = (e: { codes: Record<string, string> }) => [e.codes.公民身份号码];
  const da = await createDataset(h.t.ctx, gat, { entryId: ea.id, keyItems: key(ea) });
  a = { id: da.id, entryCode: ok(await h.get('gat.data', `/api/v1/catalog/entries/${ea.id}`)).code };
  b = (await createDataset(h.t.ctx, mzt, { entryId: eb.id, keyItems: key(eb), errorThreshold: 0.5 })).id;
  c = (await createDataset(h.t.ctx, mzt, { entryId: ec.id, keyItems: key(ec) })).id;

  const first = people(20);
  bad(first[7]);
  expect(await runLoad(h.t.ctx, gat, a.id, csvSource(csvText(first)), full)).toMatchObject({
    status: 'committed',
    rowsRejected: 1,
  });
  const social = people(10, 500);
  bad(social[1]);
  bad(social[4]);
  expect(await runLoad(h.t.ctx, mzt, b, csvSource(csvText(social)), full)).toMatchObject({
    status: 'committed',
    rowsAccepted: 8,
  });

  // Two days later a clean full file without the last two people: 17 current, 2 tombstones.
  h.at('2026-03-04T10:00');
  const second = people(18).filter((_, i) => i !== 7);
  expect(await runLoad(h.t.ctx, gat, a.id, csvSource(csvText(second)), full)).toMatchObject({
    status: 'committed',
    rowsClosed: 2,
    rowsRejected: 0,
  });
  h.at('2026-03-04T20:00');
  expect(await reconcileAll(h.t.ctx)).toBe(3);
  h.at('2026-03-06T10:00');
});
afterAll(() => h.t.close());

describe('the databases (Art. 20)', () => {
  it('lists every base and theme database in dictionary order, with counts of what the actor sees', async () => {
    const { items } = ok(await h.get('sheng.admin', API));
    expect(items.map((i: { code: string }) => i.code)).toEqual([
      'base.population',
      'base.legal-person',
      'base.geo',
      'base.license',
      'theme.health',
      'theme.service',
      'theme.social-security',
      'theme.ecology',
      'theme.credit',
      'theme.emergency',
      'theme.state-assets',
    ]);
    const g = byCode(items);
    expect(g['base.population']).toMatchObject({
      name: '人口',
      kind: 'base',
      kindName: '基础库',
      datasetCount: 2,
      recordCount: 17,
      lateCount: 1,
      neverLoadedCount: 1,
      averageErrorRate: 0,
    });
    expect(g['theme.social-security']).toMatchObject({
      name: '社会保障',
      kind: 'theme',
      kindName: '主题库',
      datasetCount: 1,
      recordCount: 8,
      lateCount: 0,
      neverLoadedCount: 0,
    });
    expect(g['theme.social-security'].averageErrorRate).toBeCloseTo(0.2, 10);
    expect(g['base.legal-person']).toMatchObject({ datasetCount: 0, recordCount: 0, averageErrorRate: null });
  });

  it('shows one database with its datasets: provider, current records, freshness, error rate and trend', async () => {
    const db = ok(await h.get('sheng.admin', `${API}/base.population`));
    expect(db).toMatchObject({ code: 'base.population', kindName: '基础库', datasetCount: 2 });
    expect(db.items.map((d: { id: number }) => d.id)).toEqual([a.id, c]);
    const [da, dc] = db.items;
    expect(da).toMatchObject({
      name: '户籍人口登记信息',
      entryCode: a.entryCode,
      providerAgencyName: '黑龙江省公安厅',
      recordCount: 17,
      lastLoadAt: '2026-03-04T02:00:00.000Z',
      frequencyCode: 'daily',
      frequencyName: '每日',
      freshness: 'late',
      late: true,
      daysLate: 1,
      lastErrorRate: 0,
      qualityTrend: 'improving',
      reconciledOn: '2026-03-04',
    });
    expect(da.freshnessMessage).toContain('已逾期 1 天');
    expect(dc).toMatchObject({
      providerAgencyName: '黑龙江省民政厅',
      recordCount: 0,
      lastLoadAt: null,
      frequencyName: '每周',
      freshness: 'never_loaded',
      late: false,
      lastErrorRate: null,
      qualityTrend: 'none',
    });
    // The same count as the daily reconciliation of that dataset (both: latest committed version per key).
    const [rec] = ok(await h.get('gat.data', `/api/v1/aggregation/datasets/${a.id}/reconciliation`)).items;
    expect(rec.currentRows).toBe(17);
  });

  it('reads the monthly dataset loaded four days ago as on time, with the rejected share of its load', async () => {
    const [d] = ok(await h.get('mzt.data', `${API}/theme.social-security`)).items;
    expect(d).toMatchObject({
      id: b,
      recordCount: 8,
      freshness: 'on_time',
      late: false,
      qualityTrend: 'none',
    });
    expect(d.lastErrorRate).toBeCloseTo(0.2, 10);
    expect(d.dueAt.slice(0, 10)).toBe('2026-04-02');
  });

  it('counts a never-loaded dataset as late once its first period has run out since registration', async () => {
    h.at('2026-03-20T10:00');
    const g = byCode(ok(await h.get('mzt.data', API)).items);
    expect(g['base.population']).toMatchObject({ datasetCount: 1, lateCount: 1, neverLoadedCount: 1 });
    const [dc] = ok(await h.get('mzt.data', `${API}/base.population`)).items;
    expect(dc).toMatchObject({ id: c, freshness: 'never_loaded', late: true });
    expect(dc.freshnessMessage).toMatch(/^尚未汇聚/);
    h.at('2026-03-06T10:00');
  });
});

describe('scope and permission', () => {
  it('a department sees only its own datasets in each database', async () => {
    const gat = byCode(ok(await h.get('gat.data', API)).items);
    expect(gat['base.population']).toMatchObject({ datasetCount: 1, recordCount: 17, neverLoadedCount: 0 });
    expect(gat['theme.social-security']).toMatchObject({ datasetCount: 0, averageErrorRate: null });
    const ids = ok(await h.get('gat.data', `${API}/base.population`)).items.map((d: { id: number }) => d.id);
    expect(ids).toEqual([a.id]);
  });

  it('an authority of another region sees none of them, though every database is listed', async () => {
    const { items } = ok(await h.get('hrb.admin', API));
    expect(items).toHaveLength(11);
    expect(items.every((i: { datasetCount: number }) => i.datasetCount === 0)).toBe(true);
    expect(ok(await h.get('hrb.admin', `${API}/theme.social-security`)).items).toEqual([]);
  });

  it('refuses a role without aggregation.read', async () => {
    for (const url of [API, `${API}/base.population`]) {
      const r = await h.get('gat.user', url);
      expect(r.statusCode, url).toBe(403);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers 404 in Chinese for a group that is not a base or theme database', async () => {
    for (const code of ['base.nope', 'special', 'department']) {
      const r = await h.get('sheng.admin', `${API}/${code}`);
      expect(r.statusCode, code).toBe(404);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ title: '基础库或主题库不存在', article: 'Art. 20' });
    }
  });
});
