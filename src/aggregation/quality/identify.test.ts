import { describe, expect, it } from 'vitest';
import { idCardCheckChar } from '../../agencies/id-card.ts';
import { contradictions } from './contradictions.ts';
import { identifyColumn, isAddress, isPersonalName } from './identify.ts';
import { SEEDED } from './test-helpers.ts';

const opts = { elements: SEEDED };

/** Deterministic pseudo-random numbers, so the sample columns are the same on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

const DISTRICTS = ['230102', '230103', '230104', '230108', '230602', '231004', '232701', '230184'];

function idColumn(n: number, blankShare: number): (string | null)[] {
  const r = rng(7);
  return Array.from({ length: n }, () => {
    if (r() < blankShare) return r() < 0.5 ? '' : null;
    const y = 1940 + Math.floor(r() * 80);
    const m = String(1 + Math.floor(r() * 12)).padStart(2, '0');
    const d = String(1 + Math.floor(r() * 28)).padStart(2, '0');
    const first17 = `${DISTRICTS[Math.floor(r() * DISTRICTS.length)]}${y}${m}${d}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
    return first17 + idCardCheckChar(first17);
  });
}

/** A Luhn-valid card number: the body plus its computed check digit. */
function card(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}

const NAMES = [
  '张伟',
  '王秀英',
  '李娜',
  '刘洋',
  '陈静',
  '杨帆',
  '赵丽华',
  '孙建国',
  '于海洋',
  '佟佳琪',
  '关雪',
  '欧阳娜娜',
  '司马光明',
  '买买提·吐尔逊',
  '周志强',
  '吴桂芝',
  '郑凯',
  '徐明',
  '马玉兰',
  '高峰',
];
const ADDRESSES = [
  '黑龙江省哈尔滨市南岗区学府路52号',
  '哈尔滨市道里区中央大街108号',
  '齐齐哈尔市龙沙区卜奎大街17号',
  '大庆市萨尔图区东风新村纬二路6号',
  '牡丹江市爱民区西三条路',
  '佳木斯市向阳区长安路301号',
  '黑龙江省五常市山河镇永乐村',
  '鸡西市鸡冠区红星乡新华村3组',
  '绥化市北林区康庄路12号2单元502室',
  '黑龙江省大兴安岭地区漠河市北极镇北极村',
];

describe('identifyColumn', () => {
  it('ID numbers mixed with blanks', () => {
    const values = idColumn(200, 0.3);
    values[5] = '230103198506152314'; // one wrong check character
    const d = identifyColumn('证件号', values, opts);
    expect(d.kind).toBe('id_number');
    expect(d.confidence).toBeGreaterThan(0.95);
    expect(d.confidence).toBeLessThan(1);
    expect(d.nonEmpty).toBeLessThan(170);
    expect(d).toMatchObject({
      piKind: 'id_number',
      dataElement: '公民身份号码',
      suggestedGrade: 'important',
    });
    // The header names the element when it fits the content: 社会保障号码 also follows GB 11643.
    expect(identifyColumn('社会保障号码', values, opts).dataElement).toBe('社会保障号码');
  });

  it('personal names', () => {
    expect(NAMES.every(isPersonalName)).toBe(true);
    for (const not of ['哈尔滨工业大学', '黑龙江省', '南岗区', 'Zhang Wei', '张'])
      expect(isPersonalName(not), not).toBe(false);
    const d = identifyColumn('申请人', [...NAMES, '', '待补充'], opts);
    expect(d).toMatchObject({
      kind: 'name',
      piKind: 'name',
      dataElement: '姓名',
      suggestedGrade: 'general-2',
    });
    expect(d.confidence).toBeCloseTo(20 / 21);
    expect(identifyColumn('法定代表人', NAMES, opts)).toMatchObject({
      dataElement: '法定代表人',
      suggestedGrade: 'general-1',
    });
  });

  it('addresses in Heilongjiang', () => {
    expect(ADDRESSES.every(isAddress)).toBe(true);
    expect(isAddress('哈尔滨市南岗区人民政府办公室')).toBe(false);
    const d = identifyColumn('居住地址', ADDRESSES, opts);
    expect(d).toMatchObject({ kind: 'address', piKind: 'address', dataElement: '地址' });
    expect(identifyColumn('户籍所在地', ADDRESSES, opts).dataElement).toBe('户籍地址');
  });

  it('phones: mixed → 联系电话, all mobile → 手机号码', () => {
    const mixed = ['13812345678', '0451-86412345', '15945678901', '0452-2456789', '18603451234'];
    expect(identifyColumn('电话', mixed, opts)).toMatchObject({ kind: 'phone', dataElement: '联系电话' });
    const mobiles = ['13812345678', '15945678901', '18603451234', '+86 139 0451 2345'];
    expect(identifyColumn('TEL', mobiles, opts)).toMatchObject({
      kind: 'phone',
      dataElement: '手机号码',
      suggestedGrade: 'important',
    });
  });

  it('bank cards by Luhn, UnionPay prefix counted', () => {
    const cards = [
      card('622202123456789'),
      card('621226120201158434'),
      card('436742123456789'),
      '6228481234567890123' /* 62 prefix, no Luhn */,
      card('625965123456789'),
    ];
    const d = identifyColumn('卡号', cards, opts);
    expect(d).toMatchObject({ kind: 'bank_card', piKind: 'financial', suggestedGrade: 'important' });
    expect(d.dataElement).toBeUndefined();
    // Order numbers of the same length are not cards.
    const r = rng(3);
    const orders = Array.from({ length: 50 }, () => `70${String(Math.floor(r() * 1e14)).padStart(14, '0')}`);
    expect(identifyColumn('订单号', orders, opts).kind).toBeNull();
  });

  it('USCC, region codes and dates', () => {
    const codes = ['91350100M000100Y43', '914403001922038216', '91440300708461136T', '91330100799655058B'];
    expect(identifyColumn('信用代码', codes, opts)).toMatchObject({
      kind: 'uscc',
      dataElement: '统一社会信用代码',
      piKind: null,
    });
    expect(identifyColumn('区划', DISTRICTS, opts)).toMatchObject({
      kind: 'region_code',
      dataElement: '行政区划代码',
    });
    const dates = ['2024-01-15', '20240116', '2024-02-01 09:30', '2024-03-05'];
    expect(identifyColumn('办理日期', dates, opts)).toMatchObject({
      kind: 'date',
      dataElement: '登记日期',
      piKind: null,
    });
    expect(identifyColumn('出生年月日', dates, opts)).toMatchObject({ kind: 'date', piKind: 'birth_date' });
  });

  it('nothing below the threshold or with too few samples; the header still names an element', () => {
    const text = ['已办结', '受理中', '退回补正', '已办结', '不予受理'];
    expect(identifyColumn('办理状态', text, opts)).toMatchObject({
      kind: null,
      confidence: 0,
      suggestedGrade: null,
    });
    const half = [...NAMES.slice(0, 5), '已办结', '受理中', '退回补正', '已办结', '不予受理'];
    expect(identifyColumn('x', half, opts).kind).toBeNull();
    expect(identifyColumn('x', half, { ...opts, threshold: 0.5 }).kind).toBe('name');
    expect(identifyColumn('身份证号', ['', null, '  '], opts)).toMatchObject({
      kind: null,
      nonEmpty: 0,
      dataElement: '公民身份号码',
      piKind: 'id_number',
      suggestedGrade: 'important',
    });
    expect(identifyColumn('x', ['230103198506152313', '230102199003071237'], opts).kind).toBeNull();
  });
});

describe('contradictions', () => {
  const ids = identifyColumn('证件号', idColumn(100, 0.05), opts);

  it('undeclared PI and a too-low grade', () => {
    const messages = contradictions(
      { name: '证件号', dataType: 'string', piKind: null, grade: 'general' },
      ids,
    );
    expect(messages).toEqual([
      `数据项「证件号」未标注个人信息类型，但${Math.round(ids.confidence * 100)}%的样本值为公民身份号码，应标注为「身份证件号码」`,
      '数据项「证件号」分级为「一般」，但内容为公民身份号码，数据元「公民身份号码」的默认分级为「重要」，应从严定级',
    ]);
    // 一般-2 is still below 重要; 重要 and 核心 are fine.
    expect(contradictions({ name: '证件号', piKind: 'id_number', grade: 'general-2' }, ids)).toHaveLength(1);
    expect(contradictions({ name: '证件号', piKind: 'id_number', grade: 'core' }, ids)).toEqual([]);
  });

  it("an organisation's seat or premises is an address, not personal information", () => {
    const places = identifyColumn('住所', ADDRESSES, opts);
    expect(places.kind).toBe('address');
    for (const name of ['住所', '经营场所', '注册地址'])
      expect(contradictions({ name, dataType: 'string', piKind: null, grade: 'general' }, places)).toEqual(
        [],
      );
    // A person's address still is.
    expect(
      contradictions({ name: '居住地址', dataType: 'string', piKind: null, grade: 'general' }, places)[0],
    ).toMatch(/未标注个人信息类型/);
    // A wrong type is still said.
    expect(contradictions({ name: '住所', dataType: 'integer' }, places)).toHaveLength(1);
  });

  it('a different PI kind', () => {
    expect(contradictions({ name: '联系电话', piKind: 'phone', grade: 'important' }, ids)).toEqual([
      `数据项「联系电话」标注的个人信息类型为「电话号码」，但${Math.round(ids.confidence * 100)}%的样本值为公民身份号码（「身份证件号码」）`,
    ]);
  });

  it('a declared type the content does not fit', () => {
    const dates = identifyColumn('日期', ['20240115', '20240116', '20231231', '20220101'], opts);
    expect(contradictions({ name: '受理日期', dataType: 'integer' }, dates)).toEqual([
      '数据项「受理日期」声明为整数型，但100%的样本值为日期，应声明为日期型',
    ]);
    expect(contradictions({ name: '受理日期', dataType: 'date' }, dates)).toEqual([]);
    expect(
      contradictions({ name: '证件号', dataType: 'integer', piKind: 'id_number', grade: 'important' }, ids),
    ).toEqual([expect.stringContaining('声明为整数型，但')]);
  });

  it('nothing to say without a detection', () => {
    const none = identifyColumn('备注', ['无', '见附件', '已核实'], opts);
    expect(
      contradictions({ name: '备注', dataType: 'integer', piKind: null, grade: 'general' }, none),
    ).toEqual([]);
  });
});
