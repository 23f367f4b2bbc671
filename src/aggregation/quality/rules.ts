// Art. 19: per-dataset quality rules, compiled once per column into closures. A load streams up to a
// million rows through them, so the per-cell path avoids regex construction, spreads and (on success)
// any allocation: constant failures are frozen once and shared.
import { regionIndex } from './codes.ts';
import { isEmail, isPhone, type PhoneAccept } from './contact.ts';
import { dateKey, datetimeMs, endOfBeijingDayMs, todayKey } from './datetime.ts';
import { FingerprintSet } from './fingerprint-set.ts';
import { type CellCheck, idNumberCheck, regionCodeCheck, usccCheck } from './rules-codes.ts';
import type { ColumnCheck, CompileContext, Failure, Rule, Severity, ValueType } from './types.ts';

const VALUE_TYPES: readonly ValueType[] = [
  'string',
  'integer',
  'decimal',
  'date',
  'datetime',
  'boolean',
  'binary',
];
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const BOOLEAN = new Set([
  'true',
  'false',
  'TRUE',
  'FALSE',
  'True',
  'False',
  '1',
  '0',
  '是',
  '否',
  'Y',
  'N',
  'y',
  'n',
]);

const fail = (ruleId: string, severity: Severity, message: string): Failure =>
  Object.freeze({ ruleId, severity, message });

/** Code points, not UTF-16 units: a rare character outside the BMP counts once. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

type Bound = { mode: 'number' | 'date' | 'datetime'; value: number };

function bound(v: number | string | undefined): Bound | null | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? { mode: 'number', value: v } : null;
  const d = dateKey(v);
  if (d >= 0) return { mode: 'date', value: d };
  const t = datetimeMs(v);
  if (!Number.isNaN(t)) return { mode: 'datetime', value: t };
  return DECIMAL.test(v) ? { mode: 'number', value: Number(v) } : null;
}

/** Why a declared rule cannot be compiled, in Chinese; empty when it is fine. */
export function ruleProblems(rule: Rule): string[] {
  const p: string[] = [];
  const params = (rule as { params?: Record<string, unknown> }).params ?? {};
  if (rule.severity !== undefined && rule.severity !== 'error' && rule.severity !== 'warning')
    p.push('严重程度应为 error 或 warning');
  switch (rule.kind) {
    case 'type':
      if (!VALUE_TYPES.includes(rule.params?.type)) p.push(`未知的数据类型：${String(params.type)}`);
      break;
    case 'length': {
      const { max, min } = rule.params ?? {};
      if (!Number.isInteger(max) || max < 1) p.push('长度上限应为正整数');
      if (min !== undefined && (!Number.isInteger(min) || min < 0 || min > max))
        p.push('长度下限应为不大于上限的非负整数');
      break;
    }
    case 'enumeration':
      if (!Array.isArray(rule.params?.values) || rule.params.values.length === 0) p.push('代码表不能为空');
      break;
    case 'pattern':
      try {
        new RegExp(rule.params?.source ?? '', rule.params?.flags?.replace(/[gy]/g, ''));
        if (!rule.params?.source) p.push('正则表达式不能为空');
      } catch {
        p.push(`正则表达式无效：${rule.params?.source}`);
      }
      break;
    case 'range': {
      const lo = bound(rule.params?.min);
      const hi = bound(rule.params?.max);
      if (lo === null || hi === null) p.push('取值范围的上下限应为数值或日期');
      else if (!lo && !hi) p.push('取值范围至少应有上限或下限');
      else if (lo && hi && (lo.mode !== hi.mode || lo.value > hi.value)) p.push('取值范围的下限不能大于上限');
      break;
    }
    case 'phone':
      if (params.accept !== undefined && !['any', 'mobile', 'landline'].includes(params.accept as string))
        p.push('电话类型应为 any、mobile 或 landline');
      break;
    case 'required':
    case 'unique':
    case 'id_number':
    case 'uscc':
    case 'region_code':
    case 'email':
    case 'not_future':
      break;
    default:
      p.push(`未知的规则类型：${(rule as { kind: string }).kind}`);
  }
  return p;
}

interface Env {
  today: string;
  todayKey: number;
  nowMs: number;
  regionCodes?: Iterable<string>;
  expectedRows: number;
}

function typeCheck(type: ValueType, severity: Severity): CellCheck | null {
  switch (type) {
    case 'integer': {
      const f = fail('type.integer', severity, '应为整数');
      return (v) => (INTEGER.test(v) ? null : f);
    }
    case 'decimal': {
      const f = fail('type.decimal', severity, '应为数值');
      return (v) => (DECIMAL.test(v) ? null : f);
    }
    case 'date': {
      const f = fail('type.date', severity, '日期格式不正确（应为 YYYY-MM-DD 或 YYYYMMDD 的有效日期）');
      return (v) => (dateKey(v) >= 0 ? null : f);
    }
    case 'datetime': {
      const f = fail(
        'type.datetime',
        severity,
        '日期时间格式不正确（应为 YYYY-MM-DD HH:mm[:ss] 或 ISO 8601）',
      );
      return (v) => (Number.isNaN(datetimeMs(v)) ? f : null);
    }
    case 'boolean': {
      const f = fail('type.boolean', severity, '应为布尔值（是/否、true/false、1/0、Y/N）');
      return (v) => (BOOLEAN.has(v) ? null : f);
    }
    default:
      return null; // string and binary: any text
  }
}

function rangeCheck(params: { min?: number | string; max?: number | string }, severity: Severity): CellCheck {
  const min = bound(params.min) ?? undefined;
  const max = bound(params.max) ?? undefined;
  const mode = (min ?? max)!.mode;
  const lo = min?.value ?? Number.NEGATIVE_INFINITY;
  const hi = max?.value ?? Number.POSITIVE_INFINITY;
  const below = fail('range.below', severity, `小于下限 ${params.min}`);
  const above = fail('range.above', severity, `大于上限 ${params.max}`);
  // Values that do not parse are left to the type rule.
  const parse =
    mode === 'date'
      ? (v: string) => {
          const k = dateKey(v);
          return k < 0 ? Number.NaN : k;
        }
      : mode === 'datetime'
        ? datetimeMs
        : (v: string) => (DECIMAL.test(v) ? Number(v) : Number.NaN);
  return (v) => {
    const x = parse(v);
    if (Number.isNaN(x)) return null;
    return x < lo ? below : x > hi ? above : null;
  };
}

function compileRule(rule: Rule, env: Env): CellCheck | null {
  const sev: Severity = rule.severity ?? 'error';
  switch (rule.kind) {
    case 'required':
      return null;
    case 'type':
      return typeCheck(rule.params.type, sev);
    case 'length': {
      const { max, min = 0 } = rule.params;
      const long = fail('length.max', sev, `长度超过 ${max} 个字符`);
      const short = fail('length.min', sev, `长度不足 ${min} 个字符`);
      return (v) => {
        // UTF-16 length bounds the code-point count from above: count only when it could matter.
        if (v.length <= max && v.length >= min) return null;
        const n = codePointLength(v);
        return n > max ? long : n < min ? short : null;
      };
    }
    case 'enumeration': {
      const codes = new Set(rule.params.values.map((e) => e.code));
      const byLabel = new Map(rule.params.values.filter((e) => e.label).map((e) => [e.label!, e.code]));
      const shown = rule.params.values.slice(0, 8).map((e) => `${e.code}${e.label ?? ''}`);
      const list = shown.join('、') + (rule.params.values.length > 8 ? '等' : '');
      const f = fail('enumeration.unknown', sev, `不在代码表中（允许：${list}）`);
      return (v) => {
        if (codes.has(v)) return null;
        const code = byLabel.get(v);
        return code === undefined ? f : fail('enumeration.unknown', sev, `应填写代码「${code}」，而不是名称`);
      };
    }
    case 'pattern': {
      const { source, flags = '', message } = rule.params;
      const re = new RegExp(`^(?:${source})$`, flags.replace(/[gy]/g, ''));
      const f = fail('pattern.mismatch', sev, message ?? `不符合格式要求（${source}）`);
      return (v) => (re.test(v) ? null : f);
    }
    case 'range':
      return rangeCheck(rule.params, sev);
    case 'unique': {
      const seen = new FingerprintSet(env.expectedRows);
      return (v, row) => {
        const first = seen.add(v, row);
        return first < 0
          ? null
          : { ruleId: 'unique.duplicate', severity: sev, message: `与第 ${first} 行重复` };
      };
    }
    case 'id_number':
      return idNumberCheck(sev, env.todayKey, regionIndex(env.regionCodes));
    case 'uscc':
      return usccCheck(sev, regionIndex(env.regionCodes));
    case 'region_code':
      return regionCodeCheck(sev, regionIndex(env.regionCodes));
    case 'phone': {
      const accept: PhoneAccept = rule.params?.accept ?? 'any';
      const what =
        accept === 'mobile'
          ? '手机号码格式不正确（应为1开头的11位数字，可带 +86）'
          : accept === 'landline'
            ? '固定电话格式不正确（应为0开头的区号加7至8位号码）'
            : '电话号码格式不正确（手机号为1开头的11位数字，固定电话为区号加7至8位号码）';
      const f = fail('phone.format', sev, what);
      return (v) => (isPhone(v, accept) ? null : f);
    }
    case 'email': {
      const f = fail('email.format', sev, '电子邮箱格式不正确');
      return (v) => (isEmail(v) ? null : f);
    }
    case 'not_future': {
      const day = fail('not_future.future', sev, `日期晚于今天（${env.today}）`);
      const time = fail('not_future.future', sev, '时间晚于当前时间');
      // Unparseable values are left to the type rule.
      return (v) => {
        const k = dateKey(v);
        if (k >= 0) return k > env.todayKey ? day : null;
        return datetimeMs(v) > env.nowMs ? time : null;
      };
    }
  }
}

/**
 * Compiles a column's rules into one check. Empty cells (null, '' or blanks) only meet `required`;
 * other rules see the trimmed value. Throws when a rule is malformed (see ruleProblems).
 */
export function compileColumnRules(
  rules: readonly Rule[],
  ctx: CompileContext & { expectedRows?: number },
): ColumnCheck {
  const problems = rules.flatMap(ruleProblems);
  if (problems.length > 0) throw new Error(`质量规则有误：${problems.join('；')}`);
  const env: Env = {
    today: ctx.today,
    todayKey: todayKey(ctx.today),
    nowMs: ctx.now ? ctx.now.getTime() : endOfBeijingDayMs(ctx.today),
    regionCodes: ctx.regionCodes,
    expectedRows: ctx.expectedRows ?? 1024,
  };
  const req = rules.find((r) => r.kind === 'required');
  const missing: readonly Failure[] | null = req
    ? Object.freeze([fail('required.missing', req.severity ?? 'error', '必填项为空')])
    : null;
  const checks = rules.map((r) => compileRule(r, env)).filter((c): c is CellCheck => c !== null);
  const n = checks.length;
  return (value, row) => {
    if (value == null) return missing;
    const v = value.trim();
    if (v.length === 0) return missing;
    let out: Failure[] | null = null;
    for (let i = 0; i < n; i++) {
      const f = checks[i](v, row);
      if (f !== null) {
        if (out === null) out = [f];
        else out.push(f);
      }
    }
    return out;
  };
}
