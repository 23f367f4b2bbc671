import { DomainError } from '../../kernel/errors.ts';

// Art. 18: every reader (CSV, XLSX, JSON, HTTP pull) hands the loader the same thing — batches of
// string cells with the row numbers a person sees in the file, so a quality report can point at them.

/** A run of consecutive rows: row i of `rows` is row `firstRowNumber + i` of the file. */
export interface RowBatch {
  header: string[];
  rows: (string | null)[][];
  firstRowNumber: number;
  /** Bytes of the source consumed so far (for percent, rows/s and ETA). */
  bytesRead: number;
}

/** A single-use stream of batches. */
export interface RowSource {
  totalBytes: number | null;
  batches(): AsyncIterable<RowBatch>;
}

export type ByteChunks = AsyncIterable<Uint8Array>;

export const DEFAULT_BATCH_SIZE = 2000;

/** A file or response that cannot be read as it stands; `rowNumber` points at the offending row when known. */
export class ReadError extends DomainError {
  readonly rowNumber: number | null;
  constructor(
    message: string,
    rowNumber: number | null = null,
    opts: { status?: number; code?: string; title?: string } = {},
  ) {
    super(opts.status ?? 422, opts.code ?? 'aggregation-read-failed', opts.title ?? '数据文件无法读取', {
      detail: message,
      ...(rowNumber === null ? {} : { extra: { rowNumber } }),
    });
    this.name = 'ReadError';
    this.message = message;
    this.rowNumber = rowNumber;
  }
}

/** An error about one row, the row named the way the user will look for it. */
export const rowError = (rowNumber: number, text: string, unit = '行') =>
  new ReadError(`第 ${rowNumber} ${unit}：${text}`, rowNumber);

/**
 * Collects rows into batches. A batch ends when full or when a row number does not follow the last
 * one (skipped blank rows), so `firstRowNumber + i` stays true within a batch.
 */
export class BatchBuilder {
  private rows: (string | null)[][] = [];
  private first = 0;
  private next = 0;
  readonly ready: RowBatch[] = [];
  constructor(
    public header: string[],
    private readonly size: number,
  ) {}

  add(row: (string | null)[], rowNumber: number, bytesRead: number): void {
    if (this.rows.length >= this.size || (this.rows.length > 0 && rowNumber !== this.next))
      this.flush(bytesRead);
    if (this.rows.length === 0) this.first = rowNumber;
    this.rows.push(row);
    this.next = rowNumber + 1;
  }

  flush(bytesRead: number): void {
    if (this.rows.length === 0) return;
    this.ready.push({ header: this.header, rows: this.rows, firstRowNumber: this.first, bytesRead });
    this.rows = [];
  }

  /** Hands over the finished batches and forgets them. */
  take(): RowBatch[] {
    return this.ready.splice(0, this.ready.length);
  }
}

/** Guards the single-use contract: a stream that has been read cannot be read again. */
export function once<T>(make: () => AsyncIterable<T>): () => AsyncIterable<T> {
  let used = false;
  return () => {
    if (used) throw new ReadError('数据源只能读取一次，请重新打开');
    used = true;
    return make();
  };
}
