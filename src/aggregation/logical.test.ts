import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, ledgerCount, ok, startHarness } from '../matters/support.test-helpers.ts';
import { publishEntry } from './aggregation.test-helpers.ts';
import { logicalSourceOf } from './logical.ts';

// Art. 18 逻辑汇聚: a provider registers an interface with the law that forbids copying the data; its
// reviewing authority confirms or returns it in an 'aggregation.logical' matter; only a confirmed
// source is in service. Everything through the HTTP API as the console uses it.

let h: Harness;
const entries: Record<string, { id: number; codes: Record<string, string> }> = {};

const BASIS = '《中华人民共和国居民身份证法》第六条、第十九条：公民身份信息不得提供给他人';
const valid = (e: { id: number; codes: Record<string, string> }, over: Record<string, unknown> = {}) => ({
  entryId: e.id,
  keyItems: [e.codes.公民身份号码],
  endpointUrl: 'https://rkxx.gat.hlj.gov.cn/api/v1/persons',
  method: 'GET',
  description: '按公民身份号码查询户籍人口登记信息，返回 JSON。',
  legalBasis: BASIS,
  reason: '户籍信息依法留存于公安部门，平台只通过接口核验。',
  ...over,
});
const register = (user: string, body: unknown) =>
  h.t.call(h.token[user], {
    method: 'POST',
    url: '/api/v1/aggregation/logical-sources',
    payload: body as never,
  });
const sourceUrl = (datasetId: number) => `/api/v1/aggregation/datasets/${datasetId}/logical-source`;
const edit = (user: string, datasetId: number, body: unknown) =>
  h.t.call(h.token[user], { method: 'PUT', url: sourceUrl(datasetId), payload: body as never });

async function counts() {
  const n = async (table: 'agg_dataset' | 'agg_logical_source' | 'matter' | 'ledger_event') =>
    Number(
      (
        await h.t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    datasets: await n('agg_dataset'),
    sources: await n('agg_logical_source'),
    matters: await n('matter'),
    ledger: await n('ledger_event'),
  };
}

beforeAll(async () => {
  h = await startHarness();
  await h.login(
    'gat.data',
    'gat.user',
    'mzt.data',
    'sheng.reviewer',
    'sheng.admin',
    'hrb.gaj.data',
    'hrb.admin',
    'dq.admin',
  );
  h.at('2026-03-02T10:00');
  entries.confirm = await publishEntry(h, 'gat.data', 'sheng.reviewer', { name: '户籍人口核验信息' });
  entries.returned = await publishEntry(h, 'gat.data', 'sheng.reviewer', { name: '暂住人口登记信息' });
  entries.withdrawn = await publishEntry(h, 'gat.data', 'sheng.reviewer', { name: '出入境证件信息' });
  entries.city = await publishEntry(h, 'hrb.gaj.data', 'hrb.admin', { name: '哈尔滨户籍核验信息' });
}, 120_000);
afterAll(() => h.t.close());

describe('registration and confirmation (Art. 18)', () => {
  let datasetId: number;
  let matterId: number;

  it('registers a logical dataset, its source and a matter for the reviewing authority, ledgered', async () => {
    const s = ok(await register('gat.data', valid(entries.confirm)), 201);
    datasetId = s.datasetId;
    matterId = s.matterId;
    expect(s).toMatchObject({
      status: 'confirming',
      inService: false,
      endpointUrl: 'https://rkxx.gat.hlj.gov.cn/api/v1/persons',
      method: 'GET',
      legalBasis: BASIS,
      registeredBy: 'gat.data',
      revision: 1,
      decidedAt: null,
    });
    const ds = ok(await h.get('gat.data', `/api/v1/aggregation/datasets/${datasetId}`));
    expect(ds).toMatchObject({ mode: 'logical', entryId: entries.confirm.id });
    const m = ok(await h.get('sheng.reviewer', `/api/v1/matters/${matterId}`));
    expect(m).toMatchObject({ type: 'aggregation.logical', typeName: '逻辑汇聚确认', state: 'confirming' });
    expect(m.parties.find((p: { role: string }) => p.role === 'authority').agencyId).toBe(
      h.me['sheng.reviewer'].agency.id,
    );
    expect(m.fields.find((f: { key: string }) => f.key === 'legalBasis').value).toBe(BASIS);
    // Art. 18 sets no time limit for the confirmation: no deadline is opened.
    expect(m.deadlines).toEqual([]);
    const todo = ok(await h.get('sheng.reviewer', '/api/v1/matters/todo'));
    const item = todo.items.find((i: { id: number }) => i.id === matterId);
    expect(item.actions.map((a: { name: string }) => a.name)).toEqual(['confirm', 'return']);
    expect(await ledgerCount(h.t, 'aggregation.logical.register', `dataset:${datasetId}`)).toBe(1);
    expect(await ledgerCount(h.t, 'aggregation.dataset.create', `dataset:${datasetId}`)).toBe(1);
    expect(await ledgerCount(h.t, 'matter.aggregation.logical.open', `matter:${matterId}`)).toBe(1);
  });

  it('shows the source to the provider and its authority only', async () => {
    expect(ok(await h.get('sheng.reviewer', sourceUrl(datasetId))).matterId).toBe(matterId);
    expect((await h.get('mzt.data', sourceUrl(datasetId))).statusCode).toBe(404);
    expect((await h.get('dq.admin', sourceUrl(datasetId))).statusCode).toBe(404);
  });

  it('is confirmed by the authority alone, and only then in service', async () => {
    const own = await h.act('gat.data', matterId, 'confirm');
    expect(own.statusCode).toBe(403);
    expect(own.json().title).toBe('无权办理该事项');
    expect((await h.act('hrb.admin', matterId, 'confirm')).statusCode).toBe(404);
    expect((await logicalSourceOf(h.t.ctx.db, datasetId))?.inService).toBe(false);
    h.at('2026-03-03T09:30');
    ok(await h.act('sheng.reviewer', matterId, 'confirm', { reason: '依据充分，同意逻辑汇聚。' }));
    const s = ok(await h.get('gat.data', sourceUrl(datasetId)));
    expect(s).toMatchObject({
      status: 'confirmed',
      inService: true,
      decidedAt: '2026-03-03T01:30:00.000Z',
      decidedByAgencyId: h.me['sheng.reviewer'].agency.id,
      decisionComment: '依据充分，同意逻辑汇聚。',
    });
    expect((await logicalSourceOf(h.t.ctx.db, datasetId))?.inService).toBe(true);
    expect(await ledgerCount(h.t, 'aggregation.logical.confirmed', `dataset:${datasetId}`)).toBe(1);
    expect(await ledgerCount(h.t, 'matter.aggregation.logical.confirm', `matter:${matterId}`)).toBe(1);
    // A confirmed registration is final: no edit, no second decision.
    expect((await edit('gat.data', datasetId, { description: '改一下。' })).statusCode).toBe(409);
    expect((await h.act('sheng.reviewer', matterId, 'return', { reason: '再看看' })).statusCode).toBe(409);
  });

  it('refuses a load into the logical dataset (Art. 18)', async () => {
    const r = await h.t.call(h.token['gat.data'], {
      method: 'POST',
      url: `/api/v1/aggregation/datasets/${datasetId}/loads?kind=full`,
      headers: { 'content-type': 'text/csv' },
      payload: '公民身份号码,姓名\n11010519491231002X,张三\n',
    });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ title: '逻辑汇聚的数据集不装载数据', article: 'Art. 18' });
    expect(
      await h.t.ctx.db.selectFrom('agg_load').select('id').where('dataset_id', '=', datasetId).execute(),
    ).toEqual([]);
  });

  it('refuses a second registration for the same entry (409), logical or physical', async () => {
    const before = await counts();
    const again = await register('gat.data', valid(entries.confirm));
    expect(again.statusCode).toBe(409);
    expect(again.json().title).toBe('该目录已登记数据集');
    const physical = await h.t.call(h.token['gat.data'], {
      method: 'POST',
      url: '/api/v1/aggregation/datasets',
      payload: { entryId: entries.confirm.id, keyItems: [entries.confirm.codes.公民身份号码] },
    });
    expect(physical.statusCode).toBe(409);
    expect(await counts()).toEqual(before);
  });
});

describe('return, edit and resubmission (Art. 18)', () => {
  let datasetId: number;
  let matterId: number;

  it('is returned only with a reason', async () => {
    const s = ok(
      await register('gat.data', valid(entries.returned, { legalBasis: '《中华人民共和国数据安全法》' })),
      201,
    );
    datasetId = s.datasetId;
    matterId = s.matterId;
    const bare = await h.act('sheng.reviewer', matterId, 'return');
    expect(bare.statusCode).toBe(422);
    expect(bare.json()).toMatchObject({ article: 'Art. 18', errors: [{ field: 'reason' }] });
    ok(await h.act('sheng.reviewer', matterId, 'return', { reason: '请写明禁止复制的具体条款。' }));
    expect(ok(await h.get('gat.data', sourceUrl(datasetId)))).toMatchObject({
      status: 'returned',
      inService: false,
      decisionComment: '请写明禁止复制的具体条款。',
    });
    expect(await ledgerCount(h.t, 'aggregation.logical.returned', `dataset:${datasetId}`)).toBe(1);
  });

  it('cannot be resubmitted unchanged', async () => {
    const r = await h.act('gat.data', matterId, 'resubmit');
    expect(r.statusCode).toBe(422);
    expect(r.json().title).toBe('退回后尚未修改登记信息');
    expect(ok(await h.get('gat.data', `/api/v1/matters/${matterId}`)).state).toBe('returned');
  });

  it('is edited by its provider only, with the same rules, into the matter’s record', async () => {
    expect((await edit('mzt.data', datasetId, { legalBasis: BASIS })).statusCode).toBe(404);
    expect((await edit('sheng.reviewer', datasetId, { legalBasis: BASIS })).statusCode).toBe(403);
    const bad = await edit('gat.data', datasetId, { endpointUrl: 'https://a:b@rkxx.gat.hlj.gov.cn/api' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([
      {
        field: 'endpointUrl',
        message: '接口地址不得包含用户名或密码：密钥不随地址保存，由接口对接时另行配置',
      },
    ]);
    const same = await edit('gat.data', datasetId, { description: valid(entries.returned).description });
    expect(same.statusCode).toBe(422);
    expect(same.json().title).toBe('登记信息未作修改');
    // The same rules when the edit is taken as the matter's own action; a refusal leaves its data as it was.
    const viaMatter = await h.act('gat.data', matterId, 'amend', { data: { endpointUrl: 'ftp://x.cn/a' } });
    expect(viaMatter.statusCode).toBe(422);
    expect(viaMatter.json().errors).toEqual([
      { field: 'data.endpointUrl', message: '接口地址仅支持 http 或 https 协议' },
    ]);
    const kept = ok(await h.get('gat.data', `/api/v1/matters/${matterId}`));
    expect(kept.data.endpointUrl).toBe('https://rkxx.gat.hlj.gov.cn/api/v1/persons');
    // A form sends every field: only what changed reaches the matter's timeline.
    const form = { ...valid(entries.returned), legalBasis: BASIS, entryId: undefined, keyItems: undefined };
    const s = ok(await edit('gat.data', datasetId, form));
    expect(s).toMatchObject({ status: 'returned', revision: 2, legalBasis: BASIS });
    const m = ok(await h.get('sheng.reviewer', `/api/v1/matters/${matterId}`));
    expect(m.fields.find((f: { key: string }) => f.key === 'legalBasis').value).toBe(BASIS);
    expect(m.history.map((e: { transition: string }) => e.transition)).toEqual(['open', 'return', 'amend']);
    expect(m.history[2].fields).toEqual([
      { key: 'legalBasis', label: '不允许复制汇聚的法律法规依据', value: BASIS },
    ]);
    expect(await ledgerCount(h.t, 'aggregation.logical.update', `dataset:${datasetId}`)).toBe(1);
  });

  it('goes back to the authority when resubmitted and is then confirmed', async () => {
    ok(await h.act('gat.data', matterId, 'resubmit'));
    expect(ok(await h.get('gat.data', sourceUrl(datasetId)))).toMatchObject({
      status: 'confirming',
      decidedAt: null,
      decisionComment: null,
    });
    const todo = ok(await h.get('sheng.admin', '/api/v1/matters/todo'));
    expect(todo.items.map((i: { id: number }) => i.id)).toContain(matterId);
    ok(await h.act('sheng.admin', matterId, 'confirm'));
    expect(ok(await h.get('gat.data', sourceUrl(datasetId)))).toMatchObject({
      status: 'confirmed',
      inService: true,
      revision: 2,
    });
  });
});

describe('who may register and decide (Art. 18)', () => {
  it('refuses a role without the right, another department and a non-party authority', async () => {
    const before = await counts();
    expect((await register('gat.user', valid(entries.withdrawn))).statusCode).toBe(403);
    expect((await register('sheng.reviewer', valid(entries.withdrawn))).statusCode).toBe(403);
    const other = await register('mzt.data', valid(entries.withdrawn));
    expect(other.statusCode).toBe(403);
    expect(other.json().detail).toContain('第十八条');
    expect(await counts()).toEqual(before);
  });

  it('a city department’s source is decided by its city authority, not the province', async () => {
    const s = ok(await register('hrb.gaj.data', valid(entries.city)), 201);
    // The province supervises the city (sees the matter) but is not the party that confirms.
    expect(ok(await h.get('sheng.reviewer', `/api/v1/matters/${s.matterId}`)).state).toBe('confirming');
    expect((await h.act('sheng.reviewer', s.matterId, 'confirm')).statusCode).toBe(403);
    expect((await h.act('dq.admin', s.matterId, 'confirm')).statusCode).toBe(404);
    ok(await h.act('hrb.admin', s.matterId, 'confirm'));
    expect(ok(await h.get('hrb.gaj.data', sourceUrl(s.datasetId)))).toMatchObject({
      status: 'confirmed',
      decidedByAgencyId: h.me['hrb.admin'].agency.id,
    });
  });
});

describe('what may be on file (Art. 18)', () => {
  const refused = async (over: Record<string, unknown>) => {
    const before = await counts();
    const r = await register('gat.data', valid(entries.withdrawn, over));
    expect(r.statusCode, r.body).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ title: '逻辑汇聚登记信息不符合要求', article: 'Art. 18' });
    // The dataset written first in the same transaction is gone with it.
    expect(await counts()).toEqual(before);
    return r.json().errors as { field: string; message: string }[];
  };

  it('refuses a URL that does not parse, or is not http(s)', async () => {
    expect(await refused({ endpointUrl: '人口接口' })).toEqual([
      {
        field: 'endpointUrl',
        message: '接口地址不是合法的网址，应如 https://data.example.gov.cn/api/persons',
      },
    ]);
    expect(await refused({ endpointUrl: 'ftp://rkxx.gat.hlj.gov.cn/persons' })).toEqual([
      { field: 'endpointUrl', message: '接口地址仅支持 http 或 https 协议' },
    ]);
  });

  it('refuses credentials in the URL: secrets are not stored in a URL', async () => {
    const [e] = await refused({ endpointUrl: 'https://gat:Secret123@rkxx.gat.hlj.gov.cn/api' });
    expect(e).toEqual({
      field: 'endpointUrl',
      message: '接口地址不得包含用户名或密码：密钥不随地址保存，由接口对接时另行配置',
    });
    const [q] = await refused({ endpointUrl: 'https://rkxx.gat.hlj.gov.cn/api?access_token=abc' });
    expect(q.message).toContain('「access_token」是密钥或令牌');
  });

  it('refuses a missing, short or law-less legal basis and a missing description, naming each field', async () => {
    const none = await refused({ legalBasis: undefined, description: '  ' });
    expect(none.map((e) => e.field)).toEqual(['description', 'legalBasis']);
    expect(none[1].message).toContain('第十八条规定，仅在法律法规不允许复制汇聚时方可逻辑汇聚');
    expect((await refused({ legalBasis: '《保密法》' }))[0].message).toBe(
      '法律法规依据至少10个字，须写明法律法规名称及条款',
    );
    expect((await refused({ legalBasis: '数据很敏感，不方便复制到平台上。' }))[0].message).toContain(
      '须写明禁止复制该数据的法律或法规',
    );
  });

  it('saves the registration once it is right, and the provider may withdraw it', async () => {
    const s = ok(await register('gat.data', valid(entries.withdrawn)), 201);
    ok(await h.act('gat.data', s.matterId, 'withdraw'));
    expect(ok(await h.get('gat.data', sourceUrl(s.datasetId)))).toMatchObject({
      status: 'withdrawn',
      inService: false,
    });
    expect(ok(await h.get('gat.data', `/api/v1/aggregation/datasets/${s.datasetId}`)).mode).toBe('logical');
    expect((await h.act('sheng.reviewer', s.matterId, 'confirm')).statusCode).toBe(409);
    expect(await ledgerCount(h.t, 'aggregation.logical.withdrawn', `dataset:${s.datasetId}`)).toBe(1);
  });
});
