import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/helpers/system.ts';
import { basicEntry, plainItems } from './catalog.test-helpers.ts';
import { ok, publishEntry } from './io.test-helpers.ts';

// Art. 32, 33: the open catalog for portals and harvesters, public, in DCAT-AP JSON-LD: only entries
// open without or with conditions, and nothing that stays inside the government (legal bases,
// share conditions, not-open reasons, consent bases).

let t: TestSystem;
const tok: Record<string, string> = {};
let closed: { id: number; code: string };
let open: { id: number; code: string };
let conditional: { id: number; code: string };
let draft: { code: string };
const SECRETS = {
  legalBasis: 'LEGAL-《社会救助暂行办法》第六十六条',
  scope: 'SCOPE-省内政务部门',
  purpose: 'PURPOSE-办理政务服务事项时核验身份',
  notOpenReason: 'REASON-含公民个人隐私信息',
  consent: 'CONSENT-已取得本人书面同意（同意书编号 001）',
};

beforeAll(async () => {
  t = await startTestSystem();
  for (const u of ['gat.data', 'mzt.data', 'sheng.reviewer']) tok[u] = await t.login(u);
  closed = await publishEntry(
    t,
    tok,
    'gat.data',
    basicEntry({
      shareConditions: { scope: SECRETS.scope, purpose: SECRETS.purpose },
      openReason: SECRETS.notOpenReason,
    }),
  );
  open = await publishEntry(t, tok, 'mzt.data', {
    ...basicEntry(),
    name: '企业登记公示信息',
    classificationCode: '102002',
    groupCode: 'base.legal-person',
    frequencyCode: 'monthly',
    shareType: '不予共享',
    shareConditions: null,
    shareLegalBasis: SECRETS.legalBasis,
    openType: '无条件开放',
    openReason: null,
    items: plainItems,
  });
  conditional = await publishEntry(
    t,
    tok,
    'gat.data',
    basicEntry({
      name: '人口抽样统计信息',
      frequencyCode: 'quarterly',
      shareConditions: { scope: SECRETS.scope, purpose: SECRETS.purpose },
      openType: '有条件开放',
      openConditions: '经审核的科研机构，签订数据使用协议',
      openReason: null,
      piConsent: { basis: SECRETS.consent },
    }),
  );
  draft = ok(
    await t.call(tok['mzt.data'], {
      method: 'POST',
      url: '/api/v1/catalog/entries',
      payload: { ...basicEntry(), name: '未发布的开放目录', openType: '无条件开放', items: plainItems },
    }),
    201,
  );
});
afterAll(() => t.close());

const dcat = (query = '') => t.call(null, { method: 'GET', url: `/api/v1/catalog/dcat.jsonld${query}` });

/** Every prefixed key and type is declared in @context; every @id is an absolute IRI. */
function checkJsonLd(node: unknown, prefixes: Set<string>, path = '$'): void {
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) checkJsonLd(n, prefixes, `${path}[${i}]`);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (k === '@context') continue;
    if (!k.startsWith('@')) expect(prefixes.has(k.split(':')[0]), `${path}.${k}`).toBe(true);
    if (k === '@id') expect(v, `${path}.@id`).toMatch(/^https?:\/\/\S+$/);
    if (k === '@type')
      for (const ty of [v].flat())
        expect(prefixes.has(String(ty).split(':')[0]), `${path}.@type ${ty}`).toBe(true);
    checkJsonLd(v, prefixes, `${path}.${k}`);
  }
}

describe('the open catalog in DCAT-AP (Art. 32, 33)', () => {
  it('is public JSON-LD: a dcat:Catalog with the dcat, dct, foaf and vcard vocabularies', async () => {
    const res = await dcat();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    const doc = res.json();
    expect(doc['@context']).toMatchObject({
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      vcard: 'http://www.w3.org/2006/vcard/ns#',
    });
    expect(doc['@type']).toContain('dcat:Catalog');
    expect(doc['dct:publisher']).toEqual({
      '@type': 'foaf:Agent',
      'foaf:name': { '@value': '黑龙江省政务数据主管部门', '@language': 'zh' },
    });
    checkJsonLd(doc, new Set(Object.keys(doc['@context'])));
  });

  it('Art. 33: lists only published entries open without or with conditions — never 不予开放 ones or drafts', async () => {
    const doc = (await dcat()).json();
    expect(doc['dcat:dataset'].map((d: Record<string, unknown>) => d['dct:identifier'])).toEqual([
      open.code,
      conditional.code,
    ]);
    expect(doc['hydra:totalItems']).toBe(2);
    const body = (await dcat()).body;
    expect(body).not.toContain(closed.code);
    expect(body).not.toContain(draft.code);
  });

  it('Art. 21, 33: no legal basis, share condition, not-open reason or consent basis appears anywhere', async () => {
    const body = (await dcat()).body;
    for (const secret of Object.values(SECRETS)) {
      expect(body).not.toContain(secret);
      expect(body).not.toContain(secret.split('-')[0]);
    }
  });

  it('each dataset carries DCAT-AP’s properties: identifier, title, publisher, dates, theme, frequency, access', async () => {
    const [o, c] = (await dcat()).json()['dcat:dataset'];
    expect(o).toMatchObject({
      '@type': 'dcat:Dataset',
      'dct:identifier': open.code,
      'dct:title': { '@value': '企业登记公示信息', '@language': 'zh' },
      'dct:publisher': { '@type': 'foaf:Agent', 'foaf:name': { '@value': '黑龙江省民政厅' } },
      'dcat:contactPoint': { '@type': 'vcard:Organization', 'vcard:fn': { '@value': '黑龙江省民政厅' } },
      'dct:issued': { '@value': '2026-01-05', '@type': 'xsd:date' },
      'dct:modified': { '@value': '2026-01-05', '@type': 'xsd:date' },
      'dcat:theme': { '@type': 'skos:Concept', 'skos:notation': 'base.legal-person' },
      'dct:subject': { 'skos:notation': '102002' },
      'dct:accrualPeriodicity': {
        '@id': 'http://publications.europa.eu/resource/authority/frequency/MONTHLY',
      },
      'dct:accessRights': { '@id': 'http://publications.europa.eu/resource/authority/access-right/PUBLIC' },
      'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/ZHO' },
    });
    expect(o['dcat:theme']['skos:prefLabel']).toEqual({ '@value': '基础库/法人', '@language': 'zh' });
    expect(o['dcat:keyword'].map((k: { '@value': string }) => k['@value'])).toEqual([
      '法人',
      '企业登记信息',
      '统一社会信用代码',
      '企业名称',
      '注册资本',
    ]);
    expect(o['dcat:distribution']).toEqual([
      expect.objectContaining({
        '@type': 'dcat:Distribution',
        'dct:format': {
          '@type': 'dct:MediaTypeOrExtent',
          'rdfs:label': { '@value': '库表', '@language': 'zh' },
        },
        'dcat:accessURL': {
          '@id': expect.stringContaining(`/portal/search?q=${encodeURIComponent(open.code)}`),
        },
      }),
    ]);
    expect(c).toMatchObject({
      'dct:accrualPeriodicity': {
        '@id': 'http://publications.europa.eu/resource/authority/frequency/QUARTERLY',
      },
      'dct:accessRights': {
        '@id': 'http://publications.europa.eu/resource/authority/access-right/RESTRICTED',
      },
      'dct:rights': { 'rdfs:label': { '@value': '经审核的科研机构，签订数据使用协议' } },
    });
    expect(o['dct:rights']).toBeUndefined();
  });

  it('pages large catalogs with hydra links', async () => {
    const p1 = (await dcat('?pageSize=1')).json();
    expect(p1['dcat:dataset']).toHaveLength(1);
    expect(p1['hydra:view']).toMatchObject({
      '@type': 'hydra:PartialCollectionView',
      'hydra:next': { '@id': expect.stringMatching(/dcat\.jsonld\?page=2&pageSize=1$/) },
      'hydra:last': { '@id': expect.stringMatching(/page=2&pageSize=1$/) },
    });
    expect(p1['hydra:view']['hydra:previous']).toBeUndefined();
    const p2 = (await dcat('?page=2&pageSize=1')).json();
    expect(p2['dcat:dataset'].map((d: Record<string, unknown>) => d['dct:identifier'])).toEqual([
      conditional.code,
    ]);
    expect(p2['hydra:view']['hydra:next']).toBeUndefined();
    expect(p2['hydra:view']['hydra:previous']['@id']).toMatch(/page=1&pageSize=1$/);
    expect((await dcat('?pageSize=5000')).statusCode).toBe(400);
  });
});
