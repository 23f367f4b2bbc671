import type { Ctx } from '../context.ts';
import type { Db } from '../db/schema.ts';
import { scanChain } from './chain.ts';
import {
  type Checkpoint,
  chainHead,
  checkpointFromRow,
  checkpointSignatureFault,
  readCheckpointFile,
} from './checkpoint.ts';
import { type CheckpointKey, ledgerFiles, readCheckpointKey } from './keys.ts';

// Art. 11 (全程留痕、可追溯): proves the record was neither altered nor shortened.
//
// What verify detects:
//  - an altered event (its recomputed SM3 hash differs from the stored one);
//  - a removed or inserted event (a seq gap, or a prev_hash that does not link);
//  - reordered events (the links and hashes, which cover seq, break);
//  - a cut-off tail (a checkpoint, from the table or the outside file, names a seq past the head);
//  - a chain rewritten with fresh, self-consistent hashes (the hash at a checkpoint's seq differs from
//    the signed one, or a checkpoint's signature does not verify with the key outside the database);
//  - a checkpoint row removed from the table while its outside copy remains.
// What it cannot detect: events appended after the last checkpoint and then cut (or rewritten)
// before the next one — nothing outside the database has seen them yet. The servers keep that
// window short by checkpointing every checkpointIntervalSeconds when the head moved. Nor can it
// tell anything once both the key and the outside file are in the attacker's hands too.

export interface VerifyResult {
  ok: boolean;
  /** Events whose hash and link were recomputed and found good. */
  checked: number;
  headSeq: number;
  /** Checkpoint rows checked in the table. */
  checkpoints: number;
  /** Lines of the outside checkpoint file checked. */
  outsideCopies: number;
  /** The highest checkpointed seq; events after it are not yet sealed. */
  lastCheckpointSeq: number | null;
  firstBadSeq?: number;
  reason?: string;
}

interface Fault {
  seq?: number;
  reason: string;
}

const BATCH = 500;

/** Streams the whole chain in pages (bounded memory whatever its length) and every checkpoint. */
export async function verifyLedger(ctx: Ctx, opts: { pageSize?: number } = {}): Promise<VerifyResult> {
  const files = ledgerFiles(ctx.config);
  const key = readCheckpointKey(files.keyFile);
  const cps = await checkCheckpoints(ctx.db, key, files.checkpointFile, files.keyFile);
  const stopBefore = cps.fault?.seq;
  const scan = await scanChain(ctx.db, { pageSize: opts.pageSize, stopBefore });
  const fault: Fault | undefined = scan.fault ?? cps.fault;
  const headSeq = (await chainHead(ctx.db))?.seq ?? 0;
  return {
    ok: !fault,
    checked: scan.checked,
    headSeq,
    checkpoints: cps.count,
    outsideCopies: cps.copies,
    lastCheckpointSeq: cps.maxSeq,
    ...(fault?.seq !== undefined ? { firstBadSeq: fault.seq } : {}),
    ...(fault ? { reason: fault.reason } : {}),
  };
}

interface Pending {
  cp: Checkpoint;
  /** Where it came from, for the report. */
  source: string;
  fromFile: boolean;
}

/** Checks every checkpoint's signature and that the chain still holds its signed head (in batches). */
async function checkCheckpoints(db: Db, key: CheckpointKey | null, file: string, keyFile: string) {
  let fault: Fault | undefined;
  let count = 0;
  let copies = 0;
  let maxSeq: number | null = null;
  // The lowest seq wins; a fault without a seq (unreadable line, missing key) only if nothing else.
  const note = (f: Fault) => {
    if (!fault || (f.seq !== undefined && (fault.seq === undefined || f.seq < fault.seq))) fault = f;
  };
  // Re-read lazily: a checkpoint written after our first look may name a newer head (not a cut).
  let headSeq = (await chainHead(db))?.seq ?? 0;
  const batch: Pending[] = [];

  const flush = async () => {
    if (!batch.length) return;
    const seqs = [...new Set(batch.map((b) => b.cp.seq))];
    const hashes = new Map(
      (await db.selectFrom('ledger_event').select(['seq', 'hash']).where('seq', 'in', seqs).execute()).map(
        (r) => [r.seq, r.hash],
      ),
    );
    const fileSeqs = [...new Set(batch.filter((b) => b.fromFile).map((b) => b.cp.seq))];
    const rows = new Map(
      fileSeqs.length
        ? (
            await db
              .selectFrom('ledger_checkpoint')
              .select(['seq', 'head_hash'])
              .where('seq', 'in', fileSeqs)
              .execute()
          ).map((r) => [r.seq, r.head_hash])
        : [],
    );
    for (const { cp, source, fromFile } of batch) {
      if (fromFile) copies += 1;
      else count += 1;
      maxSeq = Math.max(maxSeq ?? 0, cp.seq);
      if (key) {
        const bad = checkpointSignatureFault(key, cp);
        if (bad) note({ seq: cp.seq, reason: `${source}（seq ${cp.seq}）：${bad}` });
      }
      if (cp.seq > headSeq) headSeq = (await chainHead(db))?.seq ?? 0;
      if (cp.seq > headSeq) {
        note({
          seq: headSeq + 1,
          reason: `链尾被截断：${source}记录链头为 seq ${cp.seq}，数据库中的链只到 seq ${headSeq}`,
        });
      } else if (!hashes.has(cp.seq)) {
        note({ seq: cp.seq, reason: `序号 ${cp.seq} 缺失：事件被删除（${source}曾签署此处的链头）` });
      } else if (hashes.get(cp.seq) !== cp.headHash) {
        note({
          seq: cp.seq,
          reason: `seq ${cp.seq} 的哈希与${source}签署的链头不符：此前的事件被改写并重算了哈希`,
        });
      }
      if (fromFile) {
        const inTable = rows.get(cp.seq);
        if (inTable === undefined) {
          note({ seq: cp.seq, reason: `检查点 seq ${cp.seq} 已从数据库中删除（${source}仍有记录）` });
        } else if (inTable !== cp.headHash) {
          note({ seq: cp.seq, reason: `数据库中的检查点 seq ${cp.seq} 与${source}不符` });
        }
      }
    }
    batch.length = 0;
  };

  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('ledger_checkpoint')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const r of page) batch.push({ cp: checkpointFromRow(r), source: '检查点表', fromFile: false });
    await flush();
    if (page.length < BATCH) break;
    after = page[page.length - 1].seq;
  }
  for await (const l of readCheckpointFile(file)) {
    if (!l.checkpoint) {
      note({ reason: `外部检查点文件 ${file} 第 ${l.line} 行无法解析：${l.error}` });
      continue;
    }
    batch.push({ cp: l.checkpoint, source: `外部检查点文件第 ${l.line} 行`, fromFile: true });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  if ((count || copies) && !key) note({ reason: `检查点密钥文件不存在，无法核验检查点签名：${keyFile}` });
  return { fault: fault as Fault | undefined, count, copies, maxSeq: maxSeq as number | null };
}
