// Data aggregation in a real browser (Art. 18, 19, 38, 41): 省公安厅's data officer, whose demo
// 户籍人口基本信息 dataset is listed already, registers a dataset for its published 居民身份证信息
// entry, uploads a CSV with two bad ID numbers, watches the load and reads its quality report (2 rows
// rejected, samples masked); a cut-off full file waits for confirmation and is withdrawn; the records
// are browsed masked, now and as of a past instant.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { idCardCheckChar } from '../src/agencies/id-card.ts';
import { apiAs, type Harness, loginAs, shot, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const until = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout });

let current: Page | null = null;
let scriptErrors: string[] = [];
afterEach(async (ctx) => {
  const errors = scriptErrors;
  scriptErrors = [];
  if (ctx.task.result?.state === 'fail' && current && !current.isClosed())
    await shot(current, `aggregation-failed-${ctx.task.name.slice(0, 24)}`);
  if (current && !current.isClosed()) await current.close();
  current = null;
  expect(errors).toEqual([]);
});

async function as(username: string, width = 1440, height = 1000): Promise<Page> {
  const page = await h.newPage({ width, height });
  await loginAs(page, h.url, username);
  await page.waitForURL(/\/console/);
  current = page;
  page.on('pageerror', (e) => scriptErrors.push(`${username}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      scriptErrors.push(`${username}: ${m.text()}`);
  });
  return page;
}

/** A valid GB 11643 number: Harbin 南岗区, a birth date from 1950 on, a serial, its check character. */
function idNumber(i: number): { id: string; birth: string } {
  const d = new Date(Date.UTC(1950, 0, 1) + Math.floor(i / 900) * 86_400_000);
  const birth = d.toISOString().slice(0, 10);
  const first17 = `230103${birth.replaceAll('-', '')}${String(100 + (i % 900)).padStart(3, '0')}`;
  return { id: first17 + idCardCheckChar(first17), birth };
}

const HEADER = '公民身份号码,姓名,性别,民族,出生日期,住址,签发机关,有效期起始日期,有效期截止日期';
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];

function csvRows(from: number, count: number): string[] {
  const rows: string[] = [];
  for (let i = from; i < from + count; i++) {
    const { id, birth } = idNumber(i);
    rows.push(
      `${id},${SURNAMES[i % 8]}晓${'明红军丽'[i % 4]},${1 + (i % 2)},01,${birth},哈尔滨市南岗区学府路${i}号,哈尔滨市公安局南岗分局,2020-0${1 + (i % 9)}-15,2040-0${1 + (i % 9)}-15`,
    );
  }
  return rows;
}

/** The same number with a wrong check character. */
function badCheck(i: number): string {
  const { id } = idNumber(i);
  return `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
}

const VALID = 400;
const FILE = [
  HEADER,
  ...csvRows(0, VALID),
  `${badCheck(VALID + 1)},孙晓东,1,01,1950-01-01,哈尔滨市道里区,哈尔滨市公安局道里分局,2020-01-15,2040-01-15`,
  `${badCheck(VALID + 2)},周晓梅,2,01,1950-01-01,哈尔滨市道外区,哈尔滨市公安局道外分局,2020-01-15,2040-01-15`,
].join('\n');

let datasetUrl = '';

async function upload(page: Page, name: string, text: string, kind: '全量' | '增量' = '全量') {
  await page.locator('.ant-radio-button-wrapper', { hasText: kind }).click();
  await page
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

describe('aggregation: register, load, quality report, confirmation, records', () => {
  it('lets gat.data register a dataset for its published 居民身份证信息 entry (Art. 18, 38)', async () => {
    // The demo catalog: 省公安厅 publishes 居民身份证信息 with 公民身份号码 among its items.
    const api = await apiAs(h.url, 'gat.data');
    const me = await api<{ user: { agency: { id: number } } }>('GET', '/auth/me');
    const found = await api<{ items: { id: number; name: string }[] }>(
      'GET',
      `/catalog/entries?status=published&provider=${me.user.agency.id}&q=${encodeURIComponent('居民身份证信息')}`,
    );
    const entry = found.items.find((e) => e.name === '居民身份证信息');
    expect(entry).toBeDefined();
    const view = await api<{ items: { name: string }[] }>('GET', `/catalog/entries/${entry!.id}`);
    expect(view.items.map((i) => i.name)).toContain('公民身份号码');

    const page = await as('gat.data');
    await page.goto(`${h.url}/console/aggregation`);
    // The demo province's own dataset of 省公安厅 is listed already.
    await until(() => page.locator('tr', { hasText: '户籍人口基本信息' }).count()).toBe(1);
    await page.getByRole('button', { name: '登记数据集' }).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByLabel('目录', { exact: true }).click();
    await modal.getByLabel('目录', { exact: true }).fill('居民身份证');
    await page.locator('.ant-select-dropdown:visible').getByTitle('居民身份证信息', { exact: true }).click();
    // The key defaults to the item bound to 公民身份号码; the published version's items are listed.
    await until(() =>
      modal.locator('.ant-select-selection-item', { hasText: '公民身份号码（GMSFHM）' }).count(),
    ).toBe(1);
    await until(() => modal.getByText('加密存储').count()).toBeGreaterThan(2);
    await page.waitForTimeout(300);
    await shot(page, 'aggregation-register');
    await modal.getByRole('button', { name: /登\s*记/ }).click();
    await page.waitForURL(/\/console\/aggregation\/datasets\/\d+$/);
    datasetUrl = page.url();
    await until(() => page.getByRole('heading', { name: '居民身份证信息' }).count()).toBe(1);
    await until(() => page.getByText('尚无汇聚批次').count()).toBe(1);
  });

  it('uploads a CSV with two bad ID numbers: committed, 2 rows rejected, a masked quality report (Art. 19)', async () => {
    const page = await as('gat.data', 1440, 1100);
    await page.goto(datasetUrl);
    await upload(page, '身份证-2026.csv', FILE);
    const done = page.getByRole('alert').filter({ hasText: /批次 #\d+ 已提交/ });
    await until(() => done.count(), 30_000).toBe(1);
    await until(() => done.getByText(`读取 ${VALID + 2} 行，接收 ${VALID} 行，拒收 2 行`).count()).toBe(1);
    await until(() => page.locator('tr', { hasText: '身份证-2026.csv' }).getByText('已提交').count()).toBe(1);
    await shot(page, 'aggregation-loaded');

    await done.getByRole('button', { name: '查看质量报告' }).click();
    const drawer = page.locator('.ant-drawer');
    await until(() => drawer.getByText('拒收行数').count()).toBe(1);
    const rejected = drawer.locator('.ant-statistic', { hasText: '拒收行数' });
    await until(() => rejected.locator('.ant-statistic-content').textContent()).toBe('2');
    const finding = drawer.locator('tr', { hasText: '第1列' });
    await until(() => finding.getByText('校验位错误', { exact: true }).count()).toBe(1);
    // Samples are masked and point at the file's row numbers (header = row 1).
    await until(() => drawer.getByRole('cell', { name: String(VALID + 2), exact: true }).count()).toBe(1);
    await until(() => drawer.getByText(/^230103\*+\d{3}[0-9X]$/).count()).toBe(2);
    expect(await drawer.getByText(badCheck(VALID + 1)).count()).toBe(0);
    await until(() => drawer.getByRole('img', { name: /公民身份号码 错误 2 处/ }).count()).toBe(1);
    // The provider's data officer may also export the clear rows (ledgered, Art. 33).
    await until(() => drawer.getByRole('button', { name: '导出原值' }).count()).toBe(1);
    await page.waitForTimeout(500);
    await shot(page, 'aggregation-report');

    // The masked rejected rows as CSV.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      drawer.getByRole('button', { name: /下载拒收数据/ }).click(),
    ]);
    const csv = await (await download.createReadStream()).toArray();
    const text = Buffer.concat(csv).toString('utf8');
    expect(text).toContain('行号,拒收原因,公民身份号码');
    expect(text).toContain('校验位错误');
    expect(text).not.toContain(badCheck(VALID + 1));
    expect(text.trim().split('\r\n')).toHaveLength(3);
  });

  it('holds a cut-off full file for confirmation and lets gat.data withdraw it (Art. 18)', async () => {
    const page = await as('gat.data');
    await page.goto(datasetUrl);
    await upload(page, '身份证-截断.csv', [HEADER, ...csvRows(0, 40)].join('\n'));
    const held = page.getByRole('alert').filter({ hasText: /等待确认：将关闭 360 条现有记录/ });
    await until(() => held.count(), 30_000).toBeGreaterThan(0);
    await until(() => page.locator('tr', { hasText: '身份证-截断.csv' }).getByText('等待确认').count()).toBe(
      1,
    );
    // No other file while one waits.
    await until(() => page.getByText('有批次等待确认，确认或撤销后可继续上传').count()).toBe(1);
    await shot(page, 'aggregation-awaiting');
    await held
      .last()
      .getByRole('button', { name: /撤\s*销/ })
      .click();
    await until(() => page.locator('tr', { hasText: '身份证-截断.csv' }).getByText('已撤销').count()).toBe(1);
    await until(() => page.getByText('有批次等待确认').count()).toBe(0);
  });

  it('shows a large incremental load live: progress, rows/s and the time left', async () => {
    const page = await as('gat.data');
    await page.goto(datasetUrl);
    const rows = 120_000;
    await upload(page, '身份证-增量.csv', [HEADER, ...csvRows(1000, rows)].join('\n'), '增量');
    const running = page.getByText(/批次 #\d+ 正在汇聚（增量）/);
    const done = page.getByRole('alert').filter({ hasText: /已提交/ });
    await until(async () => (await running.count()) + (await done.count()), 30_000).toBeGreaterThan(0);
    // The load takes a few seconds: once a second poll has answered, the rate is shown.
    const rate = page.getByText(/速度 [\d,]+ 行\/秒/);
    await until(async () => (await rate.count()) + (await done.count()), 30_000).toBeGreaterThan(0);
    if (await rate.count()) await shot(page, 'aggregation-progress');
    await until(() => done.count(), 120_000).toBe(1);
    await until(() => done.getByText(`读取 ${rows.toLocaleString('zh-CN')} 行`).count()).toBe(1);
  });

  it('lists the dataset, its encrypted columns with their rules, and the masked records now and as of before (Art. 38, 41)', async () => {
    const page = await as('gat.data');
    await page.goto(`${h.url}/console/aggregation`);
    const row = page.locator('tr', { hasText: '居民身份证信息' });
    await until(() => row.getByText('黑龙江省公安厅').count()).toBe(1);
    await until(() => row.getByText(/\d+ 项加密/).count()).toBe(1);
    await shot(page, 'aggregation-datasets');

    await page.goto(`${datasetUrl}?tab=columns`);
    const id = page.locator('tr', { hasText: 'GMSFHM' });
    await until(() => id.getByText('公民身份号码校验').count()).toBe(1);
    await until(() => id.getByText('加密存储').count()).toBe(1);
    await until(() => page.locator('tr', { hasText: 'XBDM' }).getByText('代码表（4项）').count()).toBe(1);
    await shot(page, 'aggregation-columns');

    await page.getByRole('tab', { name: '数据浏览' }).click();
    await until(() => page.getByText(/数据时点：/).count()).toBe(1);
    const records = page.locator('.ant-table-row', { hasText: /230103\*{8}/ });
    await until(() => records.count()).toBe(50);
    await until(() =>
      records
        .first()
        .getByText(/^230103\*+/)
        .count(),
    ).toBe(1);
    // Coded values are shown with their labels (性别 1 男性 / 2 女性).
    await until(() => records.getByText(/^(男性|女性)$/).count()).toBeGreaterThan(0);
    // Fewer rows a page starts again at page 1; the next page follows the cursor.
    await page.getByLabel('每页条数').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('每页 20 条').click();
    await until(() => records.count()).toBe(20);
    await page.getByRole('button', { name: '下一页' }).click();
    await until(() => page.getByText('第 2 页，本页 20 条').count()).toBe(1);
    await until(() => page.locator('.ant-table .ant-spin-spinning').count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'aggregation-records');
    // Before the first load was committed the dataset held nothing.
    await page.getByLabel('回溯到').click();
    await page.getByLabel('回溯到').fill('2000年1月1日 00:00');
    await page.keyboard.press('Enter');
    await until(() => page.getByText('该时点数据集中没有记录').count()).toBe(1);

    // Art. 19: the daily reconciliation runs once a Beijing day; a dataset registered since has none yet.
    await page.getByRole('tab', { name: '日常对账' }).click();
    const reconciliation = page.getByRole('tabpanel', { name: '日常对账' });
    await until(
      async () =>
        (await reconciliation.getByText('每日对账由系统自动执行').count()) +
        (await reconciliation.locator('.ant-table-row').count()),
    ).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    await shot(page, 'aggregation-reconciliation');
  });

  it('shows sheng.reviewer (the reviewing authority) the dataset and its reports, but no upload and no clear export', async () => {
    const page = await as('sheng.reviewer');
    await page.goto(`${h.url}/console/aggregation`);
    const row = page.locator('tr', { hasText: '居民身份证信息' });
    await until(() => row.getByText('黑龙江省公安厅').count()).toBe(1);
    expect(await page.getByRole('button', { name: '登记数据集' }).count()).toBe(0);
    await row.getByRole('link', { name: '居民身份证信息' }).click();
    await page.waitForURL(/\/console\/aggregation\/datasets\/\d+$/);
    const first = page.locator('tr', { hasText: '身份证-2026.csv' });
    await until(() => first.getByText('已提交').count()).toBe(1);
    expect(await page.locator('.ant-upload-drag').count()).toBe(0);
    await first.getByRole('button', { name: /质量报告/ }).click();
    await until(() => page.locator('.ant-drawer').getByText('拒收行数').count()).toBe(1);
    await until(() => page.getByRole('button', { name: /下载拒收数据/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '导出原值' }).count()).toBe(0);
  });
});
