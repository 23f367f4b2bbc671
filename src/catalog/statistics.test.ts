import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../kernel/context.ts';
import { type Harness, ok, startHarness } from '../matters/support.test-helpers.ts';
import { basicEntry, plainItems } from './catalog.test-helpers.ts';
import { createEntry } from './entries.ts';

// Catalog statistics for the data authority (Art. 5, 12): exact counts by status, agency, level,
// group, open and share type, of the authority's own region (the province: all of it).

let h: Harness;
let hrbGaj: number;
let dqGaj: number;
let gat: number;

const own = (name: string, code: string) => ({ name, code, dataType: 'string', grade: 'general' });
const call = (user: string, method: 'POST' | 'PUT' | 'GET', url: string, payload?: unknown) =>
  h.t.call(h.token[user], { method, url, payload: payload as never });
const draft = async (user: string, body: Record<string, unknown>) =>
  ok(await call(user, 'POST', '/api/v1/catalog/entries', body), 201).id as number;
const submit = async (user: string, id: number) =>
  ok(await call(user, 'POST', `/api/v1/catalog/entries/${id}/submit`)).reviewMatterId as number;
const stats = async (user: string) => ok(await h.get(user, '/api/v1/catalog/statistics'));

beforeAll(async () => {
  h = await startHarness('2026-03-02T02:00:00Z');
  await h.login(
    'gat.data',
    'mzt.data',
    'rst.data',
    'hrb.gaj.data',
    'sheng.reviewer',
    'sheng.admin',
    'hrb.admin',
  );
  hrbGaj = h.me['hrb.gaj.data'].agency.id;
  gat = h.me['gat.data'].agency.id;
  const dq = ok(await h.get('sheng.admin', '/api/v1/agencies?regionCode=230600&kind=department')).items;
  dqGaj = dq.find((a: { name: string }) => a.name === '大庆市公安局').id;

  // 省公安厅: A published (有条件共享, 不予开放), B published (无条件共享, 无条件开放), C draft,
  // H published then being revoked.
  const a = await draft('gat.data', basicEntry());
  ok(await h.act('sheng.reviewer', await submit('gat.data', a), 'publish', {}));
  const b = await draft(
    'gat.data',
    basicEntry({
      name: '企业登记基本信息',
      groupCode: 'base.legal-person',
      shareType: '无条件共享',
      shareConditions: null,
      items: plainItems,
      openType: '无条件开放',
      openReason: null,
    }),
  );
  ok(await h.act('sheng.reviewer', await submit('gat.data', b), 'publish', {}));
  // A new version under review does not change the published figures.
  ok(await call('gat.data', 'POST', `/api/v1/catalog/entries/${b}/versions`), 201);
  await draft('gat.data', basicEntry({ name: '居民身份证申领信息' }));
  const hh = await draft(
    'gat.data',
    basicEntry({ name: '旅馆业治安管理信息', items: [own('旅馆名称', 'LGMC')] }),
  );
  ok(await h.act('sheng.reviewer', await submit('gat.data', hh), 'publish', {}));
  // Revocation is another part's matter; the status is what statistics read.
  await h.t.ctx.db.updateTable('catalog_entry').set({ status: 'revoking' }).where('id', '=', hh).execute();
  // 省民政厅: D submitted. 省人社厅: E returned.
  await submit(
    'mzt.data',
    await draft('mzt.data', basicEntry({ name: '社会组织登记信息', items: [own('社会组织名称', 'SHZZMC')] })),
  );
  const e = await draft(
    'rst.data',
    basicEntry({ name: '职业技能鉴定信息', items: [own('鉴定证书编号', 'JDZSBH')] }),
  );
  ok(await h.act('sheng.reviewer', await submit('rst.data', e), 'return', { reason: '请补充数据项。' }));
  // 哈尔滨市公安局: F published (不予共享, 有条件开放), G draft. 大庆市公安局: I draft.
  const f = await draft(
    'hrb.gaj.data',
    basicEntry({
      name: '哈尔滨市养犬登记信息',
      groupCode: 'department',
      shareType: '不予共享',
      shareConditions: null,
      shareLegalBasis: '《中华人民共和国治安管理处罚法》相关规定',
      openType: '有条件开放',
      openReason: null,
      openConditions: '经申请审核后向研究机构开放',
      items: [own('养犬登记证编号', 'YQDJZBH')],
    }),
  );
  ok(await h.act('hrb.admin', await submit('hrb.gaj.data', f), 'publish', {}));
  await draft(
    'hrb.gaj.data',
    basicEntry({ name: '哈尔滨市暂住人口信息', items: [own('暂住证编号', 'ZZZBH')] }),
  );
  const dqOfficer: Actor = {
    accountId: null,
    username: 'dq.gaj.test',
    agencyId: dqGaj,
    agencyLevel: 'city',
    agencyKind: 'department',
    roles: ['data_officer'],
  };
  await createEntry(
    h.t.ctx,
    dqOfficer,
    basicEntry({ name: '大庆市暂住人口信息', items: [own('暂住证编号', 'ZZZBH')] }),
  );
  ok(
    await call('hrb.gaj.data', 'POST', '/api/v1/catalog/duties', { agencyId: hrbGaj, name: '负责户籍管理' }),
    201,
  );
});
afterAll(() => h.t.close());

describe('catalog statistics', () => {
  it('the province counts every entry exactly, by status and, among published ones, by type', async () => {
    const s = await stats('sheng.admin');
    expect(s.totals).toEqual({
      entries: 9,
      total: 9,
      published: 3,
      draft: 3,
      submitted: 1,
      returned: 1,
      revoking: 1,
      revoked: 0,
      open: 2,
      unconditionalOpen: 1,
      conditionalOpen: 1,
      notOpen: 1,
      unconditionalShare: 1,
      conditionalShare: 1,
      notShared: 1,
      shared: 2,
      duties: 1,
      dutiesWithoutEntry: 1,
    });
    expect(s.byOpenType).toEqual([
      { openType: '无条件开放', count: 1 },
      { openType: '有条件开放', count: 1 },
      { openType: '不予开放', count: 1 },
    ]);
    expect(s.byShareType.map((x: { count: number }) => x.count)).toEqual([1, 1, 1]);
    expect(s.byLevel).toEqual([
      { level: 'province', total: 6, published: 2, open: 1 },
      { level: 'city', total: 3, published: 1, open: 1 },
      { level: 'county', total: 0, published: 0, open: 0 },
    ]);
    expect(s.byGroup).toEqual([
      { groupCode: 'base.legal-person', groupName: '法人', published: 1 },
      { groupCode: 'base.population', groupName: '人口', published: 1 },
      { groupCode: 'department', groupName: '部门目录', published: 1 },
    ]);
    expect(s.byAgency.find((r: { agency: { id: number } }) => r.agency.id === gat)).toMatchObject({
      agency: { name: '黑龙江省公安厅', level: 'province', regionCode: '230000' },
      total: 4,
      published: 2,
      draft: 1,
      revoking: 1,
      open: 1,
      conditionalShare: 1,
      unconditionalShare: 1,
      notShared: 0,
    });
    // The per-agency rows add up to the totals.
    const sum = (k: string) => s.byAgency.reduce((n: number, r: Record<string, number>) => n + r[k], 0);
    for (const k of ['total', 'published', 'draft', 'open', 'notShared', 'dutiesWithoutEntry'])
      expect(sum(k), k).toBe(s.totals[k]);
  });

  it('a city authority sees its own region only: hrb.admin sees Harbin, not Daqing or the province', async () => {
    const s = await stats('hrb.admin');
    expect(s.totals).toMatchObject({
      entries: 2,
      published: 1,
      draft: 1,
      open: 1,
      notShared: 1,
      dutiesWithoutEntry: 1,
    });
    expect(
      s.byAgency.every((r: { agency: { regionCode: string } }) => r.agency.regionCode.startsWith('2301')),
    ).toBe(true);
    expect(s.byAgency.some((r: { agency: { id: number } }) => r.agency.id === dqGaj)).toBe(false);
    expect(s.byAgency.find((r: { agency: { id: number } }) => r.agency.id === hrbGaj)).toMatchObject({
      total: 2,
      published: 1,
      draft: 1,
      conditionalOpen: 1,
      notShared: 1,
      duties: 1,
      dutiesWithoutEntry: 1,
    });
    expect(s.byLevel.map((l: { level: string }) => l.level)).toEqual(['city', 'county']);
    expect(s.byGroup).toEqual([{ groupCode: 'department', groupName: '部门目录', published: 1 }]);
  });

  it('is for the data authorities: a department’s data officer is refused', async () => {
    expect((await h.get('hrb.gaj.data', '/api/v1/catalog/statistics')).statusCode).toBe(403);
  });
});
