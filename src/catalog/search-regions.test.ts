import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, ok, startHarness } from '../matters/support.test-helpers.ts';
import { basicEntry, plainItems } from './catalog.test-helpers.ts';

// The region filter must see regions whose first entry arrives after the process first searched:
// the facet-code copy in memory is older than the data then.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.login('gat.data', 'hrb.gaj.data', 'hrb.admin', 'mzt.data');
});
afterAll(() => h.t.close());

const search = async (q: string) => ok(await h.get('mzt.data', `/api/v1/catalog/entries?${q}`));

it('a region filtered on before its first entry existed finds that entry once published', async () => {
  const entry = basicEntry({
    name: '哈尔滨市道路交通事故信息',
    items: plainItems,
    openType: '无条件开放',
    openReason: null,
  });
  // A province entry fills the in-memory codes; Harbin has none yet.
  const pid = ok(
    await h.t.call(h.token['gat.data'], {
      method: 'POST',
      url: '/api/v1/catalog/entries',
      payload: basicEntry(),
    }),
    201,
  ).id;
  const pm = ok(
    await h.t.call(h.token['gat.data'], { method: 'POST', url: `/api/v1/catalog/entries/${pid}/submit` }),
  ).reviewMatterId;
  await h.login('sheng.reviewer');
  ok(await h.act('sheng.reviewer', pm, 'publish', {}));
  expect((await search('region=230100')).total).toBe(0);
  const id = ok(
    await h.t.call(h.token['hrb.gaj.data'], {
      method: 'POST',
      url: '/api/v1/catalog/entries',
      payload: entry,
    }),
    201,
  ).id;
  const sub = await h.t.call(h.token['hrb.gaj.data'], {
    method: 'POST',
    url: `/api/v1/catalog/entries/${id}/submit`,
    payload: { justification: '本部门履职确需独立采集，已与相关部门沟通。' },
  });
  ok(await h.act('hrb.admin', ok(sub).reviewMatterId, 'publish', {}));
  const r = await search('region=230100');
  expect(r.total).toBe(1);
  expect(r.items.map((i: { id: number }) => i.id)).toEqual([id]);
});
