import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/helpers/system.ts';
import { workbookOf } from './io.test-helpers.ts';

// Art. 12, 13: the import template carries the one catalog standard — its live dictionaries as
// dropdowns by the names people read — and only those who compile a catalog may have it.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestSystem;
const tok: Record<string, string> = {};
let template: Buffer;

beforeAll(async () => {
  t = await startTestSystem();
  for (const u of ['gat.data', 'gat.user']) tok[u] = await t.login(u);
  template = (await download()).rawPayload;
});
afterAll(() => t.close());

const download = () => t.call(tok['gat.data'], { method: 'GET', url: '/api/v1/catalog/import/template' });
const upload = (file: Buffer, who: string) =>
  t.call(tok[who], {
    method: 'POST',
    url: '/api/v1/catalog/import',
    payload: file,
    headers: { 'content-type': XLSX },
  });

describe('the import template (Art. 13)', () => {
  it('is an .xlsx named in Chinese (RFC 6266/5987) with the entry, item and guide sheets', async () => {
    const res = await download();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="catalog-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('政务数据目录导入模板.xlsx')}`,
    );
    const wb = await workbookOf(res.rawPayload);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['目录', 'visible'],
      ['数据项', 'visible'],
      ['说明', 'visible'],
      ['字典', 'hidden'],
    ]);
    const entries = wb.getWorksheet('目录')!;
    const headers = (entries.getRow(1).values as string[]).slice(1);
    expect(headers).toEqual([
      '序号',
      '目录名称*',
      '摘要*',
      '分类码*',
      '目录分组*',
      '资源格式*',
      '更新频率*',
      '共享类型*',
      '共享范围',
      '共享用途',
      '不予共享依据',
      '开放类型',
      '开放条件',
      '不予开放理由',
      '个人信息同意依据',
      '关联目录代码',
    ]);
    const items = wb.getWorksheet('数据项')!;
    expect((items.getRow(1).values as string[]).slice(1)).toEqual([
      '目录序号',
      '目录名称',
      '数据项名称*',
      '数据项代码',
      '数据类型',
      '长度',
      '必填',
      '个人信息类型',
      '分级',
    ]);
    // Frozen, styled header; one filled example row, marked so it is never imported.
    expect(entries.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(entries.getCell('B1').font).toMatchObject({ bold: true });
    expect(entries.getCell('A2').value).toBe('示例');
    expect(entries.getCell('D2').value).toBe('101001 人口基本信息');
    expect(items.getCell('A2').value).toBe('示例');
    expect(wb.getWorksheet('说明')!.rowCount).toBeGreaterThan(20);
  });

  it('offers the standard’s dictionaries as dropdowns, by the names people read', async () => {
    const wb = await workbookOf(template);
    const lists = wb.getWorksheet('字典')!;
    const column = (name: string) => {
      const c = (lists.getRow(1).values as string[]).indexOf(name);
      return (lists.getColumn(c).values as string[]).slice(2);
    };
    expect(column('groups')).toEqual(
      expect.arrayContaining(['基础库', '基础库/人口', '主题库/社会保障', '部门目录']),
    );
    expect(column('formats')).toEqual(['库表', '文件', '接口']);
    expect(column('frequencies')).toContain('每季度');
    expect(column('shareTypes')).toEqual(['无条件共享', '有条件共享', '不予共享']);
    expect(column('openTypes')).toEqual(['无条件开放', '有条件开放', '不予开放']);
    expect(column('grades')).toEqual(expect.arrayContaining(['核心', '重要', '一般', '一般-1']));
    expect(column('classes')).toContain('102001 法人基本信息');
    expect(column('classes')).not.toContain('1 基础信息资源');
    const dv = (wb.getWorksheet('目录') as unknown as { dataValidations: { model: Record<string, any> } })
      .dataValidations.model;
    expect(dv.E2).toMatchObject({
      type: 'list',
      formulae: [expect.stringMatching(/^'字典'!\$B\$2:\$B\$\d+$/)],
    });
    expect(dv.H2000).toMatchObject({ type: 'list' });
    const itemDv = (
      wb.getWorksheet('数据项') as unknown as { dataValidations: { model: Record<string, any> } }
    ).dataValidations.model;
    expect(itemDv.I2).toMatchObject({ type: 'list', formulae: [expect.stringContaining('字典')] });
  });

  it('is refused to a department user without the right to compile (403) and to the anonymous (401)', async () => {
    const res = await t.call(tok['gat.user'], { method: 'GET', url: '/api/v1/catalog/import/template' });
    expect(res.statusCode).toBe(403);
    expect((await upload(template, 'gat.user')).statusCode).toBe(403);
    expect((await t.call(null, { method: 'GET', url: '/api/v1/catalog/import/template' })).statusCode).toBe(
      401,
    );
  });
});
