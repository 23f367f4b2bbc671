import { describe, expect, it } from 'vitest';
import type { Ctx } from '../kernel/context.ts';
import { articleText, chineseNumber, describeMatter, formatField } from './display.ts';
import { defineMatterType, type MatterType } from './types.ts';

// Matter types declare how their data reads; the detail view formats it without knowing the domain.

const directory = (names: Record<number, string>) =>
  ({
    db: null,
    directory: {
      names: async (_db: unknown, q: { agencyIds?: number[] }) => ({
        people: new Map(),
        agencies: new Map((q.agencyIds ?? []).filter((i) => names[i]).map((i) => [i, names[i]])),
      }),
    },
  }) as unknown as Ctx;

const type = {
  fields: {
    when: { label: '日期', format: 'date' },
    secret: { label: '代码', hidden: true },
    basis: { label: '依据', format: 'article' },
    to: { label: '接收机构', format: 'agency' },
    limit: { label: '期限', format: 'workingDays' },
    items: { label: '数据项' },
    empty: { label: '空' },
  },
} as unknown as MatterType;

describe('matter fields for display', () => {
  it('writes numbers and articles in Chinese', () => {
    expect([1, 10, 12, 41, 105, 2000].map(chineseNumber)).toEqual([
      '一',
      '十',
      '十二',
      '四十一',
      '一百零五',
      '二千',
    ]);
    expect(articleText('Art. 41')).toBe('《办法》第四十一条');
    expect(articleText('Art. 15(2)')).toBe('Art. 15(2)');
  });

  it('formats by the declared format and falls back to the value as written', () => {
    expect(formatField({ label: '', format: 'workingDays' }, 5)).toBe('5 个工作日');
    expect(formatField({ label: '', format: 'date' }, '2026-06-01')).toBe('2026年6月1日');
    expect(formatField({ label: '', format: 'agency' }, 7)).toBe('7');
    expect(formatField({ label: '' }, true)).toBe('是');
    expect(formatField({ label: '' }, { a: 1 })).toBe('{"a":1}');
  });

  it('shows declared fields in declared order; undeclared, hidden and empty ones not', async () => {
    const d = await describeMatter(directory({ 34: '黑龙江省公安厅', 9: '哈尔滨市公安局' }), type, {
      subject: 'agency:34',
      data: {
        extra: 'x',
        items: ['姓名', '住址'],
        limit: 3,
        to: 9,
        basis: 'Art. 12',
        secret: 's',
        empty: '',
      },
    });
    expect(d).toEqual({
      subjectLabel: '黑龙江省公安厅',
      fields: [
        { key: 'basis', label: '依据', value: '《办法》第十二条' },
        { key: 'to', label: '接收机构', value: '哈尔滨市公安局' },
        { key: 'limit', label: '期限', value: '3 个工作日' },
        { key: 'items', label: '数据项', value: '姓名、住址' },
      ],
    });
  });

  it('names a subject that is not an agency as it is; a type without fields shows none', async () => {
    const d = await describeMatter(directory({}), undefined, { subject: 'catalog-entry:12', data: { a: 1 } });
    expect(d).toEqual({ subjectLabel: 'catalog-entry:12', fields: [] });
    const gone = await describeMatter(directory({}), type, { subject: 'agency:404', data: {} });
    expect(gone.subjectLabel).toBe('agency:404');
  });

  it('refuses a declaration whose inputs are not unique identifiers or bounds are crossed', () => {
    const base = {
      name: '测试',
      states: { a: { name: 'A', tone: 'default' }, b: { name: 'B', tone: 'default', terminal: true } },
      initial: 'a',
    } as const;
    const go = (inputs: unknown) => ({
      go: {
        label: '办理',
        from: ['a'],
        to: 'b',
        by: [{ roles: ['data_officer'], relation: 'provider' }],
        inputs,
      },
    });
    expect(() =>
      defineMatterType({
        ...base,
        type: 'test.inputs-dup',
        transitions: go([
          { key: 'n', label: '数', kind: 'integer' },
          { key: 'n', label: '数', kind: 'integer' },
        ]),
      } as never),
    ).toThrow(/not a unique identifier/);
    expect(() =>
      defineMatterType({
        ...base,
        type: 'test.inputs-bounds',
        transitions: go([{ key: 'n', label: '数', kind: 'integer', min: 5, max: 2 }]),
      } as never),
    ).toThrow(/min above max/);
  });
});
