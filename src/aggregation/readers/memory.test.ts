import { describe, expect, it } from 'vitest';
import { openCsv } from './csv.ts';
import { openJson } from './json.ts';
import { SAMPLE_HEADER, type SampleFormat, sampleChunks, sampleRow } from './sample-data.ts';
import type { RowSource } from './types.ts';

// Art. 18: loads of up to a million rows stream with bounded memory. The rows come from a generator,
// never held whole; the test checks every row arrives in order with its number, and only prints the
// heap growth (a heap-size assertion would flake).

async function check(source: RowSource, rows: number, firstRow: number, label: string) {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  let seen = 0;
  for await (const b of source.batches()) {
    expect(b.header).toEqual(SAMPLE_HEADER);
    expect(b.firstRowNumber).toBe(firstRow + seen);
    for (const row of b.rows) {
      if (row[0] !== String(seen + 1)) expect(row[0]).toBe(String(seen + 1));
      if (seen % 997 === 0) expect(row).toEqual(sampleRow(seen));
      seen++;
    }
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  expect(seen).toBe(rows);
  console.log(`${label}: ${rows} rows, heap growth at peak ${((peak - before) / 1048576).toFixed(1)} MB`);
}

describe('streaming with bounded memory', () => {
  it('reads 300,000 generated CSV rows in order with their row numbers', async () => {
    for (const format of ['csv', 'csv-gbk'] as SampleFormat[])
      await check(openCsv(sampleChunks(300_000, format)), 300_000, 2, format);
  });

  it('reads 100,000 generated NDJSON rows in order with their line numbers', async () => {
    await check(openJson(sampleChunks(100_000, 'ndjson')), 100_000, 1, 'ndjson');
  });
});
