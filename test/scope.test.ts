import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicEntry } from '../src/catalog/catalog.test-helpers.ts';
import { startTestSystem, type TestSystem } from './helpers/system.ts';

// The third try of the permission rule: the RIGHT role, from an unrelated agency or region, gets
// 403/404 on another's resource. Every protected route is either tried here or listed in UNSCOPED
// with the reason it has no foreign resource to try — a new route fails this file until it is one.

const UNSCOPED: Record<string, string> = {
  'GET /api/v1/auth/me': 'own account only',
  'POST /api/v1/auth/logout': 'own session only',
  'POST /api/v1/auth/change-password': 'own password only',
  'GET /api/v1/calendar/years': 'the national calendar, the same for everyone',
  'GET /api/v1/calendar/years/:year': 'the national calendar, the same for everyone',
  'GET /api/v1/rulebook': 'the province-wide rulebook, the same for everyone',
  'GET /api/v1/roles': 'the role catalogue, the same for everyone',
  'GET /api/v1/accounts': 'filtered to the caller’s scope (agencies tests)',
  'GET /api/v1/messages': 'own inbox only',
  'GET /api/v1/messages/unread-count': 'own inbox only',
  'POST /api/v1/messages/read-all': 'own inbox only',
  'GET /api/v1/matters/todo': 'filtered to matters the caller may act on',
  'GET /api/v1/matters': 'filtered to matters the caller may see',
  'GET /api/v1/ledger/events': 'auditors audit the whole platform (provincial role)',
  'GET /api/v1/ledger/status': 'auditors audit the whole platform (provincial role)',
  'POST /api/v1/ledger/verify': 'auditors audit the whole platform (provincial role)',
  'POST /api/v1/accounts':
    '系统管理员 is one province-wide role (三员), held only at the provincial authority',
  'PUT /api/v1/accounts/:id/roles': '安全管理员 is one province-wide role (三员)',
  'POST /api/v1/accounts/:id/disable': '系统管理员 is one province-wide role (三员)',
  'POST /api/v1/accounts/:id/enable': '系统管理员 is one province-wide role (三员)',
  'POST /api/v1/accounts/:id/unlock': '系统管理员 is one province-wide role (三员)',
  'POST /api/v1/accounts/:id/reset-password': '系统管理员 is one province-wide role (三员)',
  'GET /api/v1/catalog/dictionaries/:kind': 'the province-wide catalog standard, the same for everyone',
  'GET /api/v1/catalog/data-elements': 'the province-wide catalog standard, the same for everyone',
  'POST /api/v1/catalog/entries': 'creates a draft for the caller’s own agency only',
  // — catalog lifecycle (Art. 15, 16) unscoped —
  'GET /api/v1/catalog/subscriptions': 'the caller’s own agency’s subscriptions only',
  // — catalog governance (Art. 12, 17) unscoped —
  'GET /api/v1/catalog/lead-departments':
    'filtered to designations in force for the caller’s region (an authority also sees those below it)',
  'GET /api/v1/catalog/statistics': 'counts of the caller authority’s own region only (statistics.test)',
  // — catalog search unscoped —
  'GET /api/v1/catalog/entries': 'filtered in SQL to what the caller may see (src/catalog/search.test.ts)',
  // — catalog import/export unscoped —
  'GET /api/v1/catalog/import/template':
    'the province-wide catalog standard as a template, the same for everyone',
  'POST /api/v1/catalog/import': 'creates drafts for the caller’s own agency only (import.test)',
  'GET /api/v1/catalog/export':
    'the published catalog, the same for every government user (Art. 11, 12; export.test)',
  // — aggregation (Ch. 4) unscoped —
  'GET /api/v1/aggregation/datasets': 'filtered to the caller’s agency and the agencies it reviews',
  'POST /api/v1/aggregation/datasets':
    'registers a dataset for an entry of the caller’s own agency only (load.test: another agency → 403)',
  'POST /api/v1/aggregation/logical-sources':
    'registers a logical source for an entry of the caller’s own agency only (logical.test: another department → 403)',
  'GET /api/v1/aggregation/databases':
    'counts only datasets of the caller’s agency and the agencies it reviews (databases.test)',
  'GET /api/v1/aggregation/databases/:groupCode':
    'a catalog group, the same for everyone; its datasets filtered like the list (databases.test)',
};

let t: TestSystem;
const tok: Record<string, string> = {};
let hrbGaj: number;
let hrbAuthority: number;
let matterId: number;
let messageOfHrb: number;
let gatDraft: number;

async function agencyId(token: string, q: string, name: string): Promise<number> {
  const res = await t.call(token, { method: 'GET', url: `/api/v1/agencies?${q}` });
  const a = res.json().items.find((x: { name: string }) => x.name === name);
  if (!a) throw new Error(`no agency ${name}`);
  return a.id;
}

beforeAll(async () => {
  t = await startTestSystem();
  for (const u of ['hrb.admin', 'dq.admin', 'gat.data', 'hrb.gaj.data']) tok[u] = await t.login(u);
  hrbGaj = await agencyId(tok['hrb.admin'], 'regionCode=230100&kind=department', '哈尔滨市公安局');
  hrbAuthority = (await t.call(tok['hrb.admin'], { method: 'GET', url: '/api/v1/auth/me' })).json().user
    .agency.id;
  const order = await t.call(tok['hrb.admin'], {
    method: 'POST',
    url: '/api/v1/supervision/rectifications',
    payload: {
      agencyId: hrbGaj,
      ground: 'objection',
      description: '你单位未在5个工作日内核实处理群众提出的数据异议，请限期整改。',
      workingDays: 5,
    },
  });
  expect(order.statusCode).toBe(201);
  matterId = order.json().id;
  const inbox = await t.call(tok['hrb.gaj.data'], { method: 'GET', url: '/api/v1/messages' });
  messageOfHrb = inbox.json().items[0].id;
  const draft = await t.call(tok['gat.data'], {
    method: 'POST',
    url: '/api/v1/catalog/entries',
    payload: basicEntry(),
  });
  expect(draft.statusCode).toBe(201);
  gatDraft = draft.json().id;
});
afterAll(() => t.close());

// — catalog governance (Art. 12, 17) fixtures —
let hrbDuty: number;
beforeAll(async () => {
  const duty = await t.call(tok['hrb.gaj.data'], {
    method: 'POST',
    url: '/api/v1/catalog/duties',
    payload: { agencyId: hrbGaj, name: '负责全市户籍管理工作' },
  });
  expect(duty.statusCode).toBe(201);
  hrbDuty = duty.json().id;
});

// — aggregation (Ch. 4) fixtures: a dataset of 省公安厅 with one load, tried from 哈尔滨市公安局 —
let gatDataset: number;
let gatLoad: string;
beforeAll(async () => {
  tok['sheng.reviewer'] = await t.login('sheng.reviewer');
  const entry = await t.call(tok['gat.data'], {
    method: 'POST',
    url: '/api/v1/catalog/entries',
    payload: basicEntry({ name: '户籍人口汇聚测试信息' }),
  });
  const submitted = await t.call(tok['gat.data'], {
    method: 'POST',
    url: `/api/v1/catalog/entries/${entry.json().id}/submit`,
    payload: { justification: '本部门履职确需独立采集，已与相关部门沟通。' },
  });
  const published = await t.call(tok['sheng.reviewer'], {
    method: 'POST',
    url: `/api/v1/matters/${submitted.json().reviewMatterId}/transitions/publish`,
    payload: {},
  });
  expect(published.statusCode, published.body).toBe(200);
  const full = await t.call(tok['gat.data'], {
    method: 'GET',
    url: `/api/v1/catalog/entries/${entry.json().id}`,
  });
  const ds = await t.call(tok['gat.data'], {
    method: 'POST',
    url: '/api/v1/aggregation/datasets',
    payload: { entryId: entry.json().id, keyItems: [full.json().items[0].code] },
  });
  expect(ds.statusCode, ds.body).toBe(201);
  gatDataset = ds.json().id;
  const load = await t.call(tok['gat.data'], {
    method: 'POST',
    url: `/api/v1/aggregation/datasets/${gatDataset}/loads`,
    headers: { 'content-type': 'text/csv' },
    payload: '公民身份号码,姓名\n11010519491231002X,张三\n',
  });
  expect(load.statusCode, load.body).toBe(202);
  gatLoad = load.json().loadId;
});

type Case = { route: string; as: string; url: () => string; payload?: () => unknown };
const CASES: Case[] = [
  // — catalog lifecycle (Art. 15, 16) cases —
  ...(['POST', 'DELETE'] as const).map((m) => ({
    route: `${m} /api/v1/catalog/entries/:id/subscriptions`,
    as: 'hrb.gaj.data',
    url: () => `/api/v1/catalog/entries/${gatDraft}/subscriptions`,
  })),
  {
    route: 'GET /api/v1/catalog/entries/:id/users',
    as: 'hrb.gaj.data',
    url: () => `/api/v1/catalog/entries/${gatDraft}/users`,
  },
  {
    route: 'POST /api/v1/catalog/entries/:id/changes',
    as: 'hrb.gaj.data',
    url: () => `/api/v1/catalog/entries/${gatDraft}/changes`,
    payload: () => ({ kind: 'law', description: '越权登记的变化。', changedOn: '2026-01-02' }),
  },
  {
    route: 'POST /api/v1/catalog/entries/:id/change-notices',
    as: 'hrb.admin',
    url: () => `/api/v1/catalog/entries/${gatDraft}/change-notices`,
    payload: () => ({ kind: 'duty', description: '越权登记的变化。', changedOn: '2026-01-02' }),
  },
  {
    route: 'POST /api/v1/catalog/entries/:id/revocation',
    as: 'hrb.gaj.data',
    url: () => `/api/v1/catalog/entries/${gatDraft}/revocation`,
    payload: () => ({ reason: '越权申请撤销。' }),
  },
  {
    route: 'GET /api/v1/catalog/entries/:id/revocation',
    as: 'hrb.gaj.data',
    url: () => `/api/v1/catalog/entries/${gatDraft}/revocation`,
  },
  // — catalog governance (Art. 12, 17) cases —
  {
    route: 'GET /api/v1/catalog/entries/:id/overlaps',
    as: 'hrb.gaj.data',
    url: () => `/api/v1/catalog/entries/${gatDraft}/overlaps`,
  },
  {
    route: 'PUT /api/v1/catalog/lead-departments/:dataElementId',
    as: 'dq.admin',
    url: () => '/api/v1/catalog/lead-departments/1',
    payload: () => ({ agencyId: hrbGaj, basis: '越权指定，不应被受理。' }),
  },
  {
    route: 'GET /api/v1/catalog/duties',
    as: 'dq.admin',
    url: () => `/api/v1/catalog/duties?agencyId=${hrbGaj}`,
  },
  {
    route: 'POST /api/v1/catalog/duties',
    as: 'dq.admin',
    url: () => '/api/v1/catalog/duties',
    payload: () => ({ agencyId: hrbGaj, name: '越权新增的职责' }),
  },
  {
    route: 'PUT /api/v1/catalog/duties/:id',
    as: 'dq.admin',
    url: () => `/api/v1/catalog/duties/${hrbDuty}`,
    payload: () => ({ name: '越权修改的职责' }),
  },
  {
    route: 'DELETE /api/v1/catalog/duties/:id',
    as: 'dq.admin',
    url: () => `/api/v1/catalog/duties/${hrbDuty}`,
  },
  {
    route: 'PUT /api/v1/catalog/duties/:id/entries',
    as: 'gat.data',
    url: () => `/api/v1/catalog/duties/${hrbDuty}/entries`,
    payload: () => ({ entryIds: [gatDraft] }),
  },
  {
    route: 'GET /api/v1/catalog/completeness',
    as: 'dq.admin',
    url: () => `/api/v1/catalog/completeness?agencyId=${hrbGaj}`,
  },
  // — aggregation (Ch. 4) cases —
  ...[
    'GET /api/v1/aggregation/datasets/:id',
    'GET /api/v1/aggregation/datasets/:id/loads',
    'GET /api/v1/aggregation/datasets/:id/records',
    'GET /api/v1/aggregation/datasets/:id/reconciliation',
    'GET /api/v1/aggregation/datasets/:id/logical-source',
    'GET /api/v1/aggregation/datasets/:id/pull',
    'DELETE /api/v1/aggregation/datasets/:id/pull',
    'POST /api/v1/aggregation/datasets/:id/pull/run',
  ].map((route) => ({
    route,
    as: 'hrb.gaj.data',
    url: () => route.split(' ')[1].replace(':id', String(gatDataset)),
  })),
  {
    route: 'PUT /api/v1/aggregation/datasets/:id/pull',
    as: 'hrb.gaj.data',
    url: () => `/api/v1/aggregation/datasets/${gatDataset}/pull`,
    payload: () => ({ url: 'https://example.gov.cn/records', kind: 'incremental', everyMinutes: 60 }),
  },
  {
    route: 'POST /api/v1/aggregation/datasets/:id/loads',
    as: 'hrb.gaj.data',
    url: () => `/api/v1/aggregation/datasets/${gatDataset}/loads`,
    payload: () => '公民身份号码,姓名\n',
  },
  {
    route: 'PUT /api/v1/aggregation/datasets/:id/logical-source',
    as: 'hrb.gaj.data',
    url: () => `/api/v1/aggregation/datasets/${gatDataset}/logical-source`,
    payload: () => ({ legalBasis: '《中华人民共和国居民身份证法》第六条：越权修改的依据' }),
  },
  ...[
    'GET /api/v1/aggregation/datasets/:id/loads/:loadId',
    'POST /api/v1/aggregation/datasets/:id/loads/:loadId/confirm',
    'POST /api/v1/aggregation/datasets/:id/loads/:loadId/cancel',
    'GET /api/v1/aggregation/datasets/:id/loads/:loadId/rejected.csv',
  ].map((route) => ({
    route,
    as: 'hrb.gaj.data',
    url: () => route.split(' ')[1].replace(':id', String(gatDataset)).replace(':loadId', gatLoad),
  })),
  // — catalog search cases —
  // — catalog import/export cases —
  {
    route: 'PUT /api/v1/catalog/dictionaries/:kind/:code',
    as: 'hrb.admin',
    url: () => '/api/v1/catalog/dictionaries/formats/table',
    payload: () => ({ name: '数据库表' }),
  },
  {
    route: 'POST /api/v1/catalog/data-elements',
    as: 'hrb.admin',
    url: () => '/api/v1/catalog/data-elements',
    payload: () => ({ name: '港澳通行证号码', fieldName: 'GATXZHM', dataType: 'string' }),
  },
  {
    route: 'PUT /api/v1/catalog/data-elements/:id',
    as: 'hrb.admin',
    url: () => '/api/v1/catalog/data-elements/1',
    payload: () => ({ name: '公民身份号码', fieldName: 'GMSFHM', dataType: 'string' }),
  },
  {
    route: 'GET /api/v1/catalog/entries/:id',
    as: 'hrb.gaj.data',
    url: () => `/api/v1/catalog/entries/${gatDraft}`,
  },
  {
    route: 'PUT /api/v1/catalog/entries/:id',
    as: 'hrb.gaj.data',
    url: () => `/api/v1/catalog/entries/${gatDraft}`,
    payload: () => basicEntry(),
  },
  {
    route: 'DELETE /api/v1/catalog/entries/:id',
    as: 'hrb.gaj.data',
    url: () => `/api/v1/catalog/entries/${gatDraft}`,
  },
  {
    route: 'POST /api/v1/catalog/entries/:id/submit',
    as: 'hrb.gaj.data',
    url: () => `/api/v1/catalog/entries/${gatDraft}/submit`,
  },
  {
    route: 'POST /api/v1/catalog/entries/:id/versions',
    as: 'hrb.gaj.data',
    url: () => `/api/v1/catalog/entries/${gatDraft}/versions`,
  },
  {
    route: 'GET /api/v1/catalog/entries/:id/versions',
    as: 'hrb.gaj.data',
    url: () => `/api/v1/catalog/entries/${gatDraft}/versions`,
  },
  {
    route: 'GET /api/v1/catalog/entries/:id/versions/:n',
    as: 'hrb.gaj.data',
    url: () => `/api/v1/catalog/entries/${gatDraft}/versions/1`,
  },
  {
    route: 'GET /api/v1/catalog/entries/:id/diff',
    as: 'hrb.gaj.data',
    url: () => `/api/v1/catalog/entries/${gatDraft}/diff?from=1&to=1`,
  },
  {
    route: 'PUT /api/v1/agencies/:id',
    as: 'dq.admin',
    url: () => `/api/v1/agencies/${hrbGaj}`,
    payload: () => ({ displayOrder: 1 }),
  },
  {
    route: 'PUT /api/v1/agencies/:id/officers',
    as: 'dq.admin',
    url: () => `/api/v1/agencies/${hrbGaj}/officers`,
    payload: () => ({ officers: [{ name: '李明', title: '数据管理员' }] }),
  },
  {
    route: 'POST /api/v1/agencies',
    as: 'dq.admin',
    url: () => '/api/v1/agencies',
    payload: () => ({
      name: '哈尔滨市测试局',
      shortName: '测试局',
      kind: 'department',
      regionCode: '230100',
    }),
  },
  { route: 'GET /api/v1/accounts/:id', as: 'dq.admin', url: () => '/api/v1/accounts/__HRB_GAJ_ACCOUNT__' },
  {
    route: 'PUT /api/v1/calendar/years/:year',
    as: 'hrb.admin',
    url: () => '/api/v1/calendar/years/2027',
    payload: () => ({ source: '通知', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] }),
  },
  {
    route: 'POST /api/v1/rulebook/versions',
    as: 'hrb.admin',
    url: () => '/api/v1/rulebook/versions',
    payload: () => ({ name: 'v2', source: '市级文件', effectiveFrom: '2027-01-06', rules: [] }),
  },
  {
    route: 'GET /api/v1/agencies/:agencyId/webhook',
    as: 'dq.admin',
    url: () => `/api/v1/agencies/${hrbAuthority}/webhook`,
  },
  {
    route: 'PUT /api/v1/agencies/:agencyId/webhook',
    as: 'dq.admin',
    url: () => `/api/v1/agencies/${hrbAuthority}/webhook`,
    payload: () => ({ url: 'http://127.0.0.1:9/hook', enabled: true }),
  },
  {
    route: 'POST /api/v1/agencies/:agencyId/webhook/rotate-secret',
    as: 'dq.admin',
    url: () => `/api/v1/agencies/${hrbAuthority}/webhook/rotate-secret`,
  },
  {
    route: 'POST /api/v1/agencies/:agencyId/webhook/test',
    as: 'dq.admin',
    url: () => `/api/v1/agencies/${hrbAuthority}/webhook/test`,
  },
  {
    route: 'GET /api/v1/agencies/:agencyId/webhook/deliveries',
    as: 'dq.admin',
    url: () => `/api/v1/agencies/${hrbAuthority}/webhook/deliveries`,
  },
  { route: 'GET /api/v1/matters/:id', as: 'gat.data', url: () => `/api/v1/matters/${matterId}` },
  {
    route: 'POST /api/v1/matters/:id/transitions/:name',
    as: 'dq.admin',
    url: () => `/api/v1/matters/${matterId}/transitions/accept`,
    payload: () => ({}),
  },
  {
    route: 'GET /api/v1/supervision/deadlines',
    as: 'dq.admin',
    url: () => `/api/v1/supervision/deadlines?agencyId=${hrbGaj}`,
  },
  {
    route: 'POST /api/v1/supervision/rectifications',
    as: 'dq.admin',
    url: () => '/api/v1/supervision/rectifications',
    payload: () => ({
      agencyId: hrbGaj,
      ground: 'objection',
      description: '越权下达的整改通知，不应被受理。',
      workingDays: 5,
    }),
  },
  {
    route: 'POST /api/v1/messages/:id/read',
    as: 'gat.data',
    url: () => `/api/v1/messages/${messageOfHrb}/read`,
  },
];

describe('the right role from an unrelated agency or region (generated coverage)', () => {
  it('every protected route is tried here or listed as unscoped with its reason', () => {
    const tried = new Set(CASES.map((c) => c.route));
    const missing = t.app.routeTable
      .filter((r) => r.method !== 'HEAD' && r.permission !== 'public')
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !tried.has(k) && !(k in UNSCOPED));
    expect(missing).toEqual([]);
  });

  for (const c of CASES) {
    it(`${c.route} as ${c.as} → 403/404`, async () => {
      let url = c.url();
      if (url.includes('__HRB_GAJ_ACCOUNT__')) {
        const me = await t.call(tok['hrb.gaj.data'], { method: 'GET', url: '/api/v1/auth/me' });
        url = url.replace('__HRB_GAJ_ACCOUNT__', String(me.json().user.id));
      }
      const method = c.route.split(' ')[0] as 'GET';
      const res = await t.call(tok[c.as], { method, url, payload: c.payload?.() as object | undefined });
      expect([403, 404], `${c.route}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
    });
  }
});
