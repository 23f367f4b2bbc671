import fs from 'node:fs';
import { type Readable, Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  BatchBuilder,
  DEFAULT_BATCH_SIZE,
  once,
  ReadError,
  type RowBatch,
  type RowSource,
  rowError,
} from './types.ts';
import { cellText, columnLetter } from './xlsx-cells.ts';

// Art. 18: departments deliver Excel sheets. exceljs' streaming reader keeps one row at a time (plus
// the shared-string table); styles are read because only the number format tells a date from a number.

export interface XlsxOptions {
  batchSize?: number;
  totalBytes?: number | null;
}

interface StreamingBook {
  model?: { sheets?: { id: number }[] };
  /** The workbookPr part, parsed. */
  properties?: { model?: { date1904?: boolean } };
  [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Worksheet & { id: number } & AsyncIterable<ExcelJS.Row>>;
}

export const notReadableXlsx = (why: string) =>
  new ReadError(`Excel 文件无法读取：${why}。请确认是 .xlsx 格式（.xls 请先另存为 .xlsx）且文件完整`);

const inputFailed = (err: Error) =>
  Object.assign(new ReadError(`读取文件失败（${(err as NodeJS.ErrnoException).code ?? err.message}）`), {
    cause: err,
  });

/** Reads the first worksheet (first in tab order); the header is its first non-empty row. */
export function openXlsx(input: string | Readable, opts: XlsxOptions = {}): RowSource {
  return { totalBytes: opts.totalBytes ?? null, batches: once(() => readXlsx(input, opts)) };
}

async function* readXlsx(input: string | Readable, opts: XlsxOptions): AsyncGenerator<RowBatch> {
  const raw = typeof input === 'string' ? fs.createReadStream(input, { highWaterMark: 1 << 20 }) : input;
  let bytes = 0;
  let failure: Error | null = null;
  // Counts bytes for progress. exceljs pipes without passing errors on, so a failing input ends
  // the zip early (which unzipper reports) and the input's own error is rethrown instead.
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  raw.on('error', (err: Error) => {
    failure = err;
    counter.end();
  });
  raw.pipe(counter);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counter, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  }) as unknown as StreamingBook;

  let out: BatchBuilder | null = null;
  let width = 0;
  try {
    for await (const sheet of { [Symbol.asyncIterator]: () => reader[Symbol.asyncIterator]() }) {
      const first = reader.model?.sheets?.[0]?.id;
      if (first !== undefined && sheet.id !== first) continue;
      const date1904 = !!reader.properties?.model?.date1904;
      let header: string[] | null = null;
      for await (const row of sheet) {
        const n = row.number;
        const cells: (string | null)[] = header ? new Array(width).fill(null) : [];
        let filled = false;
        row.eachCell((cell, col) => {
          const text = cellText(
            cell.value,
            cell.numFmt,
            { row: n, col, header: header?.[col - 1] },
            date1904,
          );
          if (text === null) return;
          if (header && col > width)
            throw rowError(n, `${columnLetter(col)} 列有数据，但表头只有 ${width} 列`);
          cells[col - 1] = text;
          filled = true;
        });
        if (!filled) continue;
        if (!header) {
          header = Array.from(cells, (c) => c ?? '');
          width = header.length;
          out = new BatchBuilder(header, opts.batchSize ?? DEFAULT_BATCH_SIZE);
          continue;
        }
        out!.add(cells, n, bytes);
        if (out!.ready.length) yield* out!.take();
      }
      break;
    }
  } catch (err) {
    if (failure) throw inputFailed(failure);
    if (err instanceof ReadError) throw err;
    throw Object.assign(notReadableXlsx('文件已损坏或不完整'), { cause: err });
  } finally {
    raw.unpipe(counter);
    raw.destroy();
    counter.destroy();
  }
  if (failure) throw inputFailed(failure);
  if (!out) return;
  const last: BatchBuilder = out;
  last.flush(bytes);
  yield* last.take();
}
