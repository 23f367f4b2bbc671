import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/helpers/system.ts';
import { isValidUscc } from './uscc.ts';

let t: TestSystem;
let byName: Map<string, { id: number; [k: string]: unknown }>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestSystem();
  for (const u of ['sheng.admin', 'hrb.admin', 'dq.admin', 'sysadmin', 'gat.data'])
    tokens[u] = await t.login(u);
  const all = (await t.call(null, { method: 'GET', url: '/api/v1/agencies' })).json();
  byName = new Map(all.items.map((a: { name: string; id: number }) => [a.name, a]));
});
afterAll(() => t.close());

const list = (query = '', token: string | null = null) =>
  t.call(token, { method: 'GET', url: `/api/v1/agencies${query}` }).then((r) => r.json());
const id = (name: string) => byName.get(name)!.id;

describe('agency directory (Art. 3–6)', () => {
  it('lists the demo province, sorted by level, region and 排序号', async () => {
    const body = await list();
    expect(body.total).toBe(body.items.length);
    const levels = body.items.map((a: { level: string }) => a.level);
    expect(levels.indexOf('city')).toBeGreaterThan(levels.lastIndexOf('province'));
    expect(levels.indexOf('county')).toBeGreaterThan(levels.lastIndexOf('city'));
    const provincial = body.items.filter((a: { level: string }) => a.level === 'province');
    const orders = provincial.map((a: { displayOrder: number }) => a.displayOrder);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(provincial[0].name).toBe('黑龙江省政务数据工作协调机制');
  });

  it('has the provincial authority, 13 city authorities, county authorities and ≥ 12 provincial departments', async () => {
    const authorities = (await list('?kind=authority')).items;
    expect(authorities.filter((a: { level: string }) => a.level === 'province')).toHaveLength(1);
    expect(authorities.filter((a: { level: string }) => a.level === 'city')).toHaveLength(13);
    expect(authorities.filter((a: { level: string }) => a.level === 'county').length).toBeGreaterThanOrEqual(
      3,
    );
    const depts = (await list('?kind=department&level=province')).items.map((a: { name: string }) => a.name);
    expect(depts.length).toBeGreaterThanOrEqual(12);
    for (const n of [
      '公安厅',
      '民政厅',
      '人力资源和社会保障厅',
      '卫生健康委员会',
      '市场监督管理局',
      '自然资源厅',
    ]) {
      expect(depts).toContain(`黑龙江省${n}`);
    }
    expect((await list('?kind=coordination')).items[0].name).toBe('黑龙江省政务数据工作协调机制');
  });

  it('gives every agency but the coordination mechanism a USCC that passes its check digit', async () => {
    for (const a of (await list()).items) {
      if (a.kind === 'coordination') expect(a.uscc).toBeNull();
      else expect(isValidUscc(a.uscc), `${a.name} ${a.uscc}`).toBe(true);
    }
  });

  it('Art. 5: departments are supervised by their own authority, authorities by the one a level up', async () => {
    const gat = await list(`/${id('黑龙江省公安厅')}`);
    expect(gat.supervisingAgencyName).toBe('黑龙江省政务数据主管部门');
    expect((await list(`/${id('哈尔滨市公安局')}`)).supervisingAgencyName).toBe('哈尔滨市政务数据主管部门');
    expect((await list(`/${id('哈尔滨市政务数据主管部门')}`)).supervisingAgencyName).toBe(
      '黑龙江省政务数据主管部门',
    );
    expect((await list(`/${id('哈尔滨市道里区政务数据主管部门')}`)).supervisingAgencyName).toBe(
      '哈尔滨市政务数据主管部门',
    );
    expect((await list(`/${id('哈尔滨市道里区民政局')}`)).supervisingAgencyName).toBe(
      '哈尔滨市道里区政务数据主管部门',
    );
    expect((await list(`/${id('黑龙江省政务数据主管部门')}`)).supervisingAgencyId).toBeNull();
  });

  it('filters by region code including everything below it', async () => {
    const harbin = (await list('?regionCode=230100')).items.map((a: { name: string }) => a.name);
    expect(harbin).toContain('哈尔滨市公安局');
    expect(harbin).toContain('哈尔滨市道里区民政局');
    expect(harbin).not.toContain('大庆市公安局');
    expect(harbin).not.toContain('黑龙江省公安厅');
    const daoli = (await list('?regionCode=230102')).items.map((a: { name: string }) => a.name);
    expect(daoli.sort()).toEqual(['哈尔滨市道里区政务数据主管部门', '哈尔滨市道里区民政局'].sort());
    expect((await list('?regionCode=230600&kind=department&level=city')).items).toHaveLength(3);
  });

  it('Art. 6: names data officers publicly, their phone numbers only to logged-in staff', async () => {
    const anon = await list(`/${id('黑龙江省公安厅')}`);
    expect(anon.officers[0]).toMatchObject({
      name: '孙海涛',
      title: '数据管理员',
      phone: null,
      isPrimary: true,
    });
    const staff = (
      await t.call(tokens['gat.data'], { method: 'GET', url: `/api/v1/agencies/${anon.id}` })
    ).json();
    expect(staff.officers[0].phone).toMatch(/^0451-\d{8}$/);
    const staffList = await list('?level=province', tokens['gat.data']);
    expect(
      staffList.items.every((a: { officers: { phone: string }[] }) => a.officers.every((o) => o.phone)),
    ).toBe(true);
    const publicToken = await t.login('public.demo');
    expect((await list(`/${anon.id}`, publicToken)).officers[0].phone).toBeNull();
  });

  it('answers 404 for an unknown agency', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/v1/agencies/999999' });
    expect(res.statusCode).toBe(404);
    expect(res.json().title).toBe('资源不存在');
  });
});

describe('managing agencies (agency.manage, Art. 5 jurisdiction)', () => {
  const newDept = {
    name: '哈尔滨市教育局',
    shortName: '哈尔滨市教育局',
    kind: 'department',
    regionCode: '230100',
    uscc: '11230100MB0000000X',
    displayOrder: 3,
    officers: [{ name: '林海', title: '数据管理员', phone: '0451-86661234' }],
  };

  it('refuses without login (401) and to a role without the permission (403)', async () => {
    const noLogin = await t.call(null, { method: 'POST', url: '/api/v1/agencies', payload: newDept });
    expect(noLogin.statusCode).toBe(401);
    const wrong = await t.call(tokens['gat.data'], {
      method: 'POST',
      url: '/api/v1/agencies',
      payload: newDept,
    });
    expect(wrong.statusCode).toBe(403);
  });

  it('rejects a USCC with a wrong check digit, naming the field', async () => {
    const res = await t.call(tokens['hrb.admin'], {
      method: 'POST',
      url: '/api/v1/agencies',
      payload: newDept,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual({ field: 'uscc', message: '统一社会信用代码校验位不正确' });
  });

  it('lets the 哈尔滨 authority admin register a 哈尔滨 department, supervised by it and ledgered', async () => {
    const { uscc: _bad, ...payload } = newDept;
    const res = await t.call(tokens['hrb.admin'], { method: 'POST', url: '/api/v1/agencies', payload });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      level: 'city',
      regionName: '哈尔滨市',
      supervisingAgencyName: '哈尔滨市政务数据主管部门',
      officers: [{ name: '林海', phone: '0451-86661234', isPrimary: true }],
    });
    const ev = await t.ctx.db
      .selectFrom('ledger_event')
      .selectAll()
      .where('subject', '=', `agency:${a.id}`)
      .execute();
    expect(ev.map((e) => [e.action, e.actor])).toEqual([['agency.create', 'hrb.admin']]);
  });

  it('refuses the 大庆 admin on 哈尔滨 agencies (403) and a city admin on provincial ones', async () => {
    const target = id('哈尔滨市公安局');
    const put = await t.call(tokens['dq.admin'], {
      method: 'PUT',
      url: `/api/v1/agencies/${target}`,
      payload: { displayOrder: 1 },
    });
    expect(put.statusCode).toBe(403);
    expect(put.json()).toMatchObject({ title: '超出管辖范围', article: 'Art. 5' });
    const officers = await t.call(tokens['dq.admin'], {
      method: 'PUT',
      url: `/api/v1/agencies/${target}/officers`,
      payload: { officers: [] },
    });
    expect(officers.statusCode).toBe(403);
    const create = await t.call(tokens['dq.admin'], {
      method: 'POST',
      url: '/api/v1/agencies',
      payload: { ...newDept, name: '哈尔滨市体育局', uscc: undefined },
    });
    expect(create.statusCode).toBe(403);
    const provincial = await t.call(tokens['hrb.admin'], {
      method: 'PUT',
      url: `/api/v1/agencies/${id('黑龙江省公安厅')}`,
      payload: { displayOrder: 1 },
    });
    expect(provincial.statusCode).toBe(403);
  });

  it('lets the provincial admin update any agency of the province, ledgering before and after', async () => {
    const target = id('大庆市民政局');
    const res = await t.call(tokens['sheng.admin'], {
      method: 'PUT',
      url: `/api/v1/agencies/${target}`,
      payload: { shortName: '大庆民政', displayOrder: 9 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ shortName: '大庆民政', displayOrder: 9 });
    const ev = await t.ctx.db
      .selectFrom('ledger_event')
      .select(['details'])
      .where('subject', '=', `agency:${target}`)
      .where('action', '=', 'agency.update')
      .executeTakeFirstOrThrow();
    expect(ev.details).toMatchObject({ before: { short_name: '大庆市民政局', display_order: 8 } });
  });

  it('Art. 6: replaces the officer list; two primaries are refused', async () => {
    const target = id('大庆市公安局');
    const two = await t.call(tokens['dq.admin'], {
      method: 'PUT',
      url: `/api/v1/agencies/${target}/officers`,
      payload: {
        officers: [
          { name: '甲', title: '数据管理员', isPrimary: true },
          { name: '乙', title: '科长', isPrimary: true },
        ],
      },
    });
    expect(two.statusCode).toBe(400);
    const ok = await t.call(tokens['dq.admin'], {
      method: 'PUT',
      url: `/api/v1/agencies/${target}/officers`,
      payload: { officers: [{ name: '马立群', title: '数据管理员', phone: '0459-46012345' }] },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().officers).toEqual([
      expect.objectContaining({
        name: '马立群',
        title: '数据管理员',
        phone: '0459-46012345',
        isPrimary: true,
      }),
    ]);
  });

  it('Art. 5: one authority per region; a new county authority takes over its departments', async () => {
    const dup = await t.call(tokens.sysadmin, {
      method: 'POST',
      url: '/api/v1/agencies',
      payload: { name: '第二个哈尔滨数据局', shortName: '重复', kind: 'authority', regionCode: '230100' },
    });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().article).toBe('Art. 5');
    // A 松北区 department first falls back to the 哈尔滨 authority …
    const dept = await t.call(tokens['hrb.admin'], {
      method: 'POST',
      url: '/api/v1/agencies',
      payload: {
        name: '哈尔滨市松北区民政局',
        shortName: '松北区民政局',
        kind: 'department',
        regionCode: '230109',
      },
    });
    expect(dept.json()).toMatchObject({ level: 'county', supervisingAgencyName: '哈尔滨市政务数据主管部门' });
    // … and moves to the district's own authority once it is registered.
    const auth = await t.call(tokens['hrb.admin'], {
      method: 'POST',
      url: '/api/v1/agencies',
      payload: {
        name: '哈尔滨市松北区政务数据主管部门',
        shortName: '松北区数据主管部门',
        kind: 'authority',
        regionCode: '230109',
      },
    });
    expect(auth.statusCode).toBe(201);
    expect(auth.json().supervisingAgencyName).toBe('哈尔滨市政务数据主管部门');
    const after = await list(`/${dept.json().id}`);
    expect(after.supervisingAgencyName).toBe('哈尔滨市松北区政务数据主管部门');
  });

  it('refuses a duplicate name (409) and an unknown region (400)', async () => {
    const dup = await t.call(tokens['sheng.admin'], {
      method: 'POST',
      url: '/api/v1/agencies',
      payload: { name: '黑龙江省公安厅', shortName: '省公安厅', kind: 'department', regionCode: '230000' },
    });
    expect(dup.statusCode).toBe(409);
    const region = await t.call(tokens['sheng.admin'], {
      method: 'POST',
      url: '/api/v1/agencies',
      payload: { name: '某局', shortName: '某局', kind: 'department', regionCode: '239999' },
    });
    expect(region.statusCode).toBe(400);
    expect(region.json().errors[0].field).toBe('regionCode');
  });
});
