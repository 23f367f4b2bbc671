// Art. 18/19: one chunk of a load, from file rows to record versions — quality checks, the key's
// blind index, the row fingerprint, and the protected values sealed (Art. 38). Pure computation: the
// database work is load.ts's.
import { beijingDateOf } from '../kernel/calendar/dates.ts';
import { ruleViolated } from '../kernel/errors.ts';
import type { Dataset, DatasetColumn } from './datasets.ts';
import { blindIndex, type DataKey, fingerprinter } from './keys.ts';
import { type ColumnCheck, compileColumnRules, FingerprintSet, QualityReport } from './quality/index.ts';
import { sealRows } from './seal.ts';

export interface RecordVersion {
  keyHash: string;
  fp: string;
  data: string;
  secret: Buffer | null;
}

export interface RejectedRow {
  rowNumber: number;
  reason: string;
  cells: Buffer;
}

const norm = (s: string) =>
  s
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();

/** Which file column each dataset column is read from (-1: absent); the key columns must be there. */
export function mapHeader(header: string[], columns: DatasetColumn[], keyItems: string[]) {
  const at = new Map(header.map((h, i) => [norm(h ?? ''), i]));
  const index = columns.map(
    (c) => at.get(norm(c.sourceName)) ?? at.get(norm(c.itemName)) ?? at.get(norm(c.itemCode)) ?? -1,
  );
  const missingKeys = columns.filter((c, i) => index[i] < 0 && keyItems.includes(c.itemCode));
  if (missingKeys.length)
    throw ruleViolated('aggregation-key-column-missing', '数据文件缺少主键列', 'Art. 18', {
      detail: `文件表头中找不到主键数据项：${missingKeys.map((c) => `「${c.sourceName}」`).join('、')}`,
    });
  const used = new Set(index);
  return {
    index,
    missing: columns.filter((_, i) => index[i] < 0).map((c) => c.itemName),
    ignored: header.filter((_, i) => !used.has(i)),
  };
}

/** The per-load state of row processing: compiled checks, the report, the keys seen. */
export class RowProcessor {
  readonly report: QualityReport;
  private readonly checks: ColumnCheck[];
  private readonly keyColumns: number[];
  private readonly seen: FingerprintSet;
  private readonly fp: (canonical: string) => Buffer;

  constructor(
    readonly dataset: Dataset,
    private readonly key: DataKey,
    private readonly index: number[],
    now: Date,
    expectedRows: number,
  ) {
    const today = beijingDateOf(now);
    this.checks = dataset.columns.map((c) => compileColumnRules(c.rules, { today, now, expectedRows }));
    this.keyColumns = dataset.keyItems.map((k) => dataset.columns.findIndex((c) => c.itemCode === k));
    this.report = new QualityReport(dataset.columns.map((c) => ({ name: c.itemName, piKind: c.piKind })));
    this.seen = new FingerprintSet(expectedRows);
    this.fp = fingerprinter(key);
  }

  /** Which file column each dataset column is read from (-1: absent). */
  get columnIndex(): number[] {
    return this.index;
  }

  /** Whether a key (blind index, hex) was in this load's file: a full load does not close it. */
  mentioned(keyHash: string): boolean {
    return this.seen.has(keyHash);
  }

  /** Checks rows; returns the accepted ones as record versions and the rejected ones with reasons. */
  process(
    rows: (string | null)[][],
    firstRowNumber: number,
  ): { versions: RecordVersion[]; rejected: RejectedRow[] } {
    const cols = this.dataset.columns;
    const versions: RecordVersion[] = [];
    const secrets: (Buffer | null)[] = [];
    const rejected: { rowNumber: number; reason: string; cells: Buffer }[] = [];
    const rejectedCells: Buffer[] = [];
    const values: (string | null)[] = new Array(cols.length);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const rowNumber = firstRowNumber + r;
      for (let i = 0; i < cols.length; i++) {
        const raw = this.index[i] >= 0 ? row[this.index[i]] : null;
        const v = raw == null ? null : raw.trim() || null;
        values[i] = v;
        this.report.addAll(rowNumber, i, this.checks[i](v, rowNumber), v);
      }
      let keyHash: string | null = null;
      if (this.keyColumns.every((i) => values[i] !== null)) {
        keyHash = blindIndex(this.key, this.keyColumns.map((i) => values[i]).join('\u001f')).toString('hex');
        const first = this.seen.add(keyHash, rowNumber);
        if (first >= 0)
          this.report.add(
            rowNumber,
            this.keyColumns[0],
            { ruleId: 'unique.duplicate', severity: 'error', message: `主键与第 ${first} 行重复` },
            values[this.keyColumns[0]],
          );
      }
      const reason = this.report.rowReason();
      if (!this.report.endRow() || keyHash === null) {
        rejected.push({ rowNumber, reason, cells: Buffer.alloc(0) });
        rejectedCells.push(Buffer.from(JSON.stringify(row)));
        continue;
      }
      const clear: Record<string, string | null> = {};
      let secret: Record<string, string | null> | null = null;
      for (let i = 0; i < cols.length; i++) {
        if (cols[i].protected) {
          secret ??= {};
          secret[cols[i].itemCode] = values[i];
        } else clear[cols[i].itemCode] = values[i];
      }
      versions.push({
        keyHash,
        fp: this.fp(JSON.stringify(values)).readBigInt64BE(0).toString(),
        data: JSON.stringify(clear),
        secret: null,
      });
      secrets.push(secret ? Buffer.from(JSON.stringify(secret)) : null);
    }
    // Art. 38: one SM4 pass for the chunk's protected values, one for its rejected rows' cells.
    const sealed = sealRows(this.key.cipher, secrets);
    versions.forEach((v, i) => {
      v.secret = sealed[i];
    });
    const sealedCells = sealRows(this.key.cipher, rejectedCells);
    rejected.forEach((r, i) => {
      r.cells = sealedCells[i]!;
    });
    return { versions, rejected };
  }
}
