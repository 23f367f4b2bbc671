import { CsvParser, type Delimiter } from './csv-parser.ts';
import { type EncodingOption, parseDecoded } from './encoding.ts';
import { type ByteChunks, DEFAULT_BATCH_SIZE, once, type RowBatch, type RowSource } from './types.ts';

// Art. 18: a department's CSV export (often GBK from older systems) streamed into batches with
// bounded memory — only the record being read and the batch being filled are held.

export interface CsvOptions {
  encoding?: EncodingOption;
  /** Detected from the header line when not given. */
  delimiter?: Delimiter;
  batchSize?: number;
  totalBytes?: number | null;
  /** A longer record is an error (usually a quote never closed) instead of filling the memory. */
  maxRecordChars?: number;
}

export const DEFAULT_MAX_RECORD_CHARS = 8 * 1024 * 1024;

export function openCsv(source: ByteChunks, opts: CsvOptions = {}): RowSource {
  return { totalBytes: opts.totalBytes ?? null, batches: once(() => readCsv(source, opts)) };
}

async function* readCsv(source: ByteChunks, opts: CsvOptions): AsyncGenerator<RowBatch> {
  const parser = new CsvParser(
    opts.delimiter ?? null,
    opts.batchSize ?? DEFAULT_BATCH_SIZE,
    opts.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS,
  );
  yield* parseDecoded(source, opts.encoding, parser, () => parser.pendingText());
}
