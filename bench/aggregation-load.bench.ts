import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type KyselyPlugin, type RawNode, sql } from 'kysely';
import { actorByUsername } from '../src/agencies/accounts.ts';
import { loadDemoProvince } from '../src/agencies/demo.ts';
import { createDataset } from '../src/aggregation/datasets.ts';
import { type LoadResult, runLoad } from '../src/aggregation/load.ts';
import { RowProcessor } from '../src/aggregation/load-rows.ts';
import { openFile, type RowSource } from '../src/aggregation/readers/index.ts';
import { createEntry } from '../src/catalog/entries.ts';
import { submitEntry } from '../src/catalog/review.ts';
import type { Actor, Ctx } from '../src/kernel/context.ts';
import { transition } from '../src/matters/index.ts';
import { LOAD_ITEMS, type LoadFiles, writeLoadFiles } from './aggregation-load-data.ts';
import type { BenchContext, Benchmark, Comparison, Measurement } from './index.ts';

// Issue 5 acceptance (Art. 18, 19, 38): a 10-column CSV of `--rows` people (default 1,000,000)
// loaded in full and then incrementally (10 % changed) through the real loader — every cell checked,
// the key blind-indexed, personal data sealed with SM4 — beside PostgreSQL's COPY of the same file
// into an unindexed table of ten text columns, in the same run. Goals: full ≥ 0.5 × COPY, RSS < 300 MB.

const MB = 2 ** 20;
const sec = (ms: number) => (ms / 1000).toFixed(1);
const n0 = (x: number) => Math.round(x).toLocaleString('en-US');

/** Where the time of one load goes: the reader, row processing (pure CPU), statements by kind, the rest. */
interface Phase {
  read: number;
  process: number;
  statements: Map<string, number>;
}

const STATEMENTS: Record<string, string> = {
  'select distinct on': '查当前版本',
  'insert into agg_record': '插入记录版本',
  UpdateQueryNode: '更新批次进度',
};

/** Times each statement from compilation to its result (the loader's ctx.db gets this plugin). */
function statementTimer(p: Phase): KyselyPlugin {
  const started = new WeakMap<object, [string, number]>();
  return {
    transformQuery({ node, queryId }) {
      const raw = node.kind === 'RawNode' ? (node as RawNode).sqlFragments[0].trim() : '';
      const kind = raw ? raw.split(/\s+/).slice(0, 3).join(' ') : node.kind;
      started.set(queryId, [STATEMENTS[kind] ?? '其他语句', performance.now()]);
      return node;
    },
    async transformResult({ result, queryId }) {
      const [label, t0] = started.get(queryId) ?? ['其他语句', performance.now()];
      p.statements.set(label, (p.statements.get(label) ?? 0) + performance.now() - t0);
      return result;
    },
  };
}

function timedSource(src: RowSource, p: Phase): RowSource {
  return {
    totalBytes: src.totalBytes,
    async *batches() {
      const it = src.batches()[Symbol.asyncIterator]();
      for (;;) {
        const t0 = performance.now();
        const r = await it.next();
        p.read += performance.now() - t0;
        if (r.done) return;
        yield r.value;
      }
    },
  };
}

// CPU seconds of this database's backends and the WAL writer/checkpointer (from /proc: the server
// runs on this machine), so database time can be told from Node time.
async function serverPids(ctx: Ctx): Promise<number[]> {
  const r = await sql<{ pid: number }>`select pid from pg_stat_activity
    where datname = current_database() or backend_type in ('walwriter', 'checkpointer', 'background writer')`.execute(
    ctx.db,
  );
  return r.rows.map((x) => x.pid);
}
function cpuTicks(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return null;
  }
}

/** Samples RSS every 100 ms and the server's CPU; `stop` gives the phase's peak and CPU seconds. */
async function monitor(ctx: Ctx) {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const read = (pids: Iterable<number>) => {
    for (const pid of pids) {
      const t = cpuTicks(pid);
      if (t === null) continue;
      if (!first.has(pid)) first.set(pid, t);
      last.set(pid, t);
    }
  };
  read(await serverPids(ctx));
  const cpu0 = process.cpuUsage();
  let peak = process.memoryUsage();
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peak.rss) peak = m;
  };
  const timer = setInterval(() => {
    sample();
    read(first.keys());
  }, 100);
  return async () => {
    clearInterval(timer);
    sample();
    // Connections opened during the phase count from zero.
    for (const pid of await serverPids(ctx)) if (!first.has(pid)) first.set(pid, 0);
    read(first.keys());
    let ticks = 0;
    for (const [pid, t] of last) ticks += t - first.get(pid)!;
    const c = process.cpuUsage(cpu0);
    return { peak, nodeCpu: (c.user + c.system) / 1e6, pgCpu: ticks / 100 };
  };
}

/** Publishes the entry as 省公安厅's data officer (reviewed by the province) and registers its dataset. */
async function setUp(ctx: Ctx): Promise<{ officer: Actor; datasetId: number; columns: string }> {
  await loadDemoProvince(ctx, 'Bench#2026hlj');
  const officer = (await actorByUsername(ctx.db, 'gat.data'))!;
  const { entry } = await createEntry(ctx, officer, {
    name: '户籍人口登记信息（汇聚基准）',
    summary: '哈尔滨市户籍人口登记信息，含身份、联系方式与就业单位，用于百万行汇聚性能基准。',
    classificationCode: '101002',
    groupCode: 'base.population',
    formatCode: 'table',
    frequencyCode: 'daily',
    shareType: '有条件共享',
    shareConditions: { scope: '省内政务部门', purpose: '办理政务服务事项时核验身份' },
    openType: '不予开放',
    openReason: '含公民个人隐私信息',
    items: LOAD_ITEMS,
  });
  const submitted = await submitEntry(ctx, officer, entry.id, {
    justification: '本部门履职确需独立采集，已与相关部门沟通。',
  });
  const reviewer = (await actorByUsername(ctx.db, 'sheng.reviewer'))!;
  await transition(ctx, reviewer, submitted.reviewMatterId!, 'publish');
  const key = entry.items.find((i) => i.name === '公民身份号码')!.code;
  const ds = await createDataset(ctx, officer, { entryId: entry.id, keyItems: [key] });
  const unbound = entry.items.filter((i) => i.dataElementId === null).map((i) => i.name);
  const columns = ds.columns
    .map((c) => `${c.itemName}${c.protected ? '（加密）' : ''}[${c.rules.map((r) => r.kind).join('/')}]`)
    .join('、');
  return { officer, datasetId: ds.id, columns: `${columns}；未绑定数据元：${unbound.join('、') || '无'}` };
}

/** COPY of the file into an unindexed 10-text-column table: server-side, else psql's \copy. */
async function copyBaseline(ctx: Ctx, files: LoadFiles): Promise<{ m: Measurement; how: string }> {
  const cols = Array.from({ length: 10 }, (_, i) => `c${i + 1} text`).join(', ');
  await sql.raw(`drop table if exists bench_copy; create table bench_copy (${cols})`).execute(ctx.db);
  const quoted = `'${files.full.replace(/'/g, "''")}'`;
  let how = '服务器端 COPY FROM 文件';
  const t0 = performance.now();
  try {
    await sql.raw(`copy bench_copy from ${quoted} with (format csv, header true)`).execute(ctx.db);
  } catch (err) {
    // No file access for the server (another host or user): the client sends the file instead.
    how = `psql \\copy（服务器端读文件失败：${(err as Error).message}）`;
    const url = new URL(ctx.config.databaseUrl!);
    url.pathname = `/${(await sql<{ d: string }>`select current_database() as d`.execute(ctx.db)).rows[0].d}`;
    execFileSync('psql', [
      url.toString(),
      '-c',
      `\\copy bench_copy from ${quoted} with (format csv, header true)`,
    ]);
  }
  const seconds = (performance.now() - t0) / 1000;
  const n = (await sql<{ n: number }>`select count(*)::int as n from bench_copy`.execute(ctx.db)).rows[0].n;
  if (n !== files.rows) throw new Error(`COPY loaded ${n} rows, expected ${files.rows}`);
  return { m: { label: 'COPY 同一文件入无索引 10 列文本表', count: n, seconds }, how };
}

async function timedLoad(
  b: BenchContext,
  officer: Actor,
  datasetId: number,
  file: string,
  kind: 'full' | 'incremental',
) {
  const p: Phase = { read: 0, process: 0, statements: new Map() };
  const ctx: Ctx = { ...b.sys.ctx, db: b.sys.ctx.db.withPlugin(statementTimer(p)) };
  // Instrumentation lives here, not in src/: RowProcessor.process is wrapped for the load's duration.
  const proto = RowProcessor.prototype;
  const original = proto.process;
  proto.process = function (this: RowProcessor, ...args: Parameters<RowProcessor['process']>) {
    const t0 = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      p.process += performance.now() - t0;
    }
  };
  const stop = await monitor(b.sys.ctx);
  let lastShown = 0;
  const t0 = performance.now();
  let r: LoadResult;
  try {
    r = await runLoad(ctx, officer, datasetId, timedSource(await openFile(file), p), {
      kind,
      source: 'bench',
      fileName: path.basename(file),
      onProgress: (x) => {
        if (x.rowsRead - lastShown >= 100_000) {
          lastShown = x.rowsRead;
          b.progress(`${kind === 'full' ? '全量' : '增量'}装载 ${n0(x.rowsRead)} 行`);
        }
      },
    });
  } finally {
    proto.process = original;
  }
  const total = performance.now() - t0;
  const usage = await stop();
  return { r, total, p, ...usage };
}

type Timed = Awaited<ReturnType<typeof timedLoad>>;

const breakdown = (x: Timed) => {
  const stmts = [...x.p.statements.values()].reduce((a, c) => a + c, 0);
  const rest = x.total - x.p.read - x.p.process - stmts;
  const each = [...x.p.statements].map(([k, v]) => `${k} ${sec(v)}`).join('、');
  return (
    `耗时 ${sec(x.total)} 秒 = 读取解析 ${sec(x.p.read)} + 行处理（校验、HMAC-SM3 盲索引、SM3 指纹、SM4 加密、JSON）${sec(x.p.process)} + 语句 ${sec(stmts)}（${each}）+ 其余（事务开始与提交、分块）${sec(rest)}；` +
    `Node CPU ${x.nodeCpu.toFixed(1)} 秒（${((100 * x.nodeCpu * 1000) / x.total).toFixed(0)}% 单核），PostgreSQL CPU ${x.pgCpu.toFixed(1)} 秒（${((100 * x.pgCpu * 1000) / x.total).toFixed(0)}%），峰值 RSS ${(x.peak.rss / MB).toFixed(0)} MB（其时堆 ${(x.peak.heapUsed / MB).toFixed(0)}/${(x.peak.heapTotal / MB).toFixed(0)} MB，堆外 ${(x.peak.external / MB).toFixed(0)} MB）`
  );
};

const benchmark: Benchmark = {
  name: 'aggregation-load',
  title: '数据汇聚：百万行 CSV 全量与增量装载（第十八、十九、三十八条）',
  pglite: false,
  async run(b): Promise<Comparison[]> {
    const { ctx } = b.sys;
    const n = b.options.rows;
    const load0 = os.loadavg();
    const rssStart = process.memoryUsage().rss;
    b.progress('载入演示省份，发布目录并登记数据集');
    const { officer, datasetId, columns } = await setUp(ctx);
    // A folder the server's own user can read (mkdtemp makes it private).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-agg-load-'));
    fs.chmodSync(dir, 0o755);
    try {
      b.progress(`生成 ${n0(n)} 行 CSV（两份）`);
      const files = writeLoadFiles(dir, n);
      b.progress('基线：COPY');
      const copy1 = await copyBaseline(ctx, files);
      const rssBefore = process.memoryUsage().rss;

      b.progress('全量装载');
      const full = await timedLoad(b, officer, datasetId, files.full, 'full');
      if (full.r.status !== 'committed' || full.r.rowsAdded !== n || full.r.rowsRejected !== 0)
        throw new Error(`full load: ${JSON.stringify({ ...full.r, report: undefined })}`);
      const size = (
        await sql<{ s: string }>`select pg_size_pretty(pg_total_relation_size('agg_record')) as s`.execute(
          ctx.db,
        )
      ).rows[0].s;

      b.progress('增量装载（10% 行变更）');
      const inc = await timedLoad(b, officer, datasetId, files.changed, 'incremental');
      const r = inc.r;
      if (
        r.status !== 'committed' ||
        r.rowsChanged !== files.changedRows ||
        r.rowsUnchanged !== n - files.changedRows
      )
        throw new Error(`incremental load: ${JSON.stringify({ ...r, report: undefined })}`);

      b.progress('基线：再次 COPY');
      const copy2 = await copyBaseline(ctx, files);
      const copy = copy2.m.seconds < copy1.m.seconds ? copy2.m : copy1.m;
      const maxRss = process.resourceUsage().maxRSS / 1024;
      const peak = Math.max(full.peak.rss, inc.peak.rss) / MB;
      const ratio = n / (full.total / 1000) / (copy.count / copy.seconds);
      const warnings = (full.r.report as { warnings?: number } | null)?.warnings ?? 0;
      const notes = [
        `文件 ${(files.bytes / MB).toFixed(0)} MB（UTF-8，${n0(n)} 行 × 10 列），生成两份用时 ${files.seconds.toFixed(1)} 秒；列：${columns}`,
        `全量：新增 ${n0(full.r.rowsAdded)}、拒收 ${full.r.rowsRejected}、警告 ${warnings}；agg_record 含索引 ${size}；${breakdown(full)}`,
        `增量：变更 ${n0(r.rowsChanged)}（${((100 * r.rowsChanged) / n).toFixed(1)}%）、未变 ${n0(r.rowsUnchanged)}、新增 ${r.rowsAdded}；${breakdown(inc)}`,
        `COPY（${copy1.how}）两次：装载前 ${copy1.m.seconds.toFixed(2)} 秒、装载后 ${copy2.m.seconds.toFixed(2)} 秒，取较快者为基线`,
        `内存：基准开始时 RSS ${(rssStart / MB).toFixed(0)} MB（已载入 tsx 与全部模块），装载前 ${(rssBefore / MB).toFixed(0)} MB，两次装载中采样峰值 ${peak.toFixed(0)} MB（每 100 ms），进程 maxRSS ${maxRss.toFixed(0)} MB（含生成文件与 COPY 阶段）`,
        `目标：全量 ≥ 0.5 × COPY —— ${ratio >= 0.5 ? '达到' : '未达到'}（${ratio.toPrecision(2)} ×）；RSS < 300 MB —— ${maxRss < 300 ? '达到' : '未达到'}（${maxRss.toFixed(0)} MB）`,
        `机器：${os.cpus().length} 核，开始时负载 ${load0.map((x) => x.toFixed(2)).join(' ')}，结束时 ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}`,
      ];
      return [
        {
          subject: { label: `全量装载（校验 + 加密，${n0(n)} 行）`, count: n, seconds: full.total / 1000 },
          baseline: copy,
        },
        {
          subject: { label: '增量装载（10% 行变更）', count: n, seconds: inc.total / 1000 },
          baseline: copy,
          note: notes.join('\n注：'),
        },
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default benchmark;
