import { BatchBuilder, type RowBatch, rowError } from './types.ts';

// RFC 4180 over decoded text fed in pieces. The common record — one line without quotes — is cut
// with indexOf alone (faster than split() on a slice); only a record holding a quote is read
// character by character.

export const DELIMITERS = [',', '\t', ';', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** The candidate that occurs most often in the header line (outside quotes); ',' when none does. */
export function detectDelimiter(line: string): Delimiter {
  const unquoted = line.replace(/"[^"]*"/g, '');
  let best: Delimiter = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    const n = unquoted.split(d).length - 1;
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

export class CsvParser {
  header: string[] | null = null;
  /** The number of the next record; the header is row 1, blank lines count. */
  rowNumber = 1;
  private out: BatchBuilder | null = null;
  private width = 0;
  private buf = '';
  private pos = 0;
  // Next LF / CR / quote at or after pos: -2 unknown, -1 none in buf.
  private lf = -2;
  private cr = -2;
  private quote = -2;
  private delim = -2;
  private retryAt = 0;
  private bytes = 0;

  constructor(
    private delimiter: string | null,
    private readonly batchSize: number,
    private readonly maxRecordChars: number,
  ) {}

  push(text: string, bytesRead: number): void {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
    this.lf = this.cr = this.quote = this.delim = -2;
    this.bytes = bytesRead;
    // An unfinished record is re-read only once the pending text has doubled: linear, not quadratic.
    if (this.buf.length >= this.retryAt) this.parse(false);
  }

  end(bytesRead: number): void {
    this.bytes = bytesRead;
    this.parse(true);
    this.out?.flush(bytesRead);
  }

  take(): RowBatch[] {
    return this.out ? this.out.take() : [];
  }

  /** Text received but not yet made into rows. */
  pendingText(): string {
    return this.buf.slice(this.pos);
  }

  private parse(final: boolean): void {
    const buf = this.buf;
    const len = buf.length;
    let pos = this.pos;
    while (pos < len) {
      let lf = this.lf;
      if (lf !== -1 && lf < pos) lf = this.lf = buf.indexOf('\n', pos);
      let cr = this.cr;
      if (cr !== -1 && cr < pos) cr = this.cr = buf.indexOf('\r', pos);
      let end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      // A CR as the last character may be the first half of a CRLF.
      if (end === -1 || (end === len - 1 && end === cr)) {
        if (!final) break;
        if (end === -1) end = len;
      }
      if (end === pos) {
        pos = this.blankLine(buf, pos);
        continue;
      }
      if (this.delimiter === null) this.delimiter = detectDelimiter(buf.slice(pos, end));
      let q = this.quote;
      if (q !== -1 && q < pos) q = this.quote = buf.indexOf('"', pos);
      if (q === -1 || q >= end) {
        const cells: (string | null)[] = [];
        let a = pos;
        let filled = false;
        for (;;) {
          let d = this.delim;
          if (d !== -1 && d < a) d = this.delim = buf.indexOf(this.delimiter, a);
          const b = d === -1 || d > end ? end : d;
          if (b === a) cells.push(null);
          else {
            cells.push(buf.slice(a, b));
            filled = true;
          }
          if (b === end) break;
          a = b + 1;
        }
        pos = buf.charCodeAt(end) === CR && buf.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
        this.record(cells, !filled);
      } else {
        const next = this.quoted(buf, pos, final);
        if (next < 0) break;
        pos = next;
      }
    }
    this.pos = pos;
    const pending = len - pos;
    if (pending > this.maxRecordChars)
      throw rowError(this.rowNumber, `一条记录超过 ${this.maxRecordChars} 个字符，可能是引号未闭合`);
    this.retryAt = pending > 0 && !final ? pending * 2 : 0;
  }

  private blankLine(buf: string, pos: number): number {
    this.rowNumber++;
    return buf.charCodeAt(pos) === CR && buf.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
  }

  /** A record holding a quote, read character by character; -1 when it is not complete yet. */
  private quoted(buf: string, start: number, final: boolean): number {
    const d = this.delimiter!.charCodeAt(0);
    const len = buf.length;
    const cells: (string | null)[] = [];
    let i = start;
    for (;;) {
      let value: string;
      if (buf.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        value = '';
        for (;;) {
          const q = buf.indexOf('"', j);
          if (q < 0 || (q === len - 1 && !final)) {
            if (!final) return -1;
            throw rowError(this.rowNumber, `第 ${cells.length + 1} 列的引号没有闭合，文件已结束`);
          }
          if (buf.charCodeAt(q + 1) === QUOTE) {
            value += buf.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          value += buf.slice(j, q);
          i = q + 1;
          break;
        }
        const c = buf.charCodeAt(i);
        if (i < len && c !== d && c !== LF && c !== CR)
          throw rowError(
            this.rowNumber,
            `第 ${cells.length + 1} 列的右引号后还有其他字符（引号内的引号应写成两个）`,
          );
      } else {
        let j = i;
        while (j < len) {
          const c = buf.charCodeAt(j);
          if (c === d || c === LF || c === CR) break;
          j++;
        }
        if (j >= len && !final) return -1;
        value = buf.slice(i, j);
        i = j;
      }
      cells.push(value === '' ? null : value);
      const c = buf.charCodeAt(i);
      if (c === d) {
        i++;
        continue;
      }
      if (c === CR) {
        if (i + 1 >= len && !final) return -1;
        i += buf.charCodeAt(i + 1) === LF ? 2 : 1;
      } else if (c === LF) i++;
      this.record(
        cells,
        cells.every((v) => v === null),
      );
      return i;
    }
  }

  private record(cells: (string | null)[], blank: boolean): void {
    const n = this.rowNumber++;
    if (this.header === null) {
      this.header = cells.map((c) => c ?? '');
      this.width = this.header.length;
      this.out = new BatchBuilder(this.header, this.batchSize);
      return;
    }
    if (cells.length > this.width)
      throw rowError(n, `有 ${cells.length} 列，多于表头的 ${this.width} 列（可能含有未加引号的分隔符）`);
    if (blank) return;
    while (cells.length < this.width) cells.push(null);
    this.out!.add(cells, n, this.bytes);
  }
}
