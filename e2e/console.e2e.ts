import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, loginAs, shot, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const STAFF = [
  'sheng.admin',
  'sheng.reviewer',
  'hrb.admin',
  'gat.data',
  'auditor',
  'sysadmin',
  'secadmin',
  'auditadmin',
];

describe('console in a real browser', () => {
  it('shows the public portal home with the departments of the province', async () => {
    const page = await h.newPage({ width: 1440, height: 900 });
    await page.goto(`${h.url}/`);
    await expect.poll(() => page.getByText('黑龙江省公安厅').count()).toBeGreaterThan(0);
    await shot(page, 'portal-home');
    await page.close();
  });

  for (const username of STAFF) {
    it(`logs in as ${username} and shows the console with a role-dependent menu`, async () => {
      const page = await h.newPage({ width: 1440, height: 900 });
      await loginAs(page, h.url, username);
      await page.waitForURL(/\/console/);
      await expect.poll(() => page.getByText('工作台').count()).toBeGreaterThan(0);
      await shot(page, `console-${username}`);
      await page.close();
    });
  }

  it('lets the provincial authority admin see the working-day calendar with 2026 holidays', async () => {
    const page = await h.newPage({ width: 1440, height: 1000 });
    await loginAs(page, h.url, 'sheng.admin');
    await page.waitForURL(/\/console/);
    await page.goto(`${h.url}/console/calendar`);
    await expect.poll(() => page.getByText('2026').count()).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    await shot(page, 'calendar-sheng.admin');
    await page.goto(`${h.url}/console/agencies`);
    await expect.poll(() => page.getByText('哈尔滨市').count()).toBeGreaterThan(0);
    await shot(page, 'agencies-sheng.admin');
    await page.close();
  });

  it('lets the auditor read the ledger, which holds the logins just made', async () => {
    const page = await h.newPage({ width: 1440, height: 900 });
    await loginAs(page, h.url, 'auditor');
    await page.waitForURL(/\/console/);
    await page.goto(`${h.url}/console/ledger`);
    await expect.poll(() => page.getByText('auth.login').count()).toBeGreaterThan(0);
    await shot(page, 'ledger-auditor');
    await page.close();
  });

  it('sends a public account to the portal, not the console menu', async () => {
    const page = await h.newPage({ width: 1440, height: 900 });
    await loginAs(page, h.url, 'public.demo');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await shot(page, 'public-demo');
    expect(await page.getByText('留痕审计').count()).toBe(0);
    await page.close();
  });
});

describe('matters, supervision board and messages in a real browser', () => {
  it('shows 哈尔滨 authority its 督办 board with the demo rectification orders, and a matter page with its timeline', async () => {
    const page = await h.newPage({ width: 1440, height: 1000 });
    await loginAs(page, h.url, 'hrb.admin');
    await page.waitForURL(/\/console/);
    await page.goto(`${h.url}/console/supervision?status=overdue`);
    await expect.poll(() => page.locator('canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('哈尔滨市公安局').count()).toBeGreaterThan(0);
    expect(await page.getByText('大庆市').count()).toBe(0);
    await shot(page, 'supervision-board-hrb.admin');
    await page.getByRole('link', { name: /整改/ }).first().click();
    await page.waitForURL(/\/console\/matters\/\d+/);
    await expect.poll(() => page.getByText('办理过程').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('已超期').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('整改事由').count()).toBeGreaterThan(0);
    await shot(page, 'matter-page-hrb.admin');
    await page.close();
  });

  it('shows the provincial authority the whole province on the board', async () => {
    const page = await h.newPage({ width: 1440, height: 1000 });
    await loginAs(page, h.url, 'sheng.admin');
    await page.waitForURL(/\/console/);
    await page.goto(`${h.url}/console/supervision`);
    await expect.poll(() => page.locator('canvas').count()).toBeGreaterThan(0);
    await shot(page, 'supervision-board-sheng.admin');
    await page.close();
  });

  it('gives the department data officer its 待办 with a countdown badge and its messages', async () => {
    const page = await h.newPage({ width: 1440, height: 900 });
    await loginAs(page, h.url, 'gat.data');
    await page.waitForURL(/\/console/);
    await page.goto(`${h.url}/console/todo`);
    await expect
      .poll(() => page.getByText(/剩余 \d+ 个工作日|已超期 \d+ 个工作日/).count())
      .toBeGreaterThan(0);
    await shot(page, 'todo-gat.data');
    await page.goto(`${h.url}/console/messages`);
    await expect.poll(() => page.getByText('整改').count()).toBeGreaterThan(0);
    await shot(page, 'messages-gat.data');
    await page.close();
  });
});
