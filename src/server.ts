import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNTS } from './agencies/demo-accounts.ts';
import type { Config } from './config.ts';
import { buildApp } from './http/app.ts';
import { startJobs } from './jobs.ts';
import { openSystem } from './system.ts';

const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

/** `govdata serve`: one server process; several may share one PostgreSQL database. */
export async function serve(config: Config): Promise<void> {
  const sys = await openSystem(config);
  const app = await buildApp({ ctx: sys.ctx, schemaVersion: sys.schemaVersion, webDist: WEB_DIST });
  const stopJobs = startJobs(sys.ctx, `${os.hostname()}:${process.pid}`);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  const demo = await sys.ctx.db
    .selectFrom('account')
    .select('username')
    .where('username', '=', DEMO_ACCOUNTS[0].username)
    .executeTakeFirst();
  console.log(`\n政务数据平台已启动：${url}  （数据库：${sys.handle.kind}，结构版本 ${sys.schemaVersion}）`);
  console.log(`  管理控制台 ${url}/console   开放门户 ${url}/   接口文档 ${url}/api/docs`);
  if (demo) {
    console.log(`\n演示账号（密码均为 ${config.demoPassword}）：`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(14)} ${a.description}`);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    stopJobs();
    await app.close();
    await sys.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
