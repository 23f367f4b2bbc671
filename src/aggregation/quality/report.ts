// Art. 19: every load gets a quality report. One accumulator per load: counts per (rule, item), a few
// masked samples each (Art. 33/38), and the Chinese reason for each rejected row.
import { findingLabel } from './definitions.ts';
import { maskValue } from './masking.ts';
import type { Failure, Rule } from './types.ts';

export interface ReportColumn {
  name: string;
  piKind?: string | null;
}

export interface QualitySample {
  row: number;
  /** Masked by the column's PI kind (or the kind the rule implies); long values are cut. */
  value: string | null;
  message: string;
}

export interface QualityFinding {
  column: number;
  item: string;
  ruleId: string;
  label: string;
  errors: number;
  warnings: number;
  samples: QualitySample[];
}

export interface QualityReportJson {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  errors: number;
  warnings: number;
  errorRate: number;
  findings: QualityFinding[];
}

// A value failing one of these rules is that kind of PI even when the item was not declared so.
const IMPLIED_PI: Record<string, string> = { id_number: 'id_number', phone: 'phone', email: 'email' };
const MAX_SAMPLE_CHARS = 64;

/** The PI kind to mask a column's samples by: the declared one, else the one its rules imply. */
export function samplePiKind(piKind: string | null | undefined, rules: readonly Rule[]): string | null {
  return piKind ?? rules.map((r) => IMPLIED_PI[r.kind]).find(Boolean) ?? null;
}

interface Bucket {
  column: number;
  ruleId: string;
  errors: number;
  warnings: number;
  samples: QualitySample[];
}

export class QualityReport {
  private readonly buckets = new Map<string, Bucket>();
  private rowsRead = 0;
  private rowsRejected = 0;
  private errorTotal = 0;
  private warningTotal = 0;
  // Errors of the row in progress: column indexes and rule ids, reused across rows.
  private readonly rowColumns: number[] = [];
  private readonly rowRuleIds: string[] = [];

  constructor(
    private readonly columns: readonly ReportColumn[],
    private readonly sampleLimit = 20,
  ) {}

  /** Records one failure of the row in progress; `column` is the 0-based column index. */
  add(rowNumber: number, column: number, failure: Failure, rawValue: string | null | undefined): void {
    const key = `${column}\u0000${failure.ruleId}`;
    let b = this.buckets.get(key);
    if (!b) {
      b = { column, ruleId: failure.ruleId, errors: 0, warnings: 0, samples: [] };
      this.buckets.set(key, b);
    }
    if (failure.severity === 'error') {
      b.errors++;
      this.errorTotal++;
      this.rowColumns.push(column);
      this.rowRuleIds.push(failure.ruleId);
    } else {
      b.warnings++;
      this.warningTotal++;
    }
    if (b.samples.length < this.sampleLimit) {
      b.samples.push({
        row: rowNumber,
        value: this.masked(column, failure.ruleId, rawValue),
        message: failure.message,
      });
    }
  }

  /** Adds every failure of one cell (what a compiled column check returns). */
  addAll(
    rowNumber: number,
    column: number,
    failures: readonly Failure[] | null,
    rawValue: string | null | undefined,
  ) {
    if (failures) for (const f of failures) this.add(rowNumber, column, f, rawValue);
  }

  /** Whether the row in progress has an error (it will be rejected). */
  get rowHasError(): boolean {
    return this.rowColumns.length > 0;
  }

  /**
   * The row in progress, in Chinese, for the rejected-rows file:
   * '第3列「公民身份号码」：校验位错误；第5列「联系电话」：格式不正确'. Empty when it has no error.
   */
  rowReason(): string {
    const parts: string[] = [];
    let i = 0;
    while (i < this.rowColumns.length) {
      const col = this.rowColumns[i];
      const labels: string[] = [];
      // Failures of one cell arrive together; several failures of a column share one clause.
      for (; i < this.rowColumns.length && this.rowColumns[i] === col; i++)
        labels.push(findingLabel(this.rowRuleIds[i]));
      parts.push(`第${col + 1}列「${this.columns[col]?.name ?? ''}」：${labels.join('、')}`);
    }
    return parts.join('；');
  }

  /** Closes the row in progress; returns true when it was accepted (no errors, warnings allowed). */
  endRow(): boolean {
    this.rowsRead++;
    const accepted = this.rowColumns.length === 0;
    if (!accepted) this.rowsRejected++;
    this.rowColumns.length = 0;
    this.rowRuleIds.length = 0;
    return accepted;
  }

  /** Rejected rows / rows read (0 for an empty load). */
  errorRate(): number {
    return this.rowsRead === 0 ? 0 : this.rowsRejected / this.rowsRead;
  }

  /** True when the error rate is above `threshold` (a share, 0.05 = 5 %). */
  exceeds(threshold: number): boolean {
    return this.errorRate() > threshold;
  }

  toJSON(): QualityReportJson {
    const findings = [...this.buckets.values()]
      .sort((a, b) => a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0))
      .map((b) => ({
        column: b.column + 1,
        item: this.columns[b.column]?.name ?? '',
        ruleId: b.ruleId,
        label: findingLabel(b.ruleId),
        errors: b.errors,
        warnings: b.warnings,
        samples: b.samples.map((s) => ({ ...s })),
      }));
    return {
      rowsRead: this.rowsRead,
      rowsAccepted: this.rowsRead - this.rowsRejected,
      rowsRejected: this.rowsRejected,
      errors: this.errorTotal,
      warnings: this.warningTotal,
      errorRate: this.errorRate(),
      findings,
    };
  }

  private masked(column: number, ruleId: string, raw: string | null | undefined): string | null {
    const kind = this.columns[column]?.piKind ?? IMPLIED_PI[ruleId.slice(0, ruleId.indexOf('.'))] ?? null;
    const v = maskValue(raw, kind);
    return v !== null && v.length > MAX_SAMPLE_CHARS ? `${v.slice(0, MAX_SAMPLE_CHARS)}…` : v;
  }
}
