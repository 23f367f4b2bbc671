import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, loginAs, shot, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

describe('catalog search, statistics and duties in a real browser', () => {
  it('lets 民政厅 search 婚姻 and narrow the hits with a facet, the state kept in the URL', async () => {
    const page = await h.newPage({ width: 1440, height: 1000 });
    await loginAs(page, h.url, 'mzt.data');
    await page.waitForURL(/\/console/);
    await page.goto(`${h.url}/console/catalog`);
    const results = page.getByRole('list', { name: '检索结果' }).getByRole('listitem');
    await expect.poll(() => results.count()).toBeGreaterThan(0);

    await page.getByRole('searchbox', { name: '检索目录' }).fill('婚姻');
    await page.getByRole('searchbox', { name: '检索目录' }).press('Enter');
    await page.waitForURL(/q=%E5%A9%9A%E5%A7%BB/);
    await expect.poll(() => results.first().textContent()).toMatch(/婚姻/);
    const total = async () =>
      Number(
        (
          await page
            .getByText(/^共 [\d,]+ 条$/)
            .first()
            .textContent()
        )?.replace(/\D/g, ''),
      );
    const before = await total();

    // Tick the first value of 共享类型: the URL carries it and the list is narrowed to it.
    const shareFacet = page.getByRole('region', { name: '共享类型' });
    const option = shareFacet.getByRole('checkbox').first();
    const label = (await shareFacet.locator('label').first().textContent()) ?? '';
    // The ticks live in the URL, so the box turns on once the router has moved: click, then wait.
    await option.click();
    await page.waitForURL(/shareType=/);
    await expect.poll(() => option.isChecked()).toBe(true);
    await expect.poll(() => page.getByText(/^共享类型：/).count()).toBe(1);
    const shareType = label.replace(/[\d,\s]+$/, '');
    await expect.poll(() => results.first().textContent()).toContain(shareType);
    expect(await total()).toBeLessThanOrEqual(before);
    await page.waitForTimeout(300);
    await shot(page, 'catalog-search');

    // A shared link opens the same result list.
    const link = page.url();
    const other = await h.newPage({ width: 1440, height: 1000 });
    await loginAs(other, h.url, 'mzt.data');
    await other.waitForURL(/\/console/);
    await other.goto(link);
    await expect.poll(() => other.getByText(/^共享类型：/).count()).toBe(1);
    await other.close();

    // 导入 offers the template and refuses a file that is no workbook, in Chinese, saving nothing.
    await page.getByRole('button', { name: /导\s*入/ }).click();
    const importer = page.getByRole('dialog', { name: '导入政务数据目录' });
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      importer.getByText('下载导入模板').click(),
    ]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
    await importer.locator('input[type=file]').setInputFiles({
      name: '目录.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('这不是工作簿'),
    });
    await expect.poll(() => importer.locator('.ant-alert-error').count()).toBe(1);
    await importer.getByRole('button', { name: '关 闭' }).click();

    // A query with one wrong character (婚因 for 婚姻) still finds the entries, and says so.
    await page.goto(`${h.url}/console/catalog?q=${encodeURIComponent('婚因登记')}`);
    await expect.poll(() => page.getByText(/已按近似词检索/).count()).toBeGreaterThan(0);
    await expect.poll(() => results.first().textContent()).toMatch(/婚姻/);
    await page.close();
  });

  it('shows the provincial authority the catalog statistics with charts and the agency table', async () => {
    const page = await h.newPage({ width: 1440, height: 1000 });
    await loginAs(page, h.url, 'sheng.admin');
    await page.waitForURL(/\/console/);
    await page.goto(`${h.url}/console/catalog/statistics`);
    await expect.poll(() => page.locator('canvas').count()).toBeGreaterThanOrEqual(5);
    await expect.poll(() => page.getByText('黑龙江省民政厅').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('未编目数').count()).toBeGreaterThan(0);
    await page.waitForTimeout(600);
    await shot(page, 'catalog-statistics');
    await page.close();
  });

  it('lets 民政厅 record a duty and link an entry to it, and the authority see the coverage', async () => {
    const page = await h.newPage({ width: 1440, height: 1000 });
    await loginAs(page, h.url, 'mzt.data');
    await page.waitForURL(/\/console/);
    await page.goto(`${h.url}/console/catalog/duties`);
    await expect.poll(() => page.getByText('职责清单').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: /新增职责/ }).count()).toBe(1);

    const addDuty = async (name: string, basis: string) => {
      await page.getByRole('button', { name: /新增职责/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('职责名称').fill(name);
      await dialog.getByLabel('职责依据').fill(basis);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await expect.poll(() => page.getByRole('row', { name: new RegExp(name.slice(0, 8)) }).count()).toBe(1);
    };
    const basis = '《黑龙江省民政厅职能配置、内设机构和人员编制规定》第三条';
    await addDuty('负责全省婚姻登记管理工作，指导婚姻登记机关规范化建设', basis);
    await addDuty('负责全省殡葬管理工作，推进殡葬改革', basis);
    const row = page.getByRole('row', { name: /负责全省婚姻登记管理工作/ });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.getByText('未编目').count()).toBe(1);

    await row.getByRole('button', { name: /关联目录/ }).click();
    const linker = page.getByRole('dialog');
    await linker.getByPlaceholder(/查找本部门目录/).fill('婚姻登记信息');
    await linker.getByPlaceholder(/查找本部门目录/).press('Enter');
    const hit = linker.getByRole('row', { name: /婚姻登记信息/ }).first();
    await expect.poll(() => hit.count()).toBe(1);
    await hit.getByRole('checkbox').check();
    await linker.getByRole('button', { name: /保存关联/ }).click();
    await expect.poll(() => row.getByText('未编目').count()).toBe(0);
    await expect.poll(() => row.getByRole('link', { name: /婚姻登记信息/ }).count()).toBe(1);
    // The other duty still has no entry: the page says so (Art. 12 全量编目).
    await expect.poll(() => page.getByText('有 1 项职责尚无对应目录').count()).toBe(1);
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await shot(page, 'catalog-duties');
    await page.close();

    const admin = await h.newPage({ width: 1440, height: 1000 });
    await loginAs(admin, h.url, 'sheng.admin');
    await admin.waitForURL(/\/console/);
    await admin.goto(`${h.url}/console/catalog/duties`);
    await expect.poll(() => admin.getByText('职责覆盖情况').count()).toBe(1);
    await admin.getByRole('cell', { name: '黑龙江省民政厅' }).first().click();
    await admin.waitForURL(/agencyId=\d+/);
    await expect.poll(() => admin.getByText(/负责全省婚姻登记管理工作/).count()).toBe(1);
    await expect.poll(() => admin.getByText(/负责全省殡葬管理工作/).count()).toBe(1);
    await admin.waitForTimeout(300);
    await shot(admin, 'catalog-duties-authority');
    await admin.close();
  });
});
