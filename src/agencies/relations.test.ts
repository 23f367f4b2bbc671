import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/helpers/system.ts';
import {
  isSupervisedBy,
  relationOf,
  sameLevelAuthorityOf,
  supervisedAgencyIds,
  supervisingAuthorityOf,
  upperAuthorityOf,
} from './relations.ts';

let t: TestSystem;
let ids: Map<string, number>;
beforeAll(async () => {
  t = await startTestSystem();
  const rows = await t.ctx.db.selectFrom('agency').select(['id', 'name']).execute();
  ids = new Map(rows.map((r) => [r.name, r.id]));
});
afterAll(() => t.close());

const id = (n: string) => ids.get(n)!;
const SHENG = '黑龙江省政务数据主管部门';
const HRB = '哈尔滨市政务数据主管部门';
const DQ = '大庆市政务数据主管部门';

describe('agency relations for the matters engine (Art. 5, 12)', () => {
  it('Art. 12: the same-level authority reviews a department; an authority is its own', async () => {
    const db = t.ctx.db;
    expect((await sameLevelAuthorityOf(db, id('黑龙江省公安厅')))?.name).toBe(SHENG);
    expect((await sameLevelAuthorityOf(db, id('哈尔滨市公安局')))?.name).toBe(HRB);
    expect((await sameLevelAuthorityOf(db, id(HRB)))?.name).toBe(HRB);
    expect(await sameLevelAuthorityOf(db, 999_999)).toBeNull();
  });

  it('Art. 12: city and county catalogs go to the authority one level up', async () => {
    const db = t.ctx.db;
    expect((await upperAuthorityOf(db, id('哈尔滨市公安局')))?.name).toBe(SHENG);
    expect((await upperAuthorityOf(db, id(HRB)))?.name).toBe(SHENG);
    expect((await upperAuthorityOf(db, id('哈尔滨市道里区民政局')))?.name).toBe(HRB);
    expect((await upperAuthorityOf(db, id('肇州县公安局')))?.name).toBe(DQ);
    expect(await upperAuthorityOf(db, id('黑龙江省公安厅'))).toBeNull();
    expect((await supervisingAuthorityOf(db, id('肇州县公安局')))?.name).toBe('肇州县政务数据主管部门');
  });

  it('Art. 5: an authority supervises its own level and below in its region, nothing else', async () => {
    const db = t.ctx.db;
    const hrb = await supervisedAgencyIds(db, id(HRB));
    expect(hrb).toContain(id('哈尔滨市公安局'));
    expect(hrb).toContain(id('哈尔滨市道里区政务数据主管部门'));
    expect(hrb).toContain(id('哈尔滨市道里区民政局'));
    expect(hrb).not.toContain(id(HRB));
    expect(hrb).not.toContain(id('大庆市公安局'));
    expect(hrb).not.toContain(id('黑龙江省公安厅'));
    const sheng = await supervisedAgencyIds(db, id(SHENG));
    expect(sheng).toContain(id('大庆市公安局'));
    expect(sheng).not.toContain(id('黑龙江省政务数据工作协调机制'));
    expect(await supervisedAgencyIds(db, id('黑龙江省公安厅'))).toEqual([]);
    expect(await isSupervisedBy(db, id('哈尔滨市民政局'), id(HRB))).toBe(true);
    expect(await isSupervisedBy(db, id('哈尔滨市民政局'), id(DQ))).toBe(false);
    expect(await isSupervisedBy(db, id(HRB), id(HRB))).toBe(false);
  });

  it('relationOf sums it up for one actor agency and one target agency', async () => {
    const db = t.ctx.db;
    expect(await relationOf(db, id(HRB), id('哈尔滨市公安局'))).toEqual({
      self: false,
      sameRegion: true,
      sameLevelAuthority: true,
      upperAuthority: false,
      directSupervisor: true,
      supervises: true,
    });
    expect(await relationOf(db, id(SHENG), id('哈尔滨市公安局'))).toMatchObject({
      sameLevelAuthority: false,
      upperAuthority: true,
      directSupervisor: false,
      supervises: true,
    });
    expect(await relationOf(db, id(DQ), id('哈尔滨市公安局'))).toMatchObject({
      sameRegion: false,
      upperAuthority: false,
      supervises: false,
    });
    expect(await relationOf(db, id('黑龙江省公安厅'), id('黑龙江省民政厅'))).toMatchObject({
      sameRegion: true,
      sameLevelAuthority: false,
      supervises: false,
    });
    expect((await relationOf(db, id(HRB), id(HRB))).self).toBe(true);
  });

  it('works inside a transaction too', async () => {
    await t.ctx.db.transaction().execute(async (trx) => {
      expect((await sameLevelAuthorityOf(trx, id('黑龙江省民政厅')))?.name).toBe(SHENG);
    });
  });
});
