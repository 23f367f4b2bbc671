import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Ctx } from '../context.ts';
import type { Db } from '../db/schema.ts';
import { runExclusive } from '../jobs/lease.ts';
import { scanChain } from './chain.ts';
import {
  CHECKPOINT_ALGORITHM,
  type CheckpointKey,
  headSignatureValid,
  keyFileTooOpen,
  ledgerFiles,
  readCheckpointKey,
  readOrCreateCheckpointKey,
  signHead,
} from './keys.ts';

// A checkpoint seals the chain head (seq, hash) with a key the database never sees. It is written
// twice: to ledger_checkpoint, and appended to a file outside the database, so that removing rows
// (or restoring an older database) still leaves a signed head the chain must reach.

export interface Checkpoint {
  seq: number;
  headHash: string;
  time: Date;
  algorithm: string;
  keyId: string;
  signature: string;
}

export const CHECKPOINT_LEASE = 'ledger.checkpoint';

export async function chainHead(db: Db): Promise<{ seq: number; hash: string } | null> {
  const row = await db
    .selectFrom('ledger_event')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

type CheckpointRow = {
  seq: number;
  head_hash: string;
  time: Date;
  algorithm: string;
  key_id: string;
  signature: string;
};

export const checkpointFromRow = (r: CheckpointRow): Checkpoint => ({
  seq: r.seq,
  headHash: r.head_hash,
  time: r.time,
  algorithm: r.algorithm,
  keyId: r.key_id,
  signature: r.signature,
});

export async function latestCheckpoint(db: Db): Promise<Checkpoint | null> {
  const row = await db
    .selectFrom('ledger_checkpoint')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? checkpointFromRow(row) : null;
}

/** Why a checkpoint cannot be trusted with this key, or null when it can. */
export function checkpointSignatureFault(key: CheckpointKey, cp: Checkpoint): string | null {
  if (cp.algorithm !== CHECKPOINT_ALGORITHM) return `检查点签名算法 ${cp.algorithm} 不受支持`;
  if (cp.keyId !== key.id) return `检查点由未知密钥（${cp.keyId}）签发，本机密钥为 ${key.id}`;
  if (!headSignatureValid(key, cp, cp.signature)) return '检查点签名无效：检查点被伪造或改写';
  return null;
}

export type CheckpointOutcome =
  | { status: 'written'; checkpoint: Checkpoint; keyCreated: boolean }
  | { status: 'empty' }
  | { status: 'unchanged'; seq: number }
  | { status: 'refused'; reason: string; seq?: number };

/**
 * Signs the current head when it moved past the last checkpoint. The events since that checkpoint
 * are verified first: a head that does not link back to the last signed one is never sealed.
 */
export async function writeCheckpoint(ctx: Ctx): Promise<CheckpointOutcome> {
  const files = ledgerFiles(ctx.config);
  const head = await chainHead(ctx.db);
  const last = await latestCheckpoint(ctx.db);
  if (!head) {
    return last
      ? { status: 'refused', seq: 1, reason: `链为空，但检查点记录链头为 ${last.seq}` }
      : { status: 'empty' };
  }
  if (last && last.seq > head.seq) {
    return { status: 'refused', seq: head.seq + 1, reason: `链尾被截断：检查点记录链头为 ${last.seq}` };
  }
  if (last && last.seq === head.seq) {
    if (last.headHash === head.hash) return { status: 'unchanged', seq: head.seq };
    return { status: 'refused', seq: head.seq, reason: '链头哈希与上一检查点不符' };
  }
  // A key is created only before the first checkpoint: a host missing the shared key must not
  // quietly start its own chain of trust.
  let key: CheckpointKey | null;
  let keyCreated = false;
  if (last) key = readCheckpointKey(files.keyFile);
  else ({ key, created: keyCreated } = readOrCreateCheckpointKey(files.keyFile));
  if (!key) return { status: 'refused', reason: `检查点密钥文件不存在：${files.keyFile}` };
  if (keyCreated) ctx.log.warn({ keyFile: files.keyFile }, '已生成留痕检查点密钥，请备份并分发到各服务器');
  if (keyFileTooOpen(files.keyFile))
    ctx.log.warn({ keyFile: files.keyFile }, '留痕检查点密钥文件权限过宽（应为 0600）');
  if (last) {
    const fault = checkpointSignatureFault(key, last);
    if (fault) return { status: 'refused', seq: last.seq, reason: fault };
  }
  const scan = await scanChain(ctx.db, {
    afterSeq: last?.seq ?? 0,
    afterHash: last?.headHash,
    stopBefore: head.seq + 1,
  });
  if (scan.fault) return { status: 'refused', ...scan.fault };
  const time = ctx.clock.now();
  const signed = { seq: head.seq, headHash: head.hash, time };
  const cp: Checkpoint = {
    ...signed,
    algorithm: CHECKPOINT_ALGORITHM,
    keyId: key.id,
    signature: signHead(key, signed),
  };
  const inserted = await ctx.db
    .insertInto('ledger_checkpoint')
    .values({
      seq: cp.seq,
      head_hash: cp.headHash,
      time: cp.time,
      algorithm: cp.algorithm,
      key_id: cp.keyId,
      signature: cp.signature,
    })
    .onConflict((oc) => oc.column('seq').doNothing())
    .returning('seq')
    .executeTakeFirst();
  if (!inserted) return { status: 'unchanged', seq: head.seq };
  // The file copy follows the commit: a crash in between leaves a row without a copy (harmless),
  // never a copy without a row (which verify would report as a deleted checkpoint).
  await appendCheckpointFile(files.checkpointFile, cp);
  return { status: 'written', checkpoint: cp, keyCreated };
}

/** The server's periodic job: one process at a time (database lease), a checkpoint when the head moved. */
export async function checkpointJob(ctx: Ctx, holder: string): Promise<void> {
  const ttlMs = Math.max(60_000, ctx.config.checkpointIntervalSeconds * 2000);
  const out = await runExclusive(ctx, CHECKPOINT_LEASE, holder, ttlMs, () => writeCheckpoint(ctx));
  if (!out) return;
  if (out.status === 'written') ctx.log.debug({ seq: out.checkpoint.seq }, 'ledger checkpoint written');
  if (out.status === 'refused') {
    ctx.log.error(
      { seq: out.seq, reason: out.reason },
      '留痕链异常，未签发检查点（请运行 govdata ledger verify）',
    );
  }
}

export async function appendCheckpointFile(file: string, cp: Checkpoint): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const line = `${JSON.stringify({ ...cp, time: cp.time.toISOString() })}\n`;
  const fh = await fs.promises.open(file, 'a', 0o600);
  try {
    await fh.write(line); // one write of one short line: appends from several processes do not interleave
    await fh.datasync();
  } finally {
    await fh.close();
  }
}

export interface CheckpointFileLine {
  line: number;
  checkpoint?: Checkpoint;
  error?: string;
}

/** Streams the outside copy line by line (it grows by one line a checkpoint, so it is never loaded whole). */
export async function* readCheckpointFile(file: string): AsyncGenerator<CheckpointFileLine> {
  let stream: fs.ReadStream;
  try {
    await fs.promises.access(file);
    stream = fs.createReadStream(file, { encoding: 'utf8' });
  } catch {
    return;
  }
  let n = 0;
  for await (const text of readline.createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    n += 1;
    if (!text.trim()) continue;
    yield { line: n, ...parseLine(text) };
  }
}

function parseLine(text: string): { checkpoint?: Checkpoint; error?: string } {
  try {
    const o = JSON.parse(text);
    const time = new Date(o.time);
    const ok =
      Number.isSafeInteger(o.seq) &&
      o.seq > 0 &&
      typeof o.headHash === 'string' &&
      typeof o.algorithm === 'string' &&
      typeof o.keyId === 'string' &&
      typeof o.signature === 'string' &&
      !Number.isNaN(time.getTime());
    if (!ok) return { error: '字段缺失或格式不正确' };
    return {
      checkpoint: {
        seq: o.seq,
        headHash: o.headHash,
        time,
        algorithm: o.algorithm,
        keyId: o.keyId,
        signature: o.signature,
      },
    };
  } catch {
    return { error: '不是合法的 JSON' };
  }
}
