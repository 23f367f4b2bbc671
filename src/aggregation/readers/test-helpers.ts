import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReadError, type RowBatch, type RowSource } from './types.ts';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

/** Feeds bytes in pieces of `size` bytes — small sizes cut characters, quotes and line ends apart. */
export async function* chunksOf(bytes: Uint8Array | string, size: number): AsyncGenerator<Uint8Array> {
  const b = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, Math.min(b.length, i + size));
}

export interface ReadResult {
  header: string[] | null;
  /** [row number, cells] for every row. */
  rows: [number, (string | null)[]][];
  batches: RowBatch[];
}

export async function readAll(source: RowSource): Promise<ReadResult> {
  const out: ReadResult = { header: null, rows: [], batches: [] };
  for await (const b of source.batches()) {
    out.header = b.header;
    out.batches.push(b);
    b.rows.forEach((r, i) => {
      out.rows.push([b.firstRowNumber + i, r]);
    });
  }
  return out;
}

/** The ReadError a read ends with (fails the test when it does not end with one). */
export async function readError(source: RowSource | (() => Promise<RowSource>)): Promise<ReadError> {
  try {
    await readAll(typeof source === 'function' ? await source() : source);
  } catch (err) {
    if (err instanceof ReadError) return err;
    throw err;
  }
  throw new Error('expected a ReadError');
}
