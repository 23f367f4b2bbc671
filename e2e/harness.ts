import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const SCREENSHOTS = path.resolve('artifacts/screenshots');
export const DEMO_PASSWORD = 'Demo#2026hlj';

export interface Harness {
  url: string;
  /** A new page with no cookies: each test logs in as its own person. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  stop(): Promise<void>;
}

/** Starts `govdata serve` on a fresh embedded database with the demo province, and chromium. */
export async function startHarness(port = 18000 + Math.floor(Math.random() * 1000)): Promise<Harness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    GOVDATA_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const server: ChildProcess = spawn(process.execPath, ['bin/govdata.js', 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  server.stdout?.on('data', (d) => {
    output += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not yet listening */
    }
    if (i > 600) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-chromium-'));
  let context: BrowserContext;
  try {
    context = await launch(userDataDir);
  } catch (e) {
    server.kill('SIGTERM');
    throw e;
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url,
    async newPage(viewport = { width: 1440, height: 900 }) {
      await context.clearCookies();
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      return page;
    },
    async stop() {
      await context.close();
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

function launch(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    locale: 'zh-CN',
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A caller of the API as one demo account (bearer token: no cookie, no CSRF). */
export async function apiAs(url: string, username: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

export async function loginAs(page: Page, url: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${url}/login`);
  await page.getByPlaceholder('请输入用户名').fill(username);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
