import { type EncodingOption, parseDecoded } from './encoding.ts';
import { seekArray, skipWs, valueEnd, wrapperMatch } from './json-scan.ts';
import {
  BatchBuilder,
  type ByteChunks,
  DEFAULT_BATCH_SIZE,
  once,
  ReadError,
  type RowBatch,
  type RowSource,
  rowError,
} from './types.ts';

// Art. 18: JSON from business systems — an array of objects, NDJSON, or an array wrapped in an
// envelope ({"code":0,"data":{"records":[…]}}). Never parsed whole: each element is cut out by
// json-scan and parsed alone.

export type JsonFormat = 'auto' | 'array' | 'ndjson';

export interface JsonOptions {
  format?: JsonFormat;
  /** Columns to read; extra keys are then ignored. Default: the keys of the first object, and an extra key is an error. */
  header?: string[];
  /** Dotted path of the wrapped array (e.g. 'data.records'); default: the first array under items/data/rows/records/list/result(s). */
  arrayPath?: string;
  encoding?: EncodingOption;
  batchSize?: number;
  totalBytes?: number | null;
  maxRecordChars?: number;
}

const MAX_FIRST_LINE = 1024 * 1024;

type State = 'start' | 'sniff' | 'seek' | 'array' | 'ndjson' | 'done';

/** Turns JSON text, fed in pieces, into batches of string cells. */
export class JsonRowParser {
  /** Array element (1-based) or NDJSON line of the next row. */
  rowNumber = 1;
  private state: State = 'start';
  private buf = '';
  private pos = 0;
  private retryAt = 0;
  private bytes = 0;
  private afterElement = false;
  private header: string[] | null;
  private out: BatchBuilder | null = null;
  private readonly match: (path: string[]) => boolean;

  constructor(private readonly opts: JsonOptions) {
    this.header = opts.header ?? null;
    if (this.header) this.out = new BatchBuilder(this.header, opts.batchSize ?? DEFAULT_BATCH_SIZE);
    this.match = wrapperMatch(opts.arrayPath);
  }

  get unit(): string {
    return this.state === 'ndjson' ? '行' : '条记录';
  }

  /** Text not yet made into rows, when its line breaks separate rows (NDJSON). */
  pendingLines(): string | null {
    return this.state === 'ndjson' ? this.buf.slice(this.pos) : null;
  }

  push(text: string, bytesRead: number): void {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
    this.bytes = bytesRead;
    if (this.buf.length >= this.retryAt) this.parse(false);
  }

  end(bytesRead: number): void {
    this.bytes = bytesRead;
    this.parse(true);
    if (this.state === 'array' || this.state === 'seek') throw new ReadError('JSON 不完整：数据数组没有结束');
    this.out?.flush(bytesRead);
  }

  take(): RowBatch[] {
    return this.out ? this.out.take() : [];
  }

  private parse(final: boolean): void {
    for (;;) {
      const before = this.state;
      if (before === 'start') this.start(final);
      else if (before === 'sniff') this.sniff(final);
      else if (before === 'seek') this.seek(final);
      else if (before === 'array') this.array(final);
      else if (before === 'ndjson') this.ndjson(final);
      else this.pos = this.buf.length;
      if (this.state === before) break;
    }
    const pending = this.buf.length - this.pos;
    const max = this.opts.maxRecordChars ?? 8 * 1024 * 1024;
    if (pending > max) throw rowError(this.rowNumber, `一条记录超过 ${max} 个字符`, this.unit);
    this.retryAt = pending > 0 && !final ? pending * 2 : 0;
  }

  private start(final: boolean): void {
    const i = skipWs(this.buf, this.pos);
    this.pos = i;
    if (i >= this.buf.length) {
      if (final) this.state = 'done';
      return;
    }
    const c = this.buf[i];
    const format = this.opts.format ?? 'auto';
    if (format === 'ndjson') this.state = 'ndjson';
    else if (c === '[') {
      this.pos = i + 1;
      this.state = 'array';
    } else if (c === '{') this.state = format === 'array' ? 'seek' : 'sniff';
    else throw new ReadError('不是 JSON 数组或对象：文件应以“[”或“{”开头');
  }

  // '{' first: NDJSON when the first line is a whole object and more lines follow.
  private sniff(final: boolean): void {
    const s = this.buf;
    const nl = s.indexOf('\n', this.pos);
    if (nl < 0) {
      if (final || s.length - this.pos > MAX_FIRST_LINE) this.state = 'seek';
      return;
    }
    let first: unknown;
    try {
      first = JSON.parse(s.slice(this.pos, nl));
    } catch {
      this.state = 'seek';
      return;
    }
    const k = skipWs(s, nl);
    if (k >= s.length && !final) return;
    // More text after a whole object cannot be one JSON document: NDJSON.
    if (k < s.length) this.state = 'ndjson';
    // A single object: the envelope of an array, or else one NDJSON row.
    else this.state = hasWrappedArray(first, this.match) ? 'seek' : 'ndjson';
  }

  private seek(final: boolean): void {
    const r = seekArray(this.buf, this.pos, final, this.match);
    if (r === -1) return;
    if (r === -2)
      throw new ReadError(
        this.opts.arrayPath
          ? `JSON 对象中没有“${this.opts.arrayPath}”数组`
          : 'JSON 对象中没有找到数据数组（应在 items、data、rows、records、list 或 result 键下）',
      );
    this.pos = r;
    this.state = 'array';
  }

  private array(final: boolean): void {
    const s = this.buf;
    const len = s.length;
    let i = this.pos;
    for (;;) {
      i = skipWs(s, i);
      if (i >= len) break;
      let c = s.charCodeAt(i);
      if (c === 93) {
        this.state = 'done';
        i++;
        break;
      }
      if (this.afterElement) {
        if (c !== 44) throw rowError(this.rowNumber - 1, 'JSON 格式错误：此条记录之后缺少逗号', '条记录');
        i = skipWs(s, i + 1);
        this.afterElement = false;
        if (i >= len) break;
        c = s.charCodeAt(i);
      }
      const e = valueEnd(s, i, final);
      if (e < 0) {
        if (final) throw rowError(this.rowNumber, 'JSON 不完整，此条记录没有结束', '条记录');
        break;
      }
      const n = this.rowNumber++;
      if (c !== 123) throw rowError(n, '不是 JSON 对象', '条记录');
      this.row(parseOrFail(s.slice(i, e), n, '条记录'), n, '条记录');
      this.afterElement = true;
      i = e;
    }
    this.pos = i;
  }

  private ndjson(final: boolean): void {
    const s = this.buf;
    let i = this.pos;
    for (;;) {
      let nl = s.indexOf('\n', i);
      if (nl < 0) {
        if (!final || i >= s.length) break;
        nl = s.length;
      }
      const line = s.slice(i, nl);
      const n = this.rowNumber++;
      i = nl + 1;
      if (skipWs(line, 0) === line.length) continue;
      this.row(parseOrFail(line, n, '行'), n, '行');
    }
    this.pos = Math.min(i, s.length);
  }

  private row(obj: unknown, n: number, unit: string): void {
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj))
      throw rowError(n, '不是 JSON 对象', unit);
    const o = obj as Record<string, unknown>;
    if (!this.header) {
      this.header = Object.keys(o);
      this.out = new BatchBuilder(this.header, this.opts.batchSize ?? DEFAULT_BATCH_SIZE);
    }
    const h = this.header;
    const cells: (string | null)[] = new Array(h.length);
    let present = 0;
    for (let k = 0; k < h.length; k++) {
      if (Object.hasOwn(o, h[k])) {
        present++;
        cells[k] = cellText(o[h[k]], n, h[k], unit);
      } else cells[k] = null;
    }
    if (!this.opts.header && present < Object.keys(o).length) {
      const extra = Object.keys(o).find((k) => !h.includes(k));
      throw rowError(n, `含有首条记录中没有的字段“${extra}”，请在读取选项中给出完整的字段列表`, unit);
    }
    this.out!.add(cells, n, this.bytes);
  }
}

function parseOrFail(text: string, n: number, unit: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw rowError(n, `不是有效的 JSON（${(err as Error).message}）`, unit);
  }
}

/** A JSON value as cell text: strings as they are, nested values as JSON text. */
export function cellText(v: unknown, n: number, key: string, unit: string): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    // Art. 19: an 18-digit ID sent as a number has lost its last digits before we see it.
    if (Number.isInteger(v) && !Number.isSafeInteger(v))
      throw rowError(
        n,
        `字段“${key}”的数值 ${v} 超出可精确表示的范围，末尾数字可能已丢失；身份证号等长编码请以字符串传送`,
        unit,
      );
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v);
}

function hasWrappedArray(v: unknown, match: (path: string[]) => boolean, path: string[] = []): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || path.length >= 3) return false;
  for (const [k, x] of Object.entries(v)) {
    const here = [...path, k];
    if (Array.isArray(x) ? match(here) : hasWrappedArray(x, match, here)) return true;
  }
  return false;
}

export function openJson(source: ByteChunks, opts: JsonOptions = {}): RowSource {
  return { totalBytes: opts.totalBytes ?? null, batches: once(() => readJson(source, opts)) };
}

async function* readJson(source: ByteChunks, opts: JsonOptions): AsyncGenerator<RowBatch> {
  const parser = new JsonRowParser(opts);
  yield* parseDecoded(source, opts.encoding, parser, () => parser.pendingLines(), parser.unit);
}
