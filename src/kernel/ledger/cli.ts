import os from 'node:os';
import type { Ctx } from '../context.ts';
import { runExclusive } from '../jobs/lease.ts';
import { CHECKPOINT_LEASE, writeCheckpoint } from './checkpoint.ts';
import { ledgerFiles } from './keys.ts';
import { verifyLedger } from './verify.ts';

/** `govdata ledger verify`: 0 when the chain is whole, 1 naming the first bad seq otherwise. */
export async function verifyLedgerCommand(ctx: Ctx, out: Console): Promise<number> {
  const started = performance.now();
  const r = await verifyLedger(ctx);
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  if (r.ok) {
    out.log(
      `留痕链完整：已校验 ${r.checked} 条事件、${r.checkpoints} 个检查点及库外副本 ${r.outsideCopies} 份（${secs} 秒）。`,
    );
    if (r.headSeq > (r.lastCheckpointSeq ?? 0)) {
      out.log(
        `链头 seq ${r.headSeq}；最近检查点 ${r.lastCheckpointSeq === null ? '尚无' : `seq ${r.lastCheckpointSeq}`}，其后 ${r.headSeq - (r.lastCheckpointSeq ?? 0)} 条事件待下一检查点签署。`,
      );
    }
    return 0;
  }
  out.error(`留痕链校验失败：已校验 ${r.checked} 条事件。`);
  out.error(
    r.firstBadSeq === undefined ? `原因：${r.reason}` : `首个异常序号：${r.firstBadSeq}。原因：${r.reason}`,
  );
  return 1;
}

/** `govdata ledger checkpoint`: signs the head now (same lease as the servers' job). */
export async function writeCheckpointCommand(ctx: Ctx, out: Console): Promise<number> {
  const holder = `cli:${os.hostname()}:${process.pid}`;
  const r = await runExclusive(ctx, CHECKPOINT_LEASE, holder, 60_000, () => writeCheckpoint(ctx));
  if (!r) {
    out.log('另一进程正在签发检查点，请稍后再试。');
    return 1;
  }
  switch (r.status) {
    case 'written': {
      const files = ledgerFiles(ctx.config);
      if (r.keyCreated) out.log(`已生成检查点密钥：${files.keyFile}（权限 0600，请备份并分发到各服务器）`);
      out.log(`已签发检查点：seq ${r.checkpoint.seq}，链头 ${r.checkpoint.headHash}`);
      out.log(`副本已追加到 ${files.checkpointFile}`);
      return 0;
    }
    case 'empty':
      out.log('留痕链为空，无需签发检查点。');
      return 0;
    case 'unchanged':
      out.log(`链头 seq ${r.seq} 已有检查点，无需重复签发。`);
      return 0;
    case 'refused':
      out.error(`拒绝签发检查点${r.seq === undefined ? '' : `（seq ${r.seq}）`}：${r.reason}`);
      out.error('请运行 govdata ledger verify 查明原因。');
      return 1;
  }
}
