import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import type { Config } from '../src/config.ts';
import { openSystem, type System } from '../src/system.ts';

// `govdata bench [name…] [--seconds S] [--writers 1,4,8] [--events N] [--entries N] [--rows N]` on PostgreSQL
// (without DATABASE_URL, the benchmarks that declare `pglite` run on an in-memory PGlite).
// A benchmark is a file `bench/<name>.bench.ts` whose default export is a `Benchmark`: it is found
// here by its name, gets a freshly created, migrated database of its own (dropped afterwards), and
// returns measurements, each beside a baseline measured in the same run.

export interface BenchOptions {
  /** Length of each timed run. */
  seconds: number;
  /** Concurrency levels to try. */
  writers: number[];
  /** Size of the data set for read-side benchmarks. */
  events: number;
  /** Catalog entries for the catalog search benchmark. */
  entries: number;
  /** Rows of the CSV file for the aggregation load benchmark. */
  rows: number;
}

export interface BenchContext {
  sys: System;
  options: BenchOptions;
  /** Progress lines (stderr, so the table on stdout stays clean). */
  progress(line: string): void;
}

export interface Measurement {
  label: string;
  count: number;
  seconds: number;
}

export interface Comparison {
  subject: Measurement;
  baseline: Measurement;
  note?: string;
}

/** Latencies of one kind of request (milliseconds), with the hits it returned. */
export interface LatencyRow {
  label: string;
  hits: number;
  samples: number[];
}

/** A latency benchmark's answer: each subject beside its baseline, measured in the same run. */
export interface LatencyReport {
  kind: 'latency';
  rows: { subject: LatencyRow; baseline: LatencyRow | null }[];
  notes: string[];
}

export interface Benchmark {
  name: string;
  title: string;
  /** Also runs on an in-memory PGlite (when no DATABASE_URL is given). */
  pglite?: boolean;
  run(ctx: BenchContext): Promise<Comparison[] | LatencyReport>;
}

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

export async function loadBenchmarks(): Promise<Benchmark[]> {
  const files = fs
    .readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const out: Benchmark[] = [];
  for (const f of files) out.push((await import(pathToFileURL(path.join(BENCH_DIR, f)).href)).default);
  return out;
}

export async function runBenchmarks(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      seconds: { type: 'string', default: '4' },
      writers: { type: 'string', default: '1,4,8' },
      events: { type: 'string', default: '50000' },
      entries: { type: 'string', default: '100000' },
      rows: { type: 'string', default: '1000000' },
    },
  });
  const all = await loadBenchmarks();
  const chosen = positionals.length ? all.filter((b) => positionals.includes(b.name)) : all;
  const pglite = !config.databaseUrl && chosen.length > 0 && chosen.every((b) => b.pglite);
  if (!config.databaseUrl && !pglite) {
    console.error(
      'govdata bench 需要 DATABASE_URL 指向一个 PostgreSQL 服务器（将在其上新建并删除基准专用数据库）。',
    );
    return 2;
  }
  const options: BenchOptions = {
    seconds: Number(values.seconds),
    writers: values.writers.split(',').map(Number),
    events: Number(values.events),
    entries: Number(values.entries),
    rows: Number(values.rows),
  };
  if (!chosen.length) {
    console.error(`未知基准：${positionals.join(', ')}；可选：${all.map((b) => b.name).join(', ')}`);
    return 2;
  }
  // Keys and checkpoint copies of the throw-away databases stay out of the operator's data folder.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-bench-'));
  delete process.env.GOVDATA_LEDGER_KEY_FILE;
  delete process.env.GOVDATA_LEDGER_CHECKPOINT_FILE;
  const benchConfig: Config = { ...config, dataDir: scratch, demo: false };
  const engine = pglite ? 'PGlite（内存）' : 'PostgreSQL';
  console.log(`政务数据平台性能基准（${engine}，${os.cpus().length} 核，Node ${process.version}）`);
  try {
    for (const b of chosen) {
      const run = (sys: System) =>
        b.run({ sys, options, progress: (l) => process.stderr.write(`  … ${l}\n`) });
      const results = pglite
        ? await withPglite(benchConfig, run)
        : await withFreshDatabase(benchConfig, b.name, run);
      if (Array.isArray(results)) printTable(b, results);
      else printLatencies(b, results);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return 0;
}

async function withPglite<T>(config: Config, fn: (sys: System) => Promise<T>): Promise<T> {
  const sys = await openSystem(config, { inMemory: true, demo: false, log: pino({ level: 'error' }) });
  try {
    return await fn(sys);
  } finally {
    await sys.close();
  }
}

async function withFreshDatabase<T>(
  config: Config,
  name: string,
  fn: (sys: System) => Promise<T>,
): Promise<T> {
  const dbName = `govdata_bench_${process.pid}_${name.replace(/\W/g, '_')}`;
  const admin = new pg.Client({ connectionString: config.databaseUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.query(`create database ${dbName}`);
    const url = new URL(config.databaseUrl!);
    url.pathname = `/${dbName}`;
    const sys = await openSystem(config, {
      databaseUrl: url.toString(),
      demo: false,
      poolSize: 20,
      log: pino({ level: 'error' }),
    });
    try {
      return await fn(sys);
    } finally {
      await sys.close();
    }
  } finally {
    // The pool's connections close asynchronously after sys.close(): forcing the drop while they
    // linger would hit them with an error they no longer listen for.
    for (let i = 0; i < 50; i++) {
      const r = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
        dbName,
      ]);
      if (r.rows[0].n === 0) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

/** Display width: CJK characters take two columns in a terminal. */
const width = (s: string) => [...s].reduce((w, c) => w + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
const pad = (s: string, w: number, right = false) => {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
};
const rate = (m: Measurement) => m.count / m.seconds;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function printTable(b: Benchmark, results: Comparison[]): void {
  const rows: string[][] = [['项目', '数量', '耗时(秒)', '速率(/秒)', '相对基线']];
  for (const c of results) {
    rows.push([
      c.subject.label,
      fmt(c.subject.count),
      c.subject.seconds.toFixed(2),
      fmt(rate(c.subject)),
      `${((100 * rate(c.subject)) / rate(c.baseline)).toFixed(0)}%`,
    ]);
    rows.push([
      `  基线：${c.baseline.label}`,
      fmt(c.baseline.count),
      c.baseline.seconds.toFixed(2),
      fmt(rate(c.baseline)),
      '100%',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => width(r[i]))));
  console.log(`\n${b.title}（${b.name}）`);
  for (const [i, r] of rows.entries()) {
    console.log(r.map((cell, j) => pad(cell, widths[j], j > 0)).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  for (const c of results) if (c.note) console.log(`注：${c.note}`);
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const ms = (n: number) => n.toFixed(1);

function printLatencies(b: Benchmark, r: LatencyReport): void {
  const rows: string[][] = [
    ['请求', '命中', 'p50(ms)', 'p95(ms)', '均值(ms)', '基线命中', '基线p50', '基线p95', 'p95比基线'],
  ];
  for (const { subject: s, baseline: x } of r.rows) {
    const mean = s.samples.reduce((a, c) => a + c, 0) / s.samples.length;
    const p95 = quantile(s.samples, 0.95);
    rows.push([
      s.label,
      fmt(s.hits),
      ms(quantile(s.samples, 0.5)),
      ms(p95),
      ms(mean),
      x ? fmt(x.hits) : '—',
      x ? ms(quantile(x.samples, 0.5)) : '—',
      x ? ms(quantile(x.samples, 0.95)) : '—',
      x ? `${((100 * p95) / quantile(x.samples, 0.95)).toFixed(0)}%` : '—',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => width(row[i]))));
  console.log(`\n${b.title}（${b.name}）`);
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, j) => pad(cell, widths[j], j > 0)).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  for (const n of r.notes) console.log(`注：${n}`);
}
