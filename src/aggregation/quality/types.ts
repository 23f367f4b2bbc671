// Declared quality rules (Art. 19): plain data, so rules stored per dataset later have the same shape.

export type Severity = 'error' | 'warning';

export type ValueType = 'string' | 'integer' | 'decimal' | 'date' | 'datetime' | 'boolean' | 'binary';

export interface EnumValue {
  code: string;
  label?: string;
}

type NoParams = Record<string, never>;
/** `severity` applies to a rule's hard failures (default 'error'); soft findings are always warnings. */
type S = { severity?: Severity };

export type Rule =
  | ({ kind: 'required'; params?: NoParams } & S)
  | ({ kind: 'type'; params: { type: ValueType } } & S)
  | ({ kind: 'length'; params: { max: number; min?: number } } & S)
  | ({ kind: 'enumeration'; params: { values: EnumValue[] } } & S)
  | ({ kind: 'pattern'; params: { source: string; flags?: string; message?: string } } & S)
  | ({ kind: 'range'; params: { min?: number | string; max?: number | string } } & S)
  | ({ kind: 'unique'; params?: NoParams } & S)
  | ({ kind: 'id_number'; params?: NoParams } & S)
  | ({ kind: 'uscc'; params?: NoParams } & S)
  | ({ kind: 'region_code'; params?: NoParams } & S)
  | ({ kind: 'phone'; params?: { accept?: 'any' | 'mobile' | 'landline' } } & S)
  | ({ kind: 'email'; params?: NoParams } & S)
  | ({ kind: 'not_future'; params?: NoParams } & S);

export type RuleKind = Rule['kind'];

export interface Failure {
  /** Stable id, '<kind>.<finding>', e.g. 'id_number.check_digit'. */
  ruleId: string;
  severity: Severity;
  /** Full Chinese message, e.g. '公民身份号码校验位错误（应为 X）'. */
  message: string;
}

export interface CompileContext {
  /** Today in Beijing, 'YYYY-MM-DD' (not_future, ID birth dates). */
  today: string;
  /** The instant for datetime values; defaults to the end of `today` in Beijing. */
  now?: Date;
  /** GB/T 2260 codes known to be current; defaults to the shipped table (src/agencies/region-codes.ts). */
  regionCodes?: Iterable<string>;
}

/** One compiled column: null when the value passes; the array is read-only (it may be shared). */
export type ColumnCheck = (value: string | null | undefined, row: number) => readonly Failure[] | null;
