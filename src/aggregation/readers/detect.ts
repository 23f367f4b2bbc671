import fs from 'node:fs';
import path from 'node:path';
import { type CsvOptions, openCsv } from './csv.ts';
import type { Delimiter } from './csv-parser.ts';
import type { EncodingOption } from './encoding.ts';
import { type JsonOptions, openJson } from './json.ts';
import { type ByteChunks, ReadError, type RowSource } from './types.ts';
import { notReadableXlsx, openXlsx } from './xlsx.ts';

// Art. 18: an uploaded file is read by what it is — the bytes decide before the file name does,
// since people rename .xlsx files to .csv and the like.

export type FileFormat = 'csv' | 'xlsx' | 'json' | 'ndjson';

export interface OpenFileOptions {
  format?: FileFormat;
  encoding?: EncodingOption;
  delimiter?: Delimiter;
  batchSize?: number;
  /** JSON only: see JsonOptions. */
  header?: string[];
  arrayPath?: string;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (head: Uint8Array, magic: number[]) => magic.every((b, i) => head[i] === b);

const oldExcel = () =>
  new ReadError('不支持 .xls 旧格式或加密的 Excel 工作簿，请在 Excel 中另存为 .xlsx（不加密）后重新上传');

/** The format from the first bytes and the file name; `head` is the start of the file. */
export function detectFormat(fileName: string, head: Uint8Array): FileFormat {
  const ext = path.extname(fileName).toLowerCase();
  if (startsWith(head, ZIP)) return 'xlsx';
  if (startsWith(head, OLE) || ext === '.xls') throw oldExcel();
  if (ext === '.xlsx' || ext === '.xlsm') throw notReadableXlsx('文件不是 zip 格式');
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  if (ext === '.json') return 'json';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  // Unknown name: JSON starts with '[' or '{' (after a BOM and blanks), anything else is CSV.
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09))
    i++;
  return head[i] === 0x5b || head[i] === 0x7b ? 'json' : 'csv';
}

const fileError = (err: unknown) =>
  Object.assign(
    new ReadError(`读取文件失败（${(err as NodeJS.ErrnoException)?.code ?? (err as Error)?.message}）`),
    { cause: err },
  );

/** The file's bytes, opened only when read. */
function fileChunks(file: string): ByteChunks {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        yield* fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;
      } catch (err) {
        throw fileError(err);
      }
    },
  };
}

/** Opens a data file with the reader its content calls for. */
export async function openFile(file: string, opts: OpenFileOptions = {}): Promise<RowSource> {
  let size: number;
  const head = Buffer.alloc(4096);
  let headLength: number;
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) throw new ReadError('所给路径不是文件');
    size = stat.size;
    const fh = await fs.promises.open(file, 'r');
    try {
      headLength = (await fh.read(head, 0, head.length, 0)).bytesRead;
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw err instanceof ReadError ? err : fileError(err);
  }
  const format = opts.format ?? detectFormat(file, head.subarray(0, headLength));
  const common = { batchSize: opts.batchSize, totalBytes: size };
  if (format === 'xlsx') return openXlsx(file, common);
  if (format === 'csv') {
    const delimiter = opts.delimiter ?? (path.extname(file).toLowerCase() === '.tsv' ? '\t' : undefined);
    const csv: CsvOptions = { ...common, encoding: opts.encoding, delimiter };
    return openCsv(fileChunks(file), csv);
  }
  const json: JsonOptions = {
    ...common,
    format: format === 'ndjson' ? 'ndjson' : 'auto',
    encoding: opts.encoding,
    header: opts.header,
    arrayPath: opts.arrayPath,
  };
  return openJson(fileChunks(file), json);
}
