import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/helpers/system.ts';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t.close());

const get = (url: string) => t.call(null, { method: 'GET', url });

describe('regions (GB/T 2260), public', () => {
  it('lists the 31 provinces when no parent or level is given', async () => {
    const res = await get('/api/v1/regions');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(31);
    expect(items).toContainEqual({ code: '230000', name: '黑龙江省', level: 'province', parent: null });
  });

  it("holds Heilongjiang's tree in full: 13 prefectures, 126 counties", async () => {
    const cities = (await get('/api/v1/regions?parent=230000')).json().items;
    expect(cities).toHaveLength(13);
    expect(cities.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['哈尔滨市', '大庆市', '大兴安岭地区']),
    );
    let counties = 0;
    for (const c of cities) counties += (await get(`/api/v1/regions?parent=${c.code}`)).json().items.length;
    expect(counties).toBe(126);
    const harbin = (await get('/api/v1/regions?parent=230100')).json().items;
    expect(harbin).toHaveLength(18);
    expect(harbin[0]).toEqual({ code: '230102', name: '道里区', level: 'county', parent: '230100' });
  });

  it('filters by level across the country, with the duplicate city-as-county rows merged', async () => {
    const res = await get('/api/v1/regions?level=city');
    expect(res.json().items.length).toBeGreaterThan(330);
    const counties = (await get('/api/v1/regions?level=county')).json().items;
    expect(counties.length).toBeGreaterThan(2900);
    // 东莞市 has no counties: it is kept once, as a city.
    expect(counties.find((c: { code: string }) => c.code === '441900')).toBeUndefined();
    const dongguan = await get('/api/v1/regions/441900');
    expect(dongguan.json()).toMatchObject({ name: '东莞市', level: 'city', parent: '440000' });
  });

  it('combines parent and level', async () => {
    const res = await get('/api/v1/regions?parent=230000&level=county');
    expect(res.json().items).toEqual([]);
  });

  it('answers one region with its path up to the province', async () => {
    const res = await get('/api/v1/regions/230184');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      code: '230184',
      name: '五常市',
      level: 'county',
      parent: '230100',
      path: [
        { code: '230000', name: '黑龙江省', level: 'province', parent: null },
        { code: '230100', name: '哈尔滨市', level: 'city', parent: '230000' },
      ],
    });
  });

  it('refuses a malformed code (400, field named) and reports an unknown one (404)', async () => {
    const bad = await get('/api/v1/regions?parent=23');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('parent');
    expect((await get('/api/v1/regions/239999')).statusCode).toBe(404);
  });
});
