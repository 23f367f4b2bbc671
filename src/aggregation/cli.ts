// `govdata import <目录代码> <文件> --as <账号> [--incremental]`: a load from the command line, with a
// progress bar (percent, rows/s, time left) — the same runLoad as the console's upload (Art. 18).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { actorByUsername } from '../agencies/accounts.ts';
import { entryIdByCode } from '../catalog/entries.ts';
import type { Ctx } from '../kernel/context.ts';
import { type LoadProgress, runLoad } from './load.ts';
import { openFile } from './readers/index.ts';

export const IMPORT_USAGE = `govdata import <目录资源代码> <文件> --as <账号> [--incremental] [--format csv|xlsx|json|ndjson] [--encoding utf-8|gb18030]
                                将文件汇聚到该目录的数据集（默认全量；--incremental 为增量），显示进度`;

const bar = (share: number, width = 24) => {
  const full = Math.round(share * width);
  return `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
};

/** One progress line: 进度 [███░░] 35.2%｜已读 12,000 行（拒收 3）｜4,100 行/秒｜剩余约 6 秒. */
export function progressLine(p: LoadProgress, elapsedMs: number): string {
  const share = p.bytesTotal ? Math.min(1, p.bytesRead / p.bytesTotal) : 0;
  const perSecond = elapsedMs > 0 ? (p.rowsRead * 1000) / elapsedMs : 0;
  const left = share > 0 ? ((1 - share) * elapsedMs) / share / 1000 : null;
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  return `进度 [${bar(share)}] ${(share * 100).toFixed(1)}%｜已读 ${n(p.rowsRead)} 行（拒收 ${n(p.rowsRejected)}）｜${n(perSecond)} 行/秒｜${left === null ? '' : `剩余约 ${Math.ceil(left)} 秒`}`;
}

export async function importCommand(
  ctx: Ctx,
  args: string[],
  out: Pick<Console, 'log' | 'error'>,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: 'string' },
      incremental: { type: 'boolean', default: false },
      format: { type: 'string' },
      encoding: { type: 'string' },
    },
  });
  const [code, file] = positionals;
  if (!code || !file || !values.as) {
    out.error(`用法：${IMPORT_USAGE}`);
    return 2;
  }
  const actor = await actorByUsername(ctx.db, values.as);
  if (!actor) {
    out.error(`账号 ${values.as} 不存在或已停用`);
    return 2;
  }
  const entryId = await entryIdByCode(ctx.db, code);
  const ds =
    entryId === null
      ? undefined
      : await ctx.db
          .selectFrom('agg_dataset')
          .select('id')
          .where('entry_id', '=', entryId)
          .executeTakeFirst();
  if (!ds) {
    out.error(entryId === null ? `目录 ${code} 不存在` : `目录 ${code} 尚未登记数据集`);
    return 2;
  }
  const source = await openFile(file, {
    format: values.format as never,
    encoding: values.encoding as never,
  });
  const tty = process.stderr.isTTY;
  const started = performance.now();
  const result = await runLoad(ctx, actor, ds.id, source, {
    kind: values.incremental ? 'incremental' : 'full',
    source: 'cli',
    fileName: path.basename(file),
    onProgress: (p) => {
      const line = progressLine(p, performance.now() - started);
      // A terminal gets one line redrawn; a pipe (logs, a parent process) a line per chunk.
      if (tty) process.stderr.write(`\r${line}`);
      else out.log(line);
    },
  });
  if (tty) process.stderr.write('\n');
  const seconds = (performance.now() - started) / 1000;
  out.log(
    `批次 ${result.loadId}：${{ committed: '已提交', rejected: '已拒收', awaiting_confirmation: '等待确认', failed: '失败', running: '进行中', cancelled: '已撤销' }[result.status]}｜读取 ${result.rowsRead} 行，接收 ${result.rowsAccepted}，拒收 ${result.rowsRejected}｜新增 ${result.rowsAdded}，变更 ${result.rowsChanged}，未变 ${result.rowsUnchanged}，关闭 ${result.rowsClosed}｜用时 ${seconds.toFixed(1)} 秒`,
  );
  if (result.status === 'awaiting_confirmation')
    out.log(
      `全量文件将关闭 ${result.closing?.count} / ${result.closing?.of} 条现有记录，超过数据集阈值：请在控制台确认或撤销该批次。`,
    );
  return result.status === 'committed' ? 0 : result.status === 'awaiting_confirmation' ? 3 : 1;
}
