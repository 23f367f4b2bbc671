import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import type { Config } from '../src/config.ts';
import { openSystem, type System } from '../src/system.ts';

// `govdata bench [name…] [--seconds S] [--writers 1,4,8] [--events N]` on PostgreSQL.
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

export interface Benchmark {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<Comparison[]>;
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
    },
  });
  if (!config.databaseUrl) {
    console.error(
      'govdata bench 需要 DATABASE_URL 指向一个 PostgreSQL 服务器（将在其上新建并删除基准专用数据库）。',
    );
    return 2;
  }
  const options: BenchOptions = {
    seconds: Number(values.seconds),
    writers: values.writers.split(',').map(Number),
    events: Number(values.events),
  };
  const all = await loadBenchmarks();
  const chosen = positionals.length ? all.filter((b) => positionals.includes(b.name)) : all;
  if (!chosen.length) {
    console.error(`未知基准：${positionals.join(', ')}；可选：${all.map((b) => b.name).join(', ')}`);
    return 2;
  }
  // Keys and checkpoint copies of the throw-away databases stay out of the operator's data folder.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-bench-'));
  delete process.env.GOVDATA_LEDGER_KEY_FILE;
  delete process.env.GOVDATA_LEDGER_CHECKPOINT_FILE;
  const benchConfig: Config = { ...config, dataDir: scratch, demo: false };
  console.log(`政务数据平台性能基准（PostgreSQL，${os.cpus().length} 核，Node ${process.version}）`);
  try {
    for (const b of chosen) {
      const results = await withFreshDatabase(benchConfig, b.name, (sys) =>
        b.run({ sys, options, progress: (l) => process.stderr.write(`  … ${l}\n`) }),
      );
      printTable(b, results);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return 0;
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
