import { describe, expect, it } from 'vitest';
import { defaultRules, type ItemLike, parseEnumeration } from './defaults.ts';
import { compileColumnRules } from './rules.ts';
import { element, SEEDED } from './test-helpers.ts';

const item = (name: string, over: Partial<ItemLike> = {}): ItemLike => {
  const el = element(name);
  return { name, dataType: null, length: null, required: false, piKind: null, dataElement: el, ...over };
};
const kinds = (i: ItemLike) => defaultRules(i).map((r) => r.kind);

describe('parseEnumeration', () => {
  it('reads code+label pairs from format rules', () => {
    expect(parseEnumeration('0未知的性别 1男性 2女性 9未说明的性别')).toEqual([
      { code: '0', label: '未知的性别' },
      { code: '1', label: '男性' },
      { code: '2', label: '女性' },
      { code: '9', label: '未说明的性别' },
    ]);
    expect(parseEnumeration('10未婚 20已婚 30丧偶 40离婚')?.map((v) => v.code)).toEqual([
      '10',
      '20',
      '30',
      '40',
    ]);
    expect(parseEnumeration('1-男；2-女')).toEqual([
      { code: '1', label: '男' },
      { code: '2', label: '女' },
    ]);
  });

  it('leaves prose and single codes alone', () => {
    for (const text of [
      '6位行政区划码+8位出生日期+3位顺序码+1位校验码（ISO 7064 MOD 11-2）',
      '2位数字代码',
      'YYYYMMDD',
      '单位：万元',
      '代码：结婚登记、离婚登记、补发结婚证、补发离婚证',
      '18位，含登记管理部门码、机构类别码、行政区划码、主体标识码和校验码',
      '1开头的11位数字',
      '1男 1女',
      null,
    ])
      expect(parseEnumeration(text), String(text)).toBeNull();
    // No seeded element besides the two code lists is read as one.
    const lists = SEEDED.filter((e) => parseEnumeration(e.formatRule)).map((e) => e.name);
    expect(lists).toEqual(['性别代码', '婚姻状况代码']);
  });
});

describe('defaultRules', () => {
  it('derives checks from the element standard', () => {
    expect(kinds(item('公民身份号码', { required: true }))).toEqual(['required', 'length', 'id_number']);
    expect(kinds(item('社会保障号码'))).toEqual(['length', 'id_number']);
    expect(kinds(item('统一社会信用代码'))).toEqual(['length', 'uscc']);
    expect(kinds(item('行政区划代码'))).toEqual(['length', 'region_code']);
  });

  it('phones, mobiles and e-mail by PI kind', () => {
    expect(defaultRules(item('联系电话'))).toContainEqual({ kind: 'phone' });
    expect(defaultRules(item('手机号码'))).toContainEqual({ kind: 'phone', params: { accept: 'mobile' } });
    expect(kinds(item('电子邮箱'))).toContain('email');
    // Declared on the item without an element.
    const bare = { name: '联络方式', dataType: 'string', length: 30, required: false, piKind: 'phone' };
    expect(kinds(bare)).toEqual(['length', 'phone']);
  });

  it('past-event dates get not_future; deadlines and validity ends do not', () => {
    expect(defaultRules(item('出生日期'))).toEqual([
      { kind: 'type', params: { type: 'date' } },
      { kind: 'not_future' },
    ]);
    expect(kinds(item('成立日期'))).toEqual(['type', 'not_future']);
    expect(kinds(item('登记日期'))).toEqual(['type', 'not_future']);
    const validity = { name: '有效期截止日期', dataType: 'date', length: 8, required: true, piKind: null };
    expect(kinds(validity)).toEqual(['required', 'type']);
    const issued = { name: '发证日期', dataType: 'datetime', length: null, required: false, piKind: null };
    expect(kinds(issued)).toEqual(['type', 'not_future']);
  });

  it('enumerations from the element format rule, and length from the item before the element', () => {
    const sex = defaultRules(item('性别代码'));
    expect(sex).toContainEqual({ kind: 'length', params: { max: 1 } });
    expect(sex.find((r) => r.kind === 'enumeration')?.params).toMatchObject({
      values: expect.arrayContaining([{ code: '9', label: '未说明的性别' }]),
    });
    expect(defaultRules(item('姓名', { length: 30 }))).toEqual([{ kind: 'length', params: { max: 30 } }]);
    expect(kinds(item('注册资本'))).toEqual(['type']); // decimal: no character length
  });

  it('compiles and rejects what the element forbids', () => {
    const check = compileColumnRules(defaultRules(item('婚姻状况代码', { required: true })), {
      today: '2026-01-05',
    });
    expect(check('20', 1)).toBeNull();
    expect(check('25', 1)?.map((f) => f.ruleId)).toEqual(['enumeration.unknown']);
    expect(check('', 1)?.map((f) => f.ruleId)).toEqual(['required.missing']);
  });
});
