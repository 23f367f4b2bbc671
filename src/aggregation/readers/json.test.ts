import { describe, expect, it } from 'vitest';
import { type JsonOptions, openJson } from './json.ts';
import { seekArray, valueEnd, wrapperMatch } from './json-scan.ts';
import { toGbk } from './sample-data.ts';
import { chunksOf, readAll, readError } from './test-helpers.ts';

// Art. 18: JSON from business systems, cut into elements without parsing the whole text.

const json = (text: string | Uint8Array, size = 64 * 1024, opts: JsonOptions = {}) =>
  openJson(chunksOf(text, size), opts);
const SIZES = [1, 3, 7, 64 * 1024];

const PEOPLE = [
  { 姓名: '张三', sfzh: '110101199003077777', age: 34, vip: true, tags: ['a', 'b'], memo: null },
  { 姓名: '李"四\\', sfzh: '23010219700101001X', age: 1.5, vip: false, tags: { k: '}' }, memo: '[]{}' },
  { 姓名: '', sfzh: '230102198512120013' },
];
const EXPECTED = [
  [1, ['张三', '110101199003077777', '34', 'true', '["a","b"]', null]],
  [2, ['李"四\\', '23010219700101001X', '1.5', 'false', '{"k":"}"}', '[]{}']],
  [3, [null, '230102198512120013', null, null, null, null]],
];
const HEADER = ['姓名', 'sfzh', 'age', 'vip', 'tags', 'memo'];

describe('openJson', () => {
  it('reads an array of objects split at every awkward boundary', async () => {
    const text = JSON.stringify(PEOPLE, null, 1);
    for (const size of SIZES) {
      const r = await readAll(json(text, size));
      expect(r.header).toEqual(HEADER);
      expect(r.rows).toEqual(EXPECTED);
    }
  });

  it('reads an array wrapped in an envelope, also two levels down', async () => {
    const texts = [
      JSON.stringify({ total: 3, note: { items: 'not an array' }, items: PEOPLE }),
      JSON.stringify({ code: 0, msg: '成功', data: { total: 3, records: PEOPLE }, tail: [1] }),
      `{"rows"  :\n ${JSON.stringify(PEOPLE)} }`,
    ];
    for (const text of texts)
      for (const size of SIZES) expect((await readAll(json(text, size))).rows).toEqual(EXPECTED);
    const path = await readAll(
      json(JSON.stringify({ list: [{ x: 1 }], a: { b: PEOPLE } }), 5, { arrayPath: 'a.b' }),
    );
    expect(path.rows).toEqual(EXPECTED);
  });

  it('reads NDJSON with blank lines, numbering rows by line', async () => {
    const text = `${JSON.stringify(PEOPLE[0])}\r\n\n${JSON.stringify(PEOPLE[1])}\n  \n${JSON.stringify(PEOPLE[2])}`;
    for (const size of SIZES) {
      const r = await readAll(json(text, size));
      expect(r.rows.map(([n]) => n)).toEqual([1, 3, 5]);
      expect(r.rows.map(([, c]) => c)).toEqual(EXPECTED.map(([, c]) => c));
    }
    // Told it is NDJSON, one object alone is one row.
    const one = await readAll(json(`${JSON.stringify({ data: [1] })}\n`, 64, { format: 'ndjson' }));
    expect(one.rows).toEqual([[1, ['[1]']]]);
  });

  it('reads a single object file as one row, and a single envelope as its array', async () => {
    expect((await readAll(json('{"a":1,"b":"x"}\n'))).rows).toEqual([[1, ['1', 'x']]]);
    expect((await readAll(json('{"data":[{"a":1}]}'))).rows).toEqual([[1, ['1']]]);
  });

  it('takes the header as given: missing keys are null, extra keys ignored', async () => {
    const r = await readAll(json(JSON.stringify(PEOPLE), 7, { header: ['sfzh', 'missing'] }));
    expect(r.rows.map(([, c]) => c)).toEqual([
      ['110101199003077777', null],
      ['23010219700101001X', null],
      ['230102198512120013', null],
    ]);
  });

  it('names the record with a key the first one lacks', async () => {
    const err = await readError(json('[{"a":1},{"a":2},{"a":3,"b":4}]'));
    expect(err.rowNumber).toBe(3);
    expect(err.message).toBe('第 3 条记录：含有首条记录中没有的字段“b”，请在读取选项中给出完整的字段列表');
  });

  it('refuses a long number that has lost digits, naming record and field', async () => {
    const err = await readError(json('{"sfzh":"1"}\n{"sfzh":230102199001011234}\n'));
    expect(err.rowNumber).toBe(2);
    expect(err.message).toContain('第 2 行：字段“sfzh”的数值');
    expect(err.message).toContain('请以字符串传送');
  });

  it('names broken records', async () => {
    expect((await readError(json('[{"a":1},[1]]'))).message).toBe('第 2 条记录：不是 JSON 对象');
    expect((await readError(json('[{"a":1},{"a":}]'))).message).toMatch(/^第 2 条记录：不是有效的 JSON/);
    expect((await readError(json('[{"a":1} {"a":2}]'))).message).toBe(
      '第 1 条记录：JSON 格式错误：此条记录之后缺少逗号',
    );
    expect((await readError(json('[{"a":1},{"a":"2'))).message).toBe(
      '第 2 条记录：JSON 不完整，此条记录没有结束',
    );
    expect((await readError(json('[{"a":1}'))).message).toBe('JSON 不完整：数据数组没有结束');
    expect((await readError(json('{"a":1}\nnot json\n'))).message).toMatch(/^第 2 行：不是有效的 JSON/);
    expect((await readError(json('"text"'))).message).toContain('不是 JSON 数组或对象');
    expect((await readError(json('{\n "total": 3,\n "x": {}\n}'))).message).toContain('没有找到数据数组');
  });

  it('reads GBK JSON', async () => {
    const r = await readAll(json(toGbk('[{"xm":"张王","dz":"哈尔滨市"}]'), 1));
    expect(r.rows).toEqual([[1, ['张王', '哈尔滨市']]]);
  });

  it('an empty array gives no batches', async () => {
    expect((await readAll(json(' [ ] '))).batches).toEqual([]);
  });
});

describe('json-scan', () => {
  it('finds where values end, escapes included', () => {
    const s = '{"a":"x\\"}","b":[1,{"c":"]"}]} tail';
    expect(valueEnd(s, 0, false)).toBe(s.indexOf(' tail'));
    expect(valueEnd('"a\\\\"rest', 0, false)).toBe(5);
    expect(valueEnd('123', 0, false)).toBe(-1);
    expect(valueEnd('123', 0, true)).toBe(3);
    expect(valueEnd('{"a":[1,2', 0, true)).toBe(-1);
  });

  it('seeks the wrapped array, or says more text is needed, or that there is none', () => {
    const m = wrapperMatch();
    const s = '{"total":1,"data":{"records":[{"a":1}]}}';
    expect(seekArray(s, 0, true, m)).toBe(s.indexOf('[') + 1);
    expect(seekArray(s.slice(0, 15), 0, false, m)).toBe(-1);
    expect(seekArray('{"total":1}', 0, true, m)).toBe(-2);
  });
});
