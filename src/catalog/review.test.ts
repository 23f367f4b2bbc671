import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCalendar } from '../kernel/calendar/index.ts';
import { type Harness, ok, startHarness } from '../matters/support.test-helpers.ts';
import { basicEntry, plainItems } from './catalog.test-helpers.ts';

// Art. 12 目录审核 as a matter of the engine: submit → return (with reasons, 5 WD to revise) →
// revise → resubmit → publish; reviewers of the wrong level or region are refused; a change to a
// published entry is a new version, with the difference shown. Around the 2026 National Day holiday
// (10-01..10-07 off, 10-10 a 调休 working Saturday).

let h: Harness;
const USERS = ['gat.data', 'sheng.reviewer', 'hrb.gaj.data', 'hrb.admin', 'dq.admin', 'mzt.data'];

beforeAll(async () => {
  h = await startHarness();
  await h.login(...USERS);
});
afterAll(() => h.t.close());

const call = (user: string, method: 'POST' | 'PUT' | 'GET', url: string, payload?: unknown) =>
  h.t.call(h.token[user], { method, url, payload: payload as never });
const draft = async (user: string, over: Record<string, unknown> = {}) =>
  ok(await call(user, 'POST', '/api/v1/catalog/entries', basicEntry(over)), 201).id as number;
const submit = (user: string, id: number) => call(user, 'POST', `/api/v1/catalog/entries/${id}/submit`);
const entry = (user: string, id: number) => call(user, 'GET', `/api/v1/catalog/entries/${id}`);
const matter = async (user: string, id: number) => ok(await h.get(user, `/api/v1/matters/${id}`));

describe('the review of a department’s entry (Art. 12)', () => {
  let id: number;
  let m: number;

  it('a submission opens a review by the same-level authority; the draft is no longer editable', async () => {
    h.at('2026-09-28T10:00');
    id = await draft('gat.data');
    const e = ok(await submit('gat.data', id));
    expect(e).toMatchObject({ status: 'submitted', versionStatus: 'submitted', version: 1 });
    m = e.reviewMatterId;
    const d = await matter('sheng.reviewer', m);
    expect(d).toMatchObject({ type: 'catalog.review', typeName: '目录审核', state: 'reviewing' });
    expect(d.fields.map((f: { label: string }) => f.label)).toEqual(['目录名称', '资源代码', '版本']);
    expect(d.parties.map((p: { role: string; agencyName: string }) => [p.role, p.agencyName])).toEqual([
      ['provider', '黑龙江省公安厅'],
      ['authority', '黑龙江省政务数据主管部门'],
    ]);
    expect(d.actions.map((a: { name: string }) => a.name)).toEqual(['publish', 'return']);
    expect((await submit('gat.data', id)).statusCode).toBe(409);
    expect((await call('gat.data', 'PUT', `/api/v1/catalog/entries/${id}`, basicEntry())).statusCode).toBe(
      409,
    );
    // Not yet published: other agencies do not see it.
    expect((await entry('mzt.data', id)).statusCode).toBe(404);
  });

  it('a return without reasons is refused (Art. 12)', async () => {
    h.at('2026-09-29T10:00');
    const r = await h.act('sheng.reviewer', m, 'return', {});
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ article: 'Art. 12' });
  });

  it('the department cannot publish its own entry', async () => {
    expect((await h.act('gat.data', m, 'publish', {})).statusCode).toBe(403);
  });

  it('a return with reasons opens the 5 WD revision deadline across the National Day holiday (Art. 12)', async () => {
    ok(await h.act('sheng.reviewer', m, 'return', { reason: '数据项“户籍地址”须关联标准数据元。' }));
    const cal = await currentCalendar(h.t.ctx);
    const due = cal.addWorkingDays('2026-09-29', 5);
    expect(due).toBe('2026-10-12');
    const d = await matter('gat.data', m);
    expect(d.state).toBe('returned');
    expect(d.deadlines).toMatchObject([
      { ruleKey: 'catalog.revise', article: 'Art. 12', startsOn: '2026-09-29', dueDate: due, status: 'open' },
    ]);
    expect(ok(await entry('gat.data', id))).toMatchObject({ status: 'returned', versionStatus: 'returned' });
  });

  it('the revised entry is resubmitted within the deadline (met) and published', async () => {
    h.at('2026-10-10T09:00');
    ok(
      await call(
        'gat.data',
        'PUT',
        `/api/v1/catalog/entries/${id}`,
        basicEntry({ summary: '全省户籍人口的基本身份信息，用于政务服务身份核验（修改）。' }),
      ),
    );
    const e = ok(await submit('gat.data', id));
    expect(e).toMatchObject({ versionStatus: 'submitted', reviewMatterId: m });
    const d = await matter('sheng.reviewer', m);
    expect(d.state).toBe('reviewing');
    expect(d.deadlines[0]).toMatchObject({ status: 'met', late: false });
    ok(await h.act('sheng.reviewer', m, 'publish', {}));
    const seen = ok(await entry('mzt.data', id));
    expect(seen).toMatchObject({
      status: 'published',
      versionStatus: 'published',
      publishDate: '2026-10-10',
    });
    expect(seen.reviewMatterId).toBeNull();
    expect((await matter('gat.data', m)).state).toBe('published');
  });

  it('a missed revision deadline shows overdue on the provider’s board (Art. 12)', async () => {
    h.at('2026-09-29T11:00');
    const late = await draft('gat.data', { name: '居民身份证申领信息' });
    const mm = ok(await submit('gat.data', late)).reviewMatterId;
    ok(await h.act('sheng.reviewer', mm, 'return', { reason: '请补充共享条件。' }));
    h.at('2026-10-13T09:00');
    const b = ok(await h.get('gat.data', '/api/v1/supervision/deadlines?status=overdue'));
    expect(b.items.find((i: { matterId: number }) => i.matterId === mm)).toMatchObject({
      status: 'overdue',
      dueDate: '2026-10-12',
      article: 'Art. 12',
    });
  });
});

describe('who reviews (Art. 12)', () => {
  let id: number;
  let m: number;

  it('a city department’s entry goes to the city authority, not the province or another city', async () => {
    h.at('2026-11-02T10:00');
    id = await draft('hrb.gaj.data', { name: '哈尔滨市暂住人口信息' });
    // Its items are those of the province's published 户籍人口基本信息: Art. 17 asks why they are collected again.
    const justification = '暂住人口须由市公安局在办理居住登记时现场采集，省级目录不含该信息。';
    m = ok(
      await call('hrb.gaj.data', 'POST', `/api/v1/catalog/entries/${id}/submit`, { justification }),
    ).reviewMatterId;
    const d = await matter('hrb.admin', m);
    expect(d.parties.find((p: { role: string }) => p.role === 'authority').agencyName).toContain('哈尔滨');
    expect([403, 404]).toContain((await h.act('sheng.reviewer', m, 'publish', {})).statusCode);
    expect([403, 404]).toContain((await h.act('dq.admin', m, 'publish', {})).statusCode);
    expect((await entry('dq.admin', id)).statusCode).toBe(404);
    ok(await h.act('hrb.admin', m, 'publish', {}));
    expect(ok(await entry('dq.admin', id)).status).toBe('published');
  });
});

describe('a change to a published entry is a new version (Art. 12)', () => {
  let id: number;

  it('opens a draft copy, reviewed like a draft; the earlier version stays readable; the diff shows it', async () => {
    h.at('2026-11-03T10:00');
    id = await draft('gat.data', { name: '企业登记基本信息', items: plainItems, openType: '无条件开放' });
    const m1 = ok(await submit('gat.data', id)).reviewMatterId;
    ok(await h.act('sheng.reviewer', m1, 'publish', {}));
    // Only one working version at a time.
    const v2 = ok(await call('gat.data', 'POST', `/api/v1/catalog/entries/${id}/versions`), 201);
    expect(v2).toMatchObject({ version: 2, versionStatus: 'draft', status: 'published' });
    expect((await call('gat.data', 'POST', `/api/v1/catalog/entries/${id}/versions`)).statusCode).toBe(409);
    expect((await call('mzt.data', 'POST', `/api/v1/catalog/entries/${id}/versions`)).statusCode).toBe(403);
    const items = [
      { name: '统一社会信用代码' },
      { name: '企业名称' },
      { name: '成立日期', dataType: 'date' },
    ];
    ok(
      await call(
        'gat.data',
        'PUT',
        `/api/v1/catalog/entries/${id}`,
        basicEntry({ name: '企业登记基本信息', items, openType: '无条件开放', frequencyCode: 'weekly' }),
      ),
    );
    // Others still see version 1 only.
    expect(ok(await entry('mzt.data', id))).toMatchObject({ version: 1, frequencyCode: 'daily' });
    expect(ok(await h.get('mzt.data', `/api/v1/catalog/entries/${id}/versions`)).items).toHaveLength(1);
    expect((await h.get('mzt.data', `/api/v1/catalog/entries/${id}/versions/2`)).statusCode).toBe(404);
    const diff = ok(await h.get('sheng.reviewer', `/api/v1/catalog/entries/${id}/diff?from=1&to=2`));
    expect(diff.fields).toEqual([{ field: 'frequencyCode', from: 'daily', to: 'weekly' }]);
    expect(diff.items.added.map((i: { name: string }) => i.name)).toEqual(['成立日期']);
    expect(diff.items.removed.map((i: { name: string }) => i.name)).toEqual(['注册资本']);
    const m2 = ok(await submit('gat.data', id)).reviewMatterId;
    expect(m2).not.toBe(m1);
    h.at('2026-11-04T10:00');
    ok(await h.act('sheng.reviewer', m2, 'publish', {}));
    expect(ok(await entry('mzt.data', id))).toMatchObject({ version: 2, publishDate: '2026-11-04' });
    const vs = ok(await h.get('mzt.data', `/api/v1/catalog/entries/${id}/versions`)).items;
    expect(vs.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'published'],
    ]);
    expect(ok(await h.get('mzt.data', `/api/v1/catalog/entries/${id}/versions/1`))).toMatchObject({
      version: 1,
      publishDate: '2026-11-03',
      frequencyCode: 'daily',
    });
  });
});
