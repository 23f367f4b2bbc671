// Reader throughput on generated rows: `npx tsx src/aggregation/readers/bench-readers.ts [rows]`.
// The bytes are generated first and replayed from memory, so only decoding and parsing are timed.
// Art. 18 load goal: ≥ 0.5 × PostgreSQL COPY, i.e. ≥ 400,000 rows/s for a plain 10-column CSV.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openCsv } from './csv.ts';
import { openJson } from './json.ts';
import { SAMPLE_HEADER, type SampleFormat, sampleChunks, sampleRow } from './sample-data.ts';
import type { RowSource } from './types.ts';
import { openXlsx } from './xlsx.ts';

const ROWS = Number(process.argv[2] ?? 300_000);
const XLSX_ROWS = Math.min(ROWS, 50_000);

async function collect(format: SampleFormat): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const c of sampleChunks(ROWS, format)) chunks.push(c);
  return chunks;
}

async function* replay(chunks: Buffer[]) {
  yield* chunks;
}

/** Best of three runs, in rows per second. */
async function measure(open: () => RowSource, rows: number): Promise<number> {
  let best = 0;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    let n = 0;
    for await (const b of open().batches()) n += b.rows.length;
    if (n !== rows) throw new Error(`expected ${rows} rows, read ${n}`);
    best = Math.max(best, (n / (performance.now() - t0)) * 1000);
  }
  return best;
}

async function xlsxFile(): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-readers-')), 'bench.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('数据');
  ws.addRow(SAMPLE_HEADER).commit();
  for (let i = 0; i < XLSX_ROWS; i++) ws.addRow(sampleRow(i)).commit();
  ws.commit();
  await wb.commit();
  return file;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(11);

/** A million rows streamed from the generator (never held whole): peak RSS of the whole process. */
async function streamedPeakRss(rows: number): Promise<[number, number]> {
  let peak = process.memoryUsage().rss;
  let n = 0;
  const t0 = performance.now();
  for await (const b of openCsv(sampleChunks(rows, 'csv')).batches()) {
    n += b.rows.length;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  if (n !== rows) throw new Error(`expected ${rows} rows, read ${n}`);
  return [(n / (performance.now() - t0)) * 1000, peak];
}

const [streamedRate, peakRss] = await streamedPeakRss(1_000_000);
const results: [string, number, number][] = [];
for (const [label, format] of [
  ['CSV UTF-8', 'csv'],
  ['CSV GBK', 'csv-gbk'],
  ['NDJSON', 'ndjson'],
] as const) {
  const chunks = await collect(format);
  const bytes = chunks.reduce((s, c) => s + c.length, 0);
  const open = () => (format === 'ndjson' ? openJson(replay(chunks)) : openCsv(replay(chunks)));
  results.push([label, await measure(open, ROWS), bytes]);
}
const file = await xlsxFile();
results.push([
  `XLSX (${XLSX_ROWS} rows)`,
  await measure(() => openXlsx(file), XLSX_ROWS),
  fs.statSync(file).size,
]);
fs.rmSync(path.dirname(file), { recursive: true, force: true });

console.log(
  `${ROWS} rows × ${SAMPLE_HEADER.length} columns, Node ${process.version}, ${os.cpus().length} CPU`,
);
for (const [label, rate, bytes] of results)
  console.log(`${label.padEnd(20)} ${fmt(rate)} rows/s  ${(bytes / 1048576).toFixed(1).padStart(6)} MB`);
console.log(
  `1,000,000 CSV rows streamed from the generator (generation included): ${fmt(streamedRate).trim()} rows/s, ` +
    `peak RSS ${(peakRss / 1048576).toFixed(0)} MB`,
);
