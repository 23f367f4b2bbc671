// The catalog review cycle in a real browser (Art. 12–14, 17, 21, 33): a department compiles an entry
// with items from the data-element dictionary, the provincial authority returns it with comments,
// the department revises it within its deadline and resubmits, the authority publishes it; a change
// opens version 2, reviewed against the published one; another department then reads it.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type Harness, loginAs, SCREENSHOTS, shot, startHarness } from './harness.ts';

let h: Harness;

// Art. 17: 民政厅 already publishes the identity data our entry will hold, so its submission must
// state why the data is collected again.
const EARLIER = `婚姻登记当事人身份信息${Date.now().toString(36).slice(-5)}`;
async function publishEarlierEntry() {
  const mzt = await apiAs(h.url, 'mzt.data');
  const draft = await mzt<{ id: number }>('POST', '/catalog/entries', {
    name: EARLIER,
    summary: '婚姻登记当事人的身份信息。',
    classificationCode: '101003',
    groupCode: 'base.population',
    formatCode: 'table',
    frequencyCode: 'daily',
    shareType: '有条件共享',
    shareConditions: { scope: '本省政务部门', purpose: '身份核验' },
    openType: '不予开放',
    openReason: '含个人信息',
    items: [{ name: '公民身份号码' }, { name: '姓名' }],
  });
  const submitted = await mzt<{ reviewMatterId: number }>('POST', `/catalog/entries/${draft.id}/submit`, {
    justification: '本厅婚姻登记业务须采集当事人身份信息，依法留存登记档案。',
  });
  const reviewer = await apiAs(h.url, 'sheng.reviewer');
  await reviewer('POST', `/matters/${submitted.reviewMatterId}/transitions/publish`, {});
}

beforeAll(async () => {
  h = await startHarness();
  await publishEarlierEntry();
});
afterAll(() => h?.stop());

/** expect.poll waits 1 s by default: too short for a page that loads the catalog standard and a matter. */
const until = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

// The page of the running test, kept on screen when it fails (artifacts/screenshots/catalog-failed-*.png).
let current: Page | null = null;
let scriptErrors: string[] = [];
afterEach(async (ctx) => {
  const errors = scriptErrors;
  scriptErrors = [];
  if (ctx.task.result?.state === 'fail' && current && !current.isClosed())
    await shot(current, `catalog-failed-${ctx.task.name.slice(0, 24)}`);
  if (current && !current.isClosed()) await current.close();
  current = null;
  expect(errors).toEqual([]);
});

// Unique: the server also holds the demo catalog.
const NAME = `边境检查站通关人员信息${Date.now().toString(36).slice(-5)}`;
let entryUrl = '';

async function as(username: string, width = 1440, height = 1000): Promise<Page> {
  const page = await h.newPage({ width, height });
  await loginAs(page, h.url, username);
  await page.waitForURL(/\/console/);
  current = page;
  // Refusals (400/422) are answers the page shows; a script error is a broken page.
  page.on('pageerror', (e) => scriptErrors.push(`${username}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      scriptErrors.push(`${username}: ${m.text()}`);
  });
  return page;
}

/** Opens an antd select or tree select by its label and picks an option by its text. */
async function choose(page: Page, label: string, option: string, search?: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  if (search) await box.fill(search);
  const popup = page.locator('.ant-select-dropdown:visible');
  await popup.getByTitle(option, { exact: true }).first().click();
}

/** Adds items through the data-element picker: search each, tick it, then 选用. */
async function pickElements(page: Page, queries: [search: string, name: string][]) {
  await page.getByRole('button', { name: '从数据元添加' }).click();
  const modal = page.locator('.ant-modal:visible');
  await until(() => modal.getByText('从数据元添加数据项').count()).toBeGreaterThan(0);
  for (const [q, name] of queries) {
    await modal.getByLabel('查找数据元').fill(q);
    await modal.locator('tr', { hasText: name }).first().click();
  }
  await modal.getByRole('button', { name: /选用/ }).click();
  await until(() => modal.count()).toBe(0);
}

const onEntryPage = (page: Page) => /\/console\/catalog\/entries\/\d+$/.test(new URL(page.url()).pathname);

/** Art. 17: states why the data is collected again and submits; lands on the entry page. */
async function justifyAndSubmit(page: Page) {
  await page
    .getByLabel('重复采集说明')
    .fill('本厅边境管控业务需实时核验通关人员身份，共享数据的时效不能满足口岸查验要求。');
  await page.getByRole('button', { name: '附说明提交审核' }).click();
  await page.waitForURL(/\/console\/catalog\/entries\/\d+$/);
}

/** Submits from the editor; when the Art. 17 overlap check answers, justifies and submits again. */
async function submitFromEditor(page: Page, button: RegExp) {
  await page.getByRole('button', { name: button }).first().click();
  const justify = page.getByRole('button', { name: '附说明提交审核' });
  await until(async () => (await justify.count()) > 0 || onEntryPage(page)).toBe(true);
  if (!onEntryPage(page)) await justifyAndSubmit(page);
}

/** The reviewer opens the entry in the inbox (待审核) by its unique name. */
async function openInInbox(page: Page) {
  await page.goto(`${h.url}/console/catalog/review`);
  await page.getByLabel('查找待审核目录').fill(NAME);
  await page.getByRole('link', { name: NAME }).click();
  await until(() => page.locator('.ant-drawer-body').getByText('目录内容').count()).toBeGreaterThan(0);
}

async function decide(page: Page, action: string, comments?: string) {
  await page.locator('.ant-drawer').getByRole('button', { name: action }).click();
  const modal = page.locator('.ant-modal:visible');
  if (comments) await modal.getByLabel('审核意见').fill(comments);
  await modal.getByRole('button', { name: `确认${action}` }).click();
  await until(() => page.getByText(`已${action}`).count()).toBeGreaterThan(0);
}

describe('catalog compile → review → revise → publish → change in a real browser', () => {
  it('lets gat.data compile an entry with items from the data-element picker, save it and submit it (Art. 12, 13)', async () => {
    const page = await as('gat.data', 1440, 1200);
    await page.goto(`${h.url}/console/catalog/new`);
    await page.getByLabel('目录名称').fill(NAME);
    await page
      .getByLabel('摘要')
      .fill('各边境检查站查验出入境人员时登记的身份、证件和通关信息，用于边境管控和口岸通关服务。');
    await choose(page, '资源分类', '301001 治安管理信息', '治安');
    await choose(page, '目录分组', '部门目录', '部门');
    await choose(page, '资源格式', '库表');
    await choose(page, '更新频率', '实时');

    await pickElements(page, [
      ['身份证号', '公民身份号码'],
      ['姓名', '人员姓名'],
    ]);
    await page.getByRole('button', { name: '添加数据项' }).click();
    await page.getByLabel('第3项名称').fill('通关口岸');
    // A duplicate item code is refused by the server and shown on its cell.
    await page.getByLabel('第3项代码').fill('XM');
    await choose(page, '第3项类型', '字符型');
    await choose(page, '第3项分级', '一般');
    // Art. 14: the entry's grade is the highest item grade (公民身份号码: 重要).
    await until(() => page.getByText('按 3 个数据项就高从严').count()).toBe(1);

    await page.getByLabel('有条件共享').check();
    await page.getByLabel('共享范围').fill('本省公安、移民管理和口岸管理部门');
    await page.getByLabel('不予开放', { exact: true }).check();
    await page.getByLabel('不予开放理由').fill('含个人身份信息，涉及个人隐私');

    await page.getByRole('button', { name: '保存草稿' }).first().click();
    await until(() => page.getByText('数据项代码“XM”重复').count()).toBe(1);
    await until(() => page.getByRole('alert').getByText('请求参数不合法').count()).toBe(1);
    await page.getByLabel('第3项代码').fill('TGKA');
    await page.getByRole('button', { name: '保存草稿' }).first().click();
    await page.waitForURL(/\/console\/catalog\/entries\/\d+\/edit$/);
    await until(() => page.getByText(/HLJ\.GAT-\d{5}/).count()).toBeGreaterThan(0);
    await page.waitForTimeout(400);
    await shot(page, 'catalog-editor');

    // Art. 17: the overlap with 民政厅's published entry is shown and asks for a justification.
    await page
      .getByRole('button', { name: /提交审核/ })
      .first()
      .click();
    await until(() => page.getByLabel('重复采集说明').count()).toBe(1);
    await until(() => page.getByText(/以下 \d+ 个其他部门已发布的目录/).count()).toBe(1);
    await until(() => page.getByText('同一数据元').count()).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'catalog-editor-overlaps');
    await justifyAndSubmit(page);
    entryUrl = page.url();
    await until(() => page.getByText('审核中').count()).toBeGreaterThan(0);
    await until(() => page.getByText(/已提交.*审核/).count()).toBeGreaterThan(0);
    await page.close();
  });

  it('lets sheng.reviewer open it in the inbox and return it with comments (Art. 12)', async () => {
    const page = await as('sheng.reviewer');
    await openInInbox(page);
    const drawer = page.locator('.ant-drawer-body');
    await until(() => drawer.getByText('首次发布').count()).toBeGreaterThan(0);
    await until(() => drawer.getByText('黑龙江省公安厅').count()).toBeGreaterThan(0);
    await page.waitForTimeout(400);
    await shot(page, 'catalog-review');
    await decide(page, '退回修改', '请补充通关时间、证件类型数据项，并写明共享用途。');
    // The returned tab shows it with the provider's revision deadline.
    await page.goto(`${h.url}/console/catalog/review?tab=returned`);
    await until(() => page.locator('tr', { hasText: NAME }).getByText('黑龙江省公安厅').count()).toBe(1);
    await until(() => page.getByText(/剩余 \d+ 个工作日/).count()).toBeGreaterThan(0);
    await shot(page, 'catalog-inbox-returned');
    await page.close();
  });

  it('shows gat.data the returned entry with the comments and its 5-working-day deadline, and takes the revision', async () => {
    const page = await as('gat.data', 1440, 1100);
    await page.goto(entryUrl);
    await until(() => page.getByText('请补充通关时间、证件类型数据项').count()).toBeGreaterThan(0);
    await until(() => page.getByText(/剩余 \d+ 个工作日/).count()).toBeGreaterThan(0);
    await shot(page, 'catalog-entry-returned');
    await page.getByRole('button', { name: '修改' }).click();
    await page.waitForURL(/\/edit$/);
    await pickElements(page, [['证照', '证照编号']]);
    // Typed without the picker: bound by name when saved, and the answer says so.
    await page.getByRole('button', { name: '添加数据项' }).click();
    await page.getByLabel('第5项名称').fill('联系电话');
    await page.getByLabel('使用用途').fill('仅用于出入境人员身份核验和边境管控');
    await page.getByRole('button', { name: '保存草稿' }).first().click();
    await until(() => page.getByText(/已按名称自动关联数据元“联系电话”/).count()).toBe(1);
    await submitFromEditor(page, /修改后重新提交/);
    await until(() => page.getByText('审核中').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('lets sheng.reviewer publish the revised entry', async () => {
    const page = await as('sheng.reviewer');
    await page.goto(`${h.url}/console/catalog/review`);
    await until(() => page.locator('tr', { hasText: NAME }).getByText('黑龙江省公安厅').count()).toBe(1);
    await shot(page, 'catalog-inbox');
    await openInInbox(page);
    await until(() => page.locator('.ant-drawer-body').getByText('证照编号').count()).toBeGreaterThan(0);
    await decide(page, '审核通过并发布');
    await page.close();
  });

  it('lets gat.data change the published entry as version 2, reviewed against version 1 (Art. 12)', async () => {
    const page = await as('gat.data');
    await page.goto(entryUrl);
    await until(() => page.getByText('已发布').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '变更（新建版本）' }).click();
    await page.waitForURL(/\/edit$/);
    await until(() => page.getByText('第2版').count()).toBeGreaterThan(0);
    await pickElements(page, [['手机', '手机号码']]);
    await page.getByLabel('第2项名称').fill('出入境人员姓名');
    await page.getByLabel('摘要').fill('各边境检查站查验出入境人员时登记的身份、证件、联系方式和通关信息。');
    // 关联目录: found by name through the catalog search.
    const related = page.getByLabel('关联目录');
    await related.click();
    await related.fill('婚姻登记当事人身份');
    await page.locator('.ant-select-dropdown:visible').getByText(EARLIER, { exact: false }).first().click();
    await page.keyboard.press('Escape');
    await submitFromEditor(page, /提交审核/);
    await page.close();

    const reviewer = await as('sheng.reviewer', 1440, 1100);
    await openInInbox(reviewer);
    const drawer = reviewer.locator('.ant-drawer-body');
    await until(() => drawer.getByText('变更内容（与现行第1版比较）').count()).toBeGreaterThan(0);
    await until(() => drawer.getByText('新增数据项 1').count()).toBeGreaterThan(0);
    await until(() => drawer.getByText('目录信息变化 2').count()).toBeGreaterThan(0);
    await until(() => drawer.getByRole('link', { name: new RegExp(EARLIER) }).count()).toBeGreaterThan(0);
    await until(() => drawer.getByText('出入境人员姓名').count()).toBeGreaterThan(0);
    await reviewer.waitForTimeout(400);
    await shot(reviewer, 'catalog-review-diff');
    await decide(reviewer, '审核通过并发布');
    await reviewer.close();
  });

  it('lets mzt.data open the published entry, read its versions and their differences, but not edit it', async () => {
    const page = await as('mzt.data', 1440, 1100);
    await page.goto(entryUrl);
    await until(() => page.getByText(NAME).count()).toBeGreaterThan(0);
    await until(() => page.getByText('已发布').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: '修改' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '变更（新建版本）' }).count()).toBe(0);
    // Another department follows the entry (its users are told of changes and revocation).
    await page.getByRole('button', { name: '订阅' }).click();
    await until(() => page.getByRole('button', { name: '取消订阅' }).count()).toBe(1);
    // An earlier version is readable as it was.
    await page.locator('tr', { hasText: '历史版本' }).getByRole('button', { name: /查看/ }).click();
    const drawer = page.locator('.ant-drawer-body');
    await until(() => drawer.getByText('用于边境管控和口岸通关服务').count()).toBe(1);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog-entry-version.png') });
    await page
      .locator('.ant-drawer')
      .getByRole('button', { name: /Close|关闭/ })
      .click();
    await until(() => page.locator('.ant-drawer-body:visible').count()).toBe(0);
    await page.getByRole('button', { name: '与上一版比较' }).click();
    await until(() => page.getByLabel('版本差异').count()).toBe(1);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(400);
    await shot(page, 'catalog-entry');
    await page.close();
  });
});
