import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSystem, openDemoSystem } from '../../test/helpers/demo-system.ts';
import { verifyLedger } from '../kernel/ledger/verify.ts';
import type { System } from '../system.ts';
import { type CatalogDemoResult, catalogCounts, loadCatalogDemo } from './demo.ts';

// The demo catalog on a fresh start: openSystem loads the province, the rectification orders and
// then the catalog, at the clock's time (Friday 2026-11-27, 10:00 Beijing), through the domain
// functions and the engine only.

let sys: System;
let app: FastifyInstance;
let demo: DemoSystem;
let loaded: CatalogDemoResult;
let token: Record<string, string> = {};
const USERS = [
  'sheng.admin',
  'sheng.reviewer',
  'hrb.admin',
  'gat.data',
  'mzt.data',
  'rst.data',
  'hrb.gaj.data',
];

beforeAll(async () => {
  demo = await openDemoSystem('catdemo', USERS);
  ({ sys, app, token } = demo);
  // The log tells how long the catalog took to load (printed, not asserted).
  const before = demo.lines.find((l) => l.msg === 'demo rectification orders loaded')!;
  const done = demo.lines.find((l) => l.msg === 'demo catalog loaded')!;
  loaded = done.catalog as CatalogDemoResult;
  console.log(`demo catalog loaded in ${done.time - before.time} ms:`, JSON.stringify(loaded));
});
afterAll(() => demo?.close());

const call = (user: string, url: string) =>
  app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token[user]}` } });
const get = async (user: string, url: string) => {
  const res = await call(user, url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
/** The entry of that name, and its provider's code. */
const entry = async (name: string) =>
  sys.ctx.db
    .selectFrom('catalog_entry as e')
    .innerJoin('catalog_entry_version as v', (j) =>
      j.onRef('v.entry_id', '=', 'e.id').on('v.version', '=', 1),
    )
    .innerJoin('agency as a', 'a.id', 'e.provider_agency_id')
    .select(['e.id', 'e.status', 'e.current_version', 'e.latest_version', 'a.code as agency'])
    .where('v.name', '=', name)
    .executeTakeFirstOrThrow();

describe('the demo catalog', () => {
  it('holds ≥ 150 entries, ≥ 100 published, ≥ 60 of them open, in every state', async () => {
    expect(loaded).toEqual(await catalogCounts(sys.ctx));
    expect(loaded.entries).toBeGreaterThanOrEqual(150);
    expect(loaded.published).toBeGreaterThanOrEqual(100);
    expect(loaded.open).toBeGreaterThanOrEqual(60);
    for (const [state, n] of Object.entries(loaded.byState)) expect(n, state).toBeGreaterThan(0);
    expect(loaded.byState).toMatchObject({ revoking: 1, revoked: 1 });
    expect(loaded.newVersionsUnderReview).toBe(2);
    // Provincial and city departments, a county department and a city authority's own catalog.
    const providers = await sys.ctx.db
      .selectFrom('catalog_entry')
      .select(['provider_level', (eb) => eb.fn.count<number>('provider_agency_id').distinct().as('n')])
      .groupBy('provider_level')
      .execute();
    expect(Object.fromEntries(providers.map((p) => [p.provider_level, Number(p.n)]))).toEqual({
      province: 14,
      city: 9,
      county: 2,
    });
  });

  it('files entries under the standard’s classes and every group of Art. 20', async () => {
    const groups = await sys.ctx.db
      .selectFrom('catalog_entry_version')
      .select('group_code')
      .distinct()
      .execute();
    expect(groups.map((g) => g.group_code).sort()).toEqual([
      'base.geo',
      'base.legal-person',
      'base.license',
      'base.population',
      'department',
      'special',
      'theme.credit',
      'theme.ecology',
      'theme.emergency',
      'theme.health',
      'theme.service',
      'theme.social-security',
      'theme.state-assets',
    ]);
    // The classes the provincial authority added to its standard before the departments compiled.
    const classes = await get('gat.data', '/api/v1/catalog/dictionaries/classes');
    const added = classes.items.filter((t: { code: string }) =>
      ['206002', '304001', '305001', '306001'].includes(t.code),
    );
    expect(added.map((t: { updatedBy: string }) => t.updatedBy)).toEqual([
      'sheng.admin',
      'sheng.admin',
      'sheng.admin',
      'sheng.admin',
    ]);
    expect((await entry('公交线路数据')).agency).toBe('hlj.jtyst');
  });

  it('has ID numbers and phone numbers among its items, never opened without consent (Art. 14, 33)', async () => {
    const items = await sys.ctx.db
      .selectFrom('catalog_entry as e')
      .innerJoin('catalog_entry_version as v', (j) =>
        j.onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'e.current_version'),
      )
      .innerJoin('catalog_data_item as i', 'i.version_id', 'v.id')
      .select([
        'v.name',
        'v.open_type',
        'v.pi_consent_basis',
        'v.grade_code',
        'i.pi_kind',
        'i.data_element_id',
      ])
      .execute();
    const withKind = (k: string) => new Set(items.filter((i) => i.pi_kind === k).map((i) => i.name));
    expect(withKind('id_number').size).toBeGreaterThanOrEqual(30);
    expect(withKind('phone').size).toBeGreaterThanOrEqual(5);
    expect(items.filter((i) => i.data_element_id !== null).length).toBeGreaterThan(200);
    const open = items.filter((i) => i.open_type !== '不予开放');
    expect(open.filter((i) => i.pi_kind !== null && !i.pi_consent_basis)).toEqual([]);
    expect(open.filter((i) => i.grade_code === 'core' && i.open_type === '无条件开放')).toEqual([]);
    // One entry with personal information opened with the physicians' consent recorded.
    expect([...new Set(open.filter((i) => i.pi_kind !== null).map((i) => i.name))]).toEqual([
      '执业医师注册信息',
    ]);
  });

  it('shows other agencies published entries only (Art. 12)', async () => {
    const draft = await entry('在逃人员信息');
    const submitted = await entry('哈尔滨市居住证信息');
    const published = await entry('居民身份证信息');
    const revoked = await entry('哈尔滨市餐饮服务食品安全等级信息');
    expect([draft.status, submitted.status, published.status, revoked.status]).toEqual([
      'draft',
      'submitted',
      'published',
      'revoked',
    ]);
    const status = async (user: string, id: number) =>
      (await call(user, `/api/v1/catalog/entries/${id}`)).statusCode;
    expect(await status('gat.data', draft.id)).toBe(200);
    expect(await status('sheng.reviewer', draft.id)).toBe(200);
    expect(await status('mzt.data', draft.id)).toBe(404);
    expect(await status('hrb.admin', draft.id)).toBe(404);
    expect(await status('hrb.admin', submitted.id)).toBe(200);
    expect(await status('gat.data', submitted.id)).toBe(404);
    expect(await status('mzt.data', published.id)).toBe(200);
    expect(await status('hrb.gaj.data', published.id)).toBe(200);
    expect(await status('gat.data', revoked.id)).toBe(404);
    // Search finds for others the published entries only (Art. 11, 12).
    const found = async (user: string, q: string) =>
      (await get(user, `/api/v1/catalog/entries?q=${encodeURIComponent(q)}`)).items.map(
        (i: { id: number }) => i.id,
      );
    expect(await found('gat.data', '在逃人员信息')).toContain(draft.id);
    expect(await found('mzt.data', '在逃人员信息')).not.toContain(draft.id);
    expect(await found('gat.data', '哈尔滨市居住证信息')).not.toContain(submitted.id);
    expect(await found('mzt.data', '居民身份证信息')).toContain(published.id);
    // A new version under review: others read the published one, the provider its working one.
    const census = await entry('户籍人口基本信息');
    const mine = await get('gat.data', `/api/v1/catalog/entries/${census.id}`);
    const theirs = await get('mzt.data', `/api/v1/catalog/entries/${census.id}`);
    expect([mine.version, mine.versionStatus, mine.items.at(-1).name]).toEqual([2, 'submitted', '曾用名']);
    expect([theirs.version, theirs.versionStatus, theirs.items.length]).toEqual([1, 'published', 7]);
  });

  it('gives the reviewers their review queues and the returned entries their 5 WD limits (Art. 12)', async () => {
    const queue = async (user: string) =>
      (await get(user, '/api/v1/matters/todo')).items
        .filter((i: { type: string }) => i.type === 'catalog.review')
        .map((i: { title: string }) => i.title);
    expect(await queue('sheng.reviewer')).toEqual(
      expect.arrayContaining([
        '目录审核：户籍人口基本信息（第2版）',
        '目录审核：食品经营许可信息（第2版）',
        '目录审核：非税收入缴款信息（第1版）',
        '目录审核：应急救援队伍信息（第1版）',
      ]),
    );
    expect(await queue('sheng.reviewer')).toHaveLength(4);
    expect(await queue('hrb.admin')).toHaveLength(3);
    const returned = await get('sheng.admin', '/api/v1/matters?type=catalog.review&state=returned');
    expect(returned.total).toBe(3);
    const board = await get('sheng.admin', '/api/v1/supervision/deadlines?article=Art.%2012&pageSize=100');
    const late = board.items.filter((i: { status: string }) => i.status === 'overdue');
    expect(late).toMatchObject([{ agencyName: '黑龙江省住房和城乡建设厅', overdueWorkingDays: 4 }]);
    expect(board.items.filter((i: { status: string }) => i.status === 'open')).toHaveLength(2);
    // Three revised after a return met their limits.
    expect(board.items.filter((i: { status: string }) => i.status === 'met')).toHaveLength(3);
    const m = await get('sheng.admin', `/api/v1/matters/${late[0].link.split('/').at(-1)}`);
    expect(m.history.at(-1)).toMatchObject({
      label: '退回修改',
      actor: 'sheng.reviewer',
      reason: '共享用途应写明具体事项；并请补充“联系电话”以便资格复核通知。',
    });
    // The overdue department and its authority were warned by the sweep (Art. 42).
    const warned = await get('sheng.admin', '/api/v1/messages?category=warning');
    expect(
      warned.items.filter((w: { body: string }) => w.body.includes('目录审核：住房保障对象信息')),
    ).toMatchObject([{ title: '督办提醒：目录修改期限已超期' }]);
  });

  it('has followers, an open update, an entry being revoked and a revoked one (Art. 15, 16)', async () => {
    const census = await entry('户籍人口基本信息');
    const users = await get('gat.data', `/api/v1/catalog/entries/${census.id}/users`);
    expect(users.total).toBe(4);
    const update = await get('rst.data', '/api/v1/matters?type=catalog.update');
    expect(update.items).toMatchObject([{ state: 'updating', deadline: { status: 'open' } }]);
    const revocations = await get('sheng.admin', '/api/v1/matters?type=catalog.revocation');
    expect(revocations.items.map((m: { state: string }) => m.state).sort()).toEqual(['revoked', 'revoking']);
    const revoking = await entry('严重违法失信名单信息');
    expect(revoking.status).toBe('revoking');
    const r = await get('mzt.data', `/api/v1/catalog/entries/${revoking.id}/revocation`);
    expect(r.revocation).toMatchObject({ status: 'revoking', userCount: 1, effectiveOn: '2027-05-24' });
  });

  it('loads only into an empty catalog, and leaves the ledger intact', async () => {
    const events = await sys.ctx.db
      .selectFrom('ledger_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(await loadCatalogDemo(sys.ctx)).toBeNull();
    expect(await catalogCounts(sys.ctx)).toEqual(loaded);
    const after = await sys.ctx.db
      .selectFrom('ledger_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(events.n));
    expect(await verifyLedger(sys.ctx)).toMatchObject({ ok: true });
  });
});
