import { parseArgs } from 'node:util';
import { createAdministrator } from './agencies/init.ts';
import { IMPORT_USAGE, importCommand } from './aggregation/cli.ts';
import { loadConfig } from './config.ts';
import { DomainError } from './kernel/errors.ts';
import { verifyLedgerCommand, writeCheckpointCommand } from './kernel/ledger/cli.ts';
import { serve } from './server.ts';
import { openSystem } from './system.ts';

const USAGE = `govdata — 政务数据平台

用法:
  govdata serve                 启动服务（默认 http://localhost:8080，PORT 可改）
  govdata migrate               仅执行数据库迁移
  govdata init [--username U] [--display-name N]
                                创建首个系统管理员（打印一次性密码，首次登录须修改）
  govdata ledger verify         校验留痕链，打印校验条数；发现篡改时以非零码退出并指出首个异常序号
  govdata ledger checkpoint     立即为链头签发检查点
  govdata bench                 运行性能基准（需 DATABASE_URL 指向 PostgreSQL）
  ${IMPORT_USAGE}

环境变量: DATABASE_URL（PostgreSQL；缺省为 ./data 下的内嵌 PGlite）、PORT、GOVDATA_DATA_DIR、
          GOVDATA_DEMO、GOVDATA_DEMO_PASSWORD、GOVDATA_LEDGER_KEY_FILE、LOG_LEVEL`;

async function main(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  const config = loadConfig();
  switch (cmd) {
    case 'serve':
      await serve(config);
      return -1; // keeps running
    case 'migrate': {
      const sys = await openSystem(config, { demo: false });
      console.log(`数据库已迁移至 ${sys.schemaVersion}（${sys.handle.kind}）`);
      await sys.close();
      return 0;
    }
    case 'init': {
      const { values } = parseArgs({
        args: [sub, ...rest].filter((a) => a !== undefined),
        options: {
          username: { type: 'string', default: 'sysadmin' },
          'display-name': { type: 'string', default: '系统管理员' },
        },
      });
      const sys = await openSystem(config, { demo: false });
      try {
        const r = await createAdministrator(sys.ctx, values.username!, values['display-name']!);
        console.log(`已创建系统管理员 ${r.username}（${r.agencyName}）`);
        console.log(`一次性密码：${r.password}`);
        console.log('首次登录后必须修改密码。');
      } finally {
        await sys.close();
      }
      return 0;
    }
    case 'ledger': {
      const sys = await openSystem(config, { demo: false });
      try {
        if (sub === 'verify') return await verifyLedgerCommand(sys.ctx, console);
        if (sub === 'checkpoint') return await writeCheckpointCommand(sys.ctx, console);
      } finally {
        await sys.close();
      }
      console.error(USAGE);
      return 2;
    }
    case 'import': {
      const sys = await openSystem(config, { demo: false });
      try {
        return await importCommand(
          sys.ctx,
          [sub, ...rest].filter((a): a is string => a !== undefined),
          console,
        );
      } finally {
        await sys.close();
      }
    }
    case 'bench': {
      const { runBenchmarks } = await import('../bench/index.ts');
      return runBenchmarks(
        config,
        [sub, ...rest].filter((a): a is string => a !== undefined),
      );
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      console.error(`未知命令：${cmd}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    if (err instanceof DomainError) console.error(`错误：${err.title}${err.detail ? `：${err.detail}` : ''}`);
    else console.error(err);
    process.exit(1);
  },
);
