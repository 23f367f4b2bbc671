import { describe, expect, it } from 'vitest';
import { isEmail, isPhone, luhnValid } from './contact.ts';
import { dateKey, datetimeMs } from './datetime.ts';
import { codePointLength, compileColumnRules, ruleProblems } from './rules.ts';
import type { Failure, Rule } from './types.ts';

const ctx = { today: '2026-01-05' };
const one = (rules: Rule[], c: Parameters<typeof compileColumnRules>[1] = ctx) => {
  const check = compileColumnRules(rules, c);
  return (v: string | null, row = 1) => (check(v, row) ?? []).map((f: Failure) => f.ruleId);
};

describe('dates and times', () => {
  it('reads YYYY-MM-DD and YYYYMMDD, only real dates', () => {
    expect(dateKey('2024-02-29')).toBe(20240229);
    expect(dateKey('20240229')).toBe(20240229);
    expect(dateKey('2023-02-29')).toBe(-1);
    expect(dateKey('1900-02-29')).toBe(-1);
    expect(dateKey('2000-02-29')).toBe(20000229);
    expect(dateKey('2024-13-01')).toBe(-1);
    expect(dateKey('2024/01/01')).toBe(-1);
    expect(dateKey('0000-01-01')).toBe(-1);
  });

  it('reads datetimes; without a zone they are Beijing time', () => {
    expect(datetimeMs('2026-01-05 08:00')).toBe(Date.parse('2026-01-05T00:00:00Z'));
    expect(datetimeMs('2026-01-05 08:00:30')).toBe(Date.parse('2026-01-05T00:00:30Z'));
    expect(datetimeMs('2026-01-05T08:00:30.250')).toBe(Date.parse('2026-01-05T00:00:30.250Z'));
    expect(datetimeMs('2026-01-05T00:00:30Z')).toBe(Date.parse('2026-01-05T00:00:30Z'));
    expect(datetimeMs('2026-01-05T09:00:00+09:00')).toBe(Date.parse('2026-01-05T00:00:00Z'));
    expect(datetimeMs('2026-01-05T01:00:00+0100')).toBe(Date.parse('2026-01-05T00:00:00Z'));
    for (const bad of [
      '2026-01-05',
      '2026-01-05 24:00',
      '2026-01-05 8:00',
      '2026-02-30 10:00',
      '2026-01-05 10:00:00X',
    ])
      expect(datetimeMs(bad), bad).toBeNaN();
  });
});

describe('compiled column rules', () => {
  it('empty cells meet only the required rule', () => {
    const check = one([{ kind: 'required' }, { kind: 'type', params: { type: 'integer' } }]);
    expect(check(null)).toEqual(['required.missing']);
    expect(check('  ')).toEqual(['required.missing']);
    expect(check('12')).toEqual([]);
    const optional = one([{ kind: 'id_number' }, { kind: 'length', params: { max: 3 } }]);
    expect(optional('')).toEqual([]);
    expect(optional(null)).toEqual([]);
  });

  it('checks types (values are trimmed first)', () => {
    const int = one([{ kind: 'type', params: { type: 'integer' } }]);
    expect(int(' -42 ')).toEqual([]);
    expect(int('4.2')).toEqual(['type.integer']);
    const dec = one([{ kind: 'type', params: { type: 'decimal' } }]);
    expect([dec('4.2'), dec('-.5'), dec('1e3'), dec('1,000')]).toEqual([
      [],
      [],
      ['type.decimal'],
      ['type.decimal'],
    ]);
    const date = one([{ kind: 'type', params: { type: 'date' } }]);
    expect([date('2024-02-29'), date('20240229'), date('2024-02-30'), date('2024-2-1')]).toEqual([
      [],
      [],
      ['type.date'],
      ['type.date'],
    ]);
    const dt = one([{ kind: 'type', params: { type: 'datetime' } }]);
    expect([dt('2026-01-05 10:00'), dt('2026-01-05T10:00:00+08:00'), dt('2026-01-05')]).toEqual([
      [],
      [],
      ['type.datetime'],
    ]);
    const bool = one([{ kind: 'type', params: { type: 'boolean' } }]);
    expect([bool('是'), bool('false'), bool('Y'), bool('maybe')]).toEqual([[], [], [], ['type.boolean']]);
  });

  it('counts length in code points', () => {
    expect(codePointLength('𠀀A')).toBe(2); // U+20000 is one character, two UTF-16 units
    const check = one([{ kind: 'length', params: { max: 2 } }]);
    expect(check('𠀀A')).toEqual([]);
    expect(check('哈尔滨')).toEqual(['length.max']);
    expect(one([{ kind: 'length', params: { max: 5, min: 2 } }])('A')).toEqual(['length.min']);
  });

  it('checks enumerations and hints when the label was entered instead of the code', () => {
    const rules: Rule[] = [
      {
        kind: 'enumeration',
        params: {
          values: [
            { code: '1', label: '男性' },
            { code: '2', label: '女性' },
          ],
        },
      },
    ];
    const check = compileColumnRules(rules, ctx);
    expect(check('1', 1)).toBeNull();
    expect(check('3', 1)?.[0]).toMatchObject({
      ruleId: 'enumeration.unknown',
      message: '不在代码表中（允许：1男性、2女性）',
    });
    expect(check('女性', 1)?.[0].message).toBe('应填写代码「2」，而不是名称');
  });

  it('matches patterns against the whole value', () => {
    const check = one([{ kind: 'pattern', params: { source: '[A-Z]{2}\\d{4}' } }]);
    expect(check('HL2026')).toEqual([]);
    expect(check('xHL2026')).toEqual(['pattern.mismatch']);
  });

  it('checks numeric and date ranges, inclusive', () => {
    const num = one([{ kind: 'range', params: { min: 0, max: 100 } }]);
    expect([num('0'), num('100'), num('-1'), num('100.5'), num('abc')]).toEqual([
      [],
      [],
      ['range.below'],
      ['range.above'],
      [],
    ]);
    const date = one([{ kind: 'range', params: { min: '2000-01-01', max: '2025-12-31' } }]);
    expect([date('20000101'), date('1999-12-31'), date('2026-01-01')]).toEqual([
      [],
      ['range.below'],
      ['range.above'],
    ]);
  });

  it('finds duplicate keys across the load and names the first row', () => {
    const check = compileColumnRules([{ kind: 'unique' }], ctx);
    expect(check('A1', 2)).toBeNull();
    expect(check('B2', 3)).toBeNull();
    expect(check(' A1 ', 7)?.[0]).toMatchObject({ ruleId: 'unique.duplicate', message: '与第 2 行重复' });
    // A second compilation (another load) starts empty.
    expect(compileColumnRules([{ kind: 'unique' }], ctx)('A1', 1)).toBeNull();
  });

  it('checks phone numbers', () => {
    for (const ok of ['13812345678', '+8613812345678', '86 138 1234 5678', '138-1234-5678', '19912345678'])
      expect(isPhone(ok), ok).toBe(true);
    for (const ok of [
      '0451-86412345',
      '010-62345678',
      '(0451)86412345',
      '0451 8641234',
      '0451-86412345-806',
      '+86 451 86412345',
    ])
      expect(isPhone(ok), ok).toBe(true);
    for (const bad of [
      '12812345678',
      '1381234567',
      '138123456789',
      '451-86412345',
      '0451-0641234',
      '12345',
      '0451-864123456',
    ])
      expect(isPhone(bad), bad).toBe(false);
    const mobile = one([{ kind: 'phone', params: { accept: 'mobile' } }]);
    expect(mobile('13812345678')).toEqual([]);
    expect(mobile('0451-86412345')).toEqual(['phone.format']);
  });

  it('checks e-mail addresses', () => {
    for (const ok of ['zhang.san@hlj.gov.cn', 'a@x.cn', 'user+tag@mail.example.com'])
      expect(isEmail(ok), ok).toBe(true);
    for (const bad of ['zhang@', '@x.cn', 'a..b@x.cn', 'a@x', 'a b@x.cn', '张三@x.cn', '.a@x.cn'])
      expect(isEmail(bad), bad).toBe(false);
    expect(one([{ kind: 'email' }])('a@x')).toEqual(['email.format']);
  });

  it('not_future: dates against today, datetimes against now', () => {
    const now = new Date('2026-01-05T02:00:00Z'); // 10:00 in Beijing
    const check = one([{ kind: 'not_future' }], { ...ctx, now });
    expect([
      check('2026-01-05'),
      check('20260106'),
      check('2026-01-05 09:59'),
      check('2026-01-05 10:01'),
    ]).toEqual([[], ['not_future.future'], [], ['not_future.future']]);
    // Without `now`, the end of today in Beijing.
    expect(one([{ kind: 'not_future' }])('2026-01-05 23:59:59')).toEqual([]);
    expect(one([{ kind: 'not_future' }])('2026-01-06T00:00:00+08:00')).toEqual(['not_future.future']);
  });

  it('reports every failing rule of a cell; a warning-severity rule only warns', () => {
    const check = compileColumnRules(
      [
        { kind: 'length', params: { max: 5 } },
        { kind: 'type', params: { type: 'integer' }, severity: 'warning' },
      ],
      ctx,
    );
    expect(check('ABCDEFG', 1)).toEqual([
      expect.objectContaining({ ruleId: 'length.max', severity: 'error' }),
      expect.objectContaining({ ruleId: 'type.integer', severity: 'warning' }),
    ]);
  });

  it('refuses malformed rules with Chinese reasons', () => {
    expect(ruleProblems({ kind: 'pattern', params: { source: '(' } })).toEqual(['正则表达式无效：(']);
    expect(ruleProblems({ kind: 'range', params: { min: 5, max: 1 } })).toEqual([
      '取值范围的下限不能大于上限',
    ]);
    expect(ruleProblems({ kind: 'range', params: { min: 'soon' } })).toEqual([
      '取值范围的上下限应为数值或日期',
    ]);
    expect(ruleProblems({ kind: 'nope' } as unknown as Rule)).toEqual(['未知的规则类型：nope']);
    expect(() => compileColumnRules([{ kind: 'length', params: { max: 0 } }], ctx)).toThrow(
      '长度上限应为正整数',
    );
    expect(() => compileColumnRules([], { today: '2026-1-5' })).toThrow('YYYY-MM-DD');
  });
});

describe('Luhn', () => {
  it('computes the check digit correctly', () => {
    // 622202123456789 + check: doubling every second digit from the right sums to 56, so the check digit is 4.
    expect(luhnValid('6222021234567894')).toBe(true);
    expect(luhnValid('6222021234567890')).toBe(false);
    expect(luhnValid('4111111111111111')).toBe(true); // the well-known Visa test number
    expect(luhnValid('79927398713')).toBe(true); // the textbook example
    expect(luhnValid('79927398710')).toBe(false);
  });
});
