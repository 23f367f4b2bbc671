import { sql } from 'kysely';
import { type Ctx, inTransaction, systemActor } from '../src/kernel/context.ts';
import { canonicalJson } from '../src/kernel/ledger/canonical.ts';
import { readChainPage, VERIFY_PAGE_SIZE } from '../src/kernel/ledger/chain.ts';
import { writeCheckpoint } from '../src/kernel/ledger/checkpoint.ts';
import { verifyLedger } from '../src/kernel/ledger/verify.ts';
import type { BenchContext, Benchmark, Comparison, Measurement } from './index.ts';

// The ledger's two costs: appending inside business transactions (advisory lock + head read + SM3,
// serialised across all writers) and verifying (SM3 over every event). Each is set beside the same
// work without the ledger: plain inserts into an identical table, and plain paged reads.

const details = (w: number, i: number) => ({ writer: w, i, note: '基准事件', tags: ['a', 'b'] });

/** `writers` loops, each committing one transaction after another until the time is up. */
async function timed(writers: number, seconds: number, tx: (w: number, i: number) => Promise<void>) {
  let count = 0;
  const start = performance.now();
  const stopAt = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; performance.now() < stopAt; i++) {
        await tx(w, i);
        count += 1;
      }
    }),
  );
  return { count, seconds: (performance.now() - start) / 1000 };
}

const SLICES = 4;
const add = (m: Measurement, r: { count: number; seconds: number }) => {
  m.count += r.count;
  m.seconds += r.seconds;
};

const appendEvent = (ctx: Ctx) => (w: number, i: number) =>
  inTransaction(ctx, systemActor, async (t) => {
    t.record({ action: 'bench.append', subject: `writer:${w}`, details: details(w, i) });
  });

// The same row into a table with the same columns, keys and indexes but no triggers, a sequence
// instead of the chain lock, and no hash computed.
const appendPlain = (ctx: Ctx) => (w: number, i: number) =>
  ctx.db.transaction().execute(async (trx) => {
    await sql`insert into bench_plain_event (seq, time, actor, agency, action, subject, details, prev_hash, hash)
      values (nextval('bench_plain_seq'), ${new Date()}, 'system', null, 'bench.append', ${`writer:${w}`},
        ${canonicalJson(details(w, i))}::jsonb, ${'0'.repeat(64)}, lpad(currval('bench_plain_seq')::text, 64, '0'))`.execute(
      trx,
    );
  });

async function appends(b: BenchContext): Promise<Comparison[]> {
  const { ctx } = b.sys;
  await sql`create table bench_plain_event (like ledger_event including all)`.execute(ctx.db);
  await sql`create sequence bench_plain_seq`.execute(ctx.db);
  await timed(4, 0.5, appendEvent(ctx));
  await timed(4, 0.5, appendPlain(ctx));
  const out: Comparison[] = [];
  for (const writers of b.options.writers) {
    b.progress(`追加：${writers} 个并发写入者`);
    // Alternating short slices: both sides see the same disk (fsync latency on a VM drifts).
    const subject = { label: `留痕追加（${writers} 并发事务）`, count: 0, seconds: 0 };
    const baseline = { label: `同结构表直接插入（${writers} 并发）`, count: 0, seconds: 0 };
    for (let slice = 0; slice < SLICES; slice++) {
      add(subject, await timed(writers, b.options.seconds / SLICES, appendEvent(ctx)));
      add(baseline, await timed(writers, b.options.seconds / SLICES, appendPlain(ctx)));
    }
    out.push({ subject, baseline });
  }
  out.at(-1)!.note =
    '每个事务一条事件；留痕追加 = 取链锁（pg_advisory_xact_lock）+ 读链头 + SM3 + 插入，在提交顺序上串行。';
  return out;
}

async function verify(b: BenchContext): Promise<Comparison[]> {
  const { ctx } = b.sys;
  const have = (await sql<{ n: number }>`select count(*)::int as n from ledger_event`.execute(ctx.db)).rows[0]
    .n;
  b.progress(`准备 ${b.options.events} 条事件`);
  for (let done = have; done < b.options.events; done += 1000) {
    const n = Math.min(1000, b.options.events - done);
    await inTransaction(ctx, systemActor, async (t) => {
      for (let i = 0; i < n; i++)
        t.record({ action: 'bench.verify', subject: `item:${done + i}`, details: details(0, done + i) });
    });
  }
  await writeCheckpoint(ctx);
  const total = (await sql<{ n: number }>`select count(*)::int as n from ledger_event`.execute(ctx.db))
    .rows[0].n;

  // Best of three of each, alternating, so neither side is favoured by a warm cache.
  let best: Measurement | null = null;
  let bestRead: Measurement | null = null;
  let heapGrowth = 0;
  for (let round = 0; round < 3; round++) {
    b.progress(`校验第 ${round + 1} 轮`);
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 5);
    let t0 = performance.now();
    const r = await verifyLedger(ctx);
    clearInterval(sampler);
    if (!r.ok || r.checked !== total) throw new Error(`verify failed in the benchmark: ${JSON.stringify(r)}`);
    const v = {
      label: `留痕链校验（${total} 条）`,
      count: r.checked,
      seconds: (performance.now() - t0) / 1000,
    };
    if (!best || v.seconds < best.seconds) best = v;
    heapGrowth = Math.max(heapGrowth, heapPeak - heapBefore);

    t0 = performance.now();
    const read = await readAll(ctx);
    const m = {
      label: `同样分页只读取（每页 ${VERIFY_PAGE_SIZE}）`,
      count: read,
      seconds: (performance.now() - t0) / 1000,
    };
    if (!bestRead || m.seconds < bestRead.seconds) bestRead = m;
  }
  return [
    {
      subject: best!,
      baseline: bestRead!,
      note: `校验 = 按页读取 + 重算 SM3 与链接 + 核验检查点签名；校验期间堆内存峰值增量约 ${(heapGrowth / 2 ** 20).toFixed(1)} MB（含尚未回收的垃圾；校验任何时刻只持有两页行数据）。`,
    },
  ];
}

/** Reads the chain in the same pages as verify (next page fetched while the current is handled). */
async function readAll(ctx: Ctx): Promise<number> {
  let n = 0;
  let page = await readChainPage(ctx.db, 0, VERIFY_PAGE_SIZE);
  while (page.length) {
    const next =
      page.length === VERIFY_PAGE_SIZE
        ? readChainPage(ctx.db, page[page.length - 1].seq, VERIFY_PAGE_SIZE)
        : null;
    n += page.length;
    page = next ? await next : [];
  }
  return n;
}

const benchmark: Benchmark = {
  name: 'ledger',
  title: '留痕链：追加与校验',
  async run(b) {
    return [...(await appends(b)), ...(await verify(b))];
  },
};
export default benchmark;
