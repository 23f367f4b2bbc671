import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, ledgerCount, ok, startHarness } from '../matters/support.test-helpers.ts';
import { basicEntry } from './catalog.test-helpers.ts';

// Art. 12 全量编目: an agency's duties (三定职责) are recorded and linked to the entries that cover
// them; the data authority sees, per agency of its region, how many duties have no entry yet.

let h: Harness;
let hrbGaj: number;
let dqGaj: number;
let published: number;
let drafted: number;

const own = (name: string, code: string) => ({ name, code, dataType: 'string', grade: 'general' });
const call = (user: string, method: 'POST' | 'PUT' | 'GET' | 'DELETE', url: string, payload?: unknown) =>
  h.t.call(h.token[user], { method, url, payload: payload as never });
const addDuty = (user: string, agencyId: number, name: string, basis?: string) =>
  call(user, 'POST', '/api/v1/catalog/duties', { agencyId, name, basis });
const duties = async (user: string, agencyId?: number) =>
  ok(await h.get(user, `/api/v1/catalog/duties${agencyId ? `?agencyId=${agencyId}` : ''}`)).items;

beforeAll(async () => {
  h = await startHarness('2026-03-02T02:00:00Z');
  await h.login('hrb.gaj.data', 'gat.data', 'hrb.admin', 'dq.admin', 'sheng.admin', 'sheng.reviewer');
  hrbGaj = h.me['hrb.gaj.data'].agency.id;
  const dq = ok(await h.get('sheng.admin', '/api/v1/agencies?regionCode=230600&kind=department')).items;
  dqGaj = dq.find((a: { name: string }) => a.name === '大庆市公安局').id;
  const dogs = basicEntry({
    name: '哈尔滨市养犬登记信息',
    items: [own('养犬登记证编号', 'YQDJZBH'), own('犬只品种名称', 'QZPZMC')],
  });
  published = ok(await call('hrb.gaj.data', 'POST', '/api/v1/catalog/entries', dogs), 201).id;
  const m = ok(
    await call('hrb.gaj.data', 'POST', `/api/v1/catalog/entries/${published}/submit`),
  ).reviewMatterId;
  ok(await h.act('hrb.admin', m, 'publish', {}));
  const fireworks = basicEntry({
    name: '哈尔滨市烟花爆竹燃放许可信息',
    items: [own('燃放许可证编号', 'RFXKZBH'), own('燃放地点', 'RFDD')],
  });
  drafted = ok(await call('hrb.gaj.data', 'POST', '/api/v1/catalog/entries', fireworks), 201).id;
});
afterAll(() => h.t.close());

describe('an agency’s duties (Art. 12)', () => {
  let dogDuty: number;
  let fireDuty: number;

  it('the data officer records the own agency’s duties from its 三定 list; each write is ledgered', async () => {
    const d = ok(
      await addDuty('hrb.gaj.data', hrbGaj, '负责城市养犬登记管理', '三定规定第三条第（五）项'),
      201,
    );
    expect(d).toMatchObject({
      agency: { id: hrbGaj, name: '哈尔滨市公安局' },
      name: '负责城市养犬登记管理',
      basis: '三定规定第三条第（五）项',
      entries: [],
      covered: false,
    });
    dogDuty = d.id;
    fireDuty = ok(await addDuty('hrb.gaj.data', hrbGaj, '负责烟花爆竹燃放安全管理'), 201).id;
    ok(await addDuty('hrb.gaj.data', hrbGaj, '负责户籍管理'), 201);
    expect((await addDuty('hrb.gaj.data', hrbGaj, '负责户籍管理')).statusCode).toBe(409);
    const changed = ok(
      await call('hrb.gaj.data', 'PUT', `/api/v1/catalog/duties/${fireDuty}`, {
        name: '负责烟花爆竹燃放安全监督管理',
        sortOrder: 2,
      }),
    );
    expect(changed).toMatchObject({ name: '负责烟花爆竹燃放安全监督管理', sortOrder: 2, basis: null });
    expect(await ledgerCount(h.t, 'catalog.duty.created')).toBe(3);
    expect(await ledgerCount(h.t, 'catalog.duty.changed', `catalog-duty:${fireDuty}`)).toBe(1);
  });

  it('a data officer keeps the own agency’s duties only (Art. 12)', async () => {
    expect((await addDuty('gat.data', hrbGaj, '越权新增的职责')).statusCode).toBe(403);
    expect((await h.get('gat.data', `/api/v1/catalog/duties?agencyId=${hrbGaj}`)).statusCode).toBe(403);
    expect((await call('gat.data', 'DELETE', `/api/v1/catalog/duties/${dogDuty}`)).statusCode).toBe(403);
  });

  it('an authority admin keeps those of its region: hrb.admin not Daqing’s, the province everyone’s (Art. 12)', async () => {
    expect((await addDuty('hrb.admin', dqGaj, '负责大庆市户籍管理')).statusCode).toBe(403);
    expect((await h.get('hrb.admin', `/api/v1/catalog/duties?agencyId=${dqGaj}`)).statusCode).toBe(403);
    const put = await call('dq.admin', 'PUT', `/api/v1/catalog/duties/${dogDuty}`, { name: '越权修改' });
    expect(put.statusCode).toBe(403);
    ok(await addDuty('dq.admin', dqGaj, '负责大庆市户籍管理'), 201);
    const extra = ok(await addDuty('hrb.admin', hrbGaj, '负责出入境管理'), 201);
    expect((await call('sheng.admin', 'DELETE', `/api/v1/catalog/duties/${extra.id}`)).statusCode).toBe(204);
    expect(await ledgerCount(h.t, 'catalog.duty.deleted', `catalog-duty:${extra.id}`)).toBe(1);
    expect((await duties('hrb.gaj.data')).map((d: { name: string }) => d.name)).toEqual([
      '负责城市养犬登记管理',
      '负责户籍管理',
      '负责烟花爆竹燃放安全监督管理',
    ]);
  });

  it('a duty links the agency’s own entries only; others’ are refused on their field (Art. 12)', async () => {
    const gat = ok(await call('gat.data', 'POST', '/api/v1/catalog/entries', basicEntry()), 201).id;
    const bad = await call('hrb.gaj.data', 'PUT', `/api/v1/catalog/duties/${dogDuty}/entries`, {
      entryIds: [published, gat],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'entryIds.1', message: expect.stringContaining(String(gat)) },
    ]);
    const d = ok(
      await call('hrb.gaj.data', 'PUT', `/api/v1/catalog/duties/${dogDuty}/entries`, {
        entryIds: [published],
      }),
    );
    expect(d).toMatchObject({ covered: true, entries: [{ id: published, name: '哈尔滨市养犬登记信息' }] });
    ok(
      await call('hrb.gaj.data', 'PUT', `/api/v1/catalog/duties/${fireDuty}/entries`, {
        entryIds: [drafted],
      }),
    );
    expect(await ledgerCount(h.t, 'catalog.duty.entries-linked')).toBe(2);
  });

  it('a draft linked to a duty is seen by its provider and reviewer, not by the province (Art. 12)', async () => {
    const names = (list: { name: string; entries: { name: string }[] }[]) =>
      list.find((d) => d.name.includes('烟花爆竹'))?.entries.map((e) => e.name);
    expect(names(await duties('hrb.gaj.data'))).toEqual(['哈尔滨市烟花爆竹燃放许可信息']);
    expect(names(await duties('hrb.admin', hrbGaj))).toEqual(['哈尔滨市烟花爆竹燃放许可信息']);
    expect(names(await duties('sheng.admin', hrbGaj))).toEqual([]);
    // The province replacing the links it sees keeps the draft it cannot see.
    ok(await call('sheng.admin', 'PUT', `/api/v1/catalog/duties/${fireDuty}/entries`, { entryIds: [] }));
    expect(names(await duties('hrb.gaj.data'))).toEqual(['哈尔滨市烟花爆竹燃放许可信息']);
  });
});

describe('completeness (Art. 12 全量编目)', () => {
  it('the city authority sees every agency of its region with its uncovered duties, none of Daqing’s', async () => {
    const items = ok(await h.get('hrb.admin', '/api/v1/catalog/completeness')).items;
    expect(items.length).toBeGreaterThan(3);
    expect(
      items.every((i: { agency: { regionCode: string } }) => i.agency.regionCode.startsWith('2301')),
    ).toBe(true);
    expect(items.find((i: { agency: { id: number } }) => i.agency.id === hrbGaj)).toEqual({
      agency: { id: hrbGaj, name: '哈尔滨市公安局', level: 'city', regionCode: '230100' },
      duties: 3,
      dutiesWithoutEntry: 1,
      entries: 2,
      published: 1,
    });
    const one = ok(await h.get('hrb.admin', `/api/v1/catalog/completeness?agencyId=${hrbGaj}`)).items;
    expect(one).toHaveLength(1);
    expect(one[0].uncoveredDuties.map((d: { name: string }) => d.name)).toEqual(['负责户籍管理']);
  });

  it('the province sees Daqing too; hrb.admin asking for a Daqing agency is refused', async () => {
    const all = ok(await h.get('sheng.reviewer', '/api/v1/catalog/completeness')).items;
    expect(all.find((i: { agency: { id: number } }) => i.agency.id === dqGaj)).toMatchObject({
      duties: 1,
      dutiesWithoutEntry: 1,
      entries: 0,
    });
    expect((await h.get('hrb.admin', `/api/v1/catalog/completeness?agencyId=${dqGaj}`)).statusCode).toBe(403);
    expect((await h.get('hrb.gaj.data', '/api/v1/catalog/completeness')).statusCode).toBe(403);
  });

  it('deleting a duty removes it from the count; its links go with it', async () => {
    const list = await duties('hrb.gaj.data');
    const hukou = list.find((d: { name: string }) => d.name === '负责户籍管理');
    expect((await call('hrb.gaj.data', 'DELETE', `/api/v1/catalog/duties/${hukou.id}`)).statusCode).toBe(204);
    const one = ok(await h.get('hrb.admin', `/api/v1/catalog/completeness?agencyId=${hrbGaj}`)).items[0];
    expect(one).toMatchObject({ duties: 2, dutiesWithoutEntry: 0, uncoveredDuties: [] });
  });
});
