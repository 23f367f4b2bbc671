import { describe, expect, it } from 'vitest';
import { type CsvOptions, openCsv } from './csv.ts';
import { detectDelimiter } from './csv-parser.ts';
import { toGbk } from './sample-data.ts';
import { chunksOf, fixture, readAll, readError } from './test-helpers.ts';

// Art. 18: department CSV exports, read the same whatever the encoding or the way the bytes arrive.

const csv = (bytes: Uint8Array | string, size = 64 * 1024, opts: CsvOptions = {}) =>
  openCsv(chunksOf(bytes, size), opts);

const GBK_ROWS = [
  [2, ['张三', '110101199003077777', '黑龙江省哈尔滨市南岗区,学府路1号', '他说"你好"']],
  [3, ['李四', '230102198512120013', '哈尔滨市道里区', null]],
  [4, ['王五', '23010219700101001X', '多行\r\n地址', '附注€']],
];

describe('openCsv', () => {
  it('reads the GBK fixture (iconv-made) in every chunking', async () => {
    for (const size of [1, 7, 64 * 1024]) {
      const r = await readAll(csv(fixture('gbk.csv'), size));
      expect(r.header).toEqual(['姓名', '身份证号', '地址', '备注']);
      expect(r.rows).toEqual(GBK_ROWS);
    }
  });

  it('reads GB18030 four-byte characters', async () => {
    for (const size of [1, 7]) {
      const r = await readAll(csv(fixture('gb18030.csv'), size));
      expect(r.rows.map(([n, c]) => [n, c[0]])).toEqual([
        [2, '李䶮'],
        [3, '𠀀字'],
      ]);
    }
  });

  it('reads the same rows from the UTF-8 source, with and without a BOM', async () => {
    const text = fixture('gbk.utf8.csv').toString('utf8');
    for (const bytes of [text, `\uFEFF${text}`])
      for (const size of [1, 7]) {
        const r = await readAll(csv(bytes, size));
        expect(r.header?.[0]).toBe('姓名');
        expect(r.rows).toEqual(GBK_ROWS);
      }
  });

  it('reads quotes, doubled quotes, delimiters and line breaks inside quotes, and all line endings', async () => {
    const text = 'a,b,c\n"x,1","say ""hi""",plain\r"line\nbreak",,""\r\n"",last,"\r"\n';
    for (const size of [1, 2, 7, 1000]) {
      const r = await readAll(csv(text, size));
      expect(r.header).toEqual(['a', 'b', 'c']);
      expect(r.rows).toEqual([
        [2, ['x,1', 'say "hi"', 'plain']],
        [3, ['line\nbreak', null, null]],
        [4, [null, 'last', '\r']],
      ]);
    }
  });

  it('trims nothing and keeps a quote inside an unquoted field as it is', async () => {
    const r = await readAll(csv('a,b\n  x , 5"5\n'));
    expect(r.rows).toEqual([[2, ['  x ', ' 5"5']]]);
  });

  it('detects tab, semicolon and pipe delimiters from the header, and accepts an override', async () => {
    for (const d of ['\t', ';', '|']) {
      const r = await readAll(csv(`名称${d}"代码,编号"${d}备注\n甲${d}1,2${d}\n`, 3));
      expect(r.header).toEqual(['名称', '代码,编号', '备注']);
      expect(r.rows).toEqual([[2, ['甲', '1,2', null]]]);
    }
    expect(detectDelimiter('a,b;c;d')).toBe(';');
    expect(detectDelimiter('"a;b;c",d')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
    const forced = await readAll(csv('a;b,c\n1;2,3\n', 64, { delimiter: ',' }));
    expect(forced.rows).toEqual([[2, ['1;2', '3']]]);
  });

  it('pads short rows with null, skips blank rows and keeps row numbers as in the file', async () => {
    const text = '\na,b,c\n1\n\n,,\n2,,3\n\r\n4,5,6';
    const r = await readAll(csv(text, 1, { batchSize: 10 }));
    expect(r.rows).toEqual([
      [3, ['1', null, null]],
      [6, ['2', null, '3']],
      [8, ['4', '5', '6']],
    ]);
    // A batch never spans a skipped row, so firstRowNumber + i is right.
    expect(r.batches.map((b) => [b.firstRowNumber, b.rows.length])).toEqual([
      [3, 1],
      [6, 1],
      [8, 1],
    ]);
  });

  it('cuts batches at batchSize and reports bytes read', async () => {
    const text = `n\n${Array.from({ length: 25 }, (_, i) => i).join('\n')}\n`;
    const r = await readAll(csv(text, 8, { batchSize: 10, totalBytes: text.length }));
    expect(r.batches.map((b) => b.rows.length)).toEqual([10, 10, 5]);
    expect(r.batches.map((b) => b.firstRowNumber)).toEqual([2, 12, 22]);
    expect(r.batches.at(-1)?.bytesRead).toBe(text.length);
    expect(r.rows.at(-1)).toEqual([26, ['24']]);
  });

  it('names the row with too many cells', async () => {
    const err = await readError(csv('a,b\n1,2\n"x\ny",2\n3,4,5\n', 1));
    expect(err.rowNumber).toBe(4);
    expect(err.message).toBe('第 4 行：有 3 列，多于表头的 2 列（可能含有未加引号的分隔符）');
    expect(err.status).toBe(422);
    const quoted = await readError(csv('a,b\n"1",2,"3"\n'));
    expect(quoted.rowNumber).toBe(2);
  });

  it('names the row of a quote left open at the end of the file', async () => {
    const err = await readError(csv('a,b\n1,2\n3,"never closed\n4,5\n', 7));
    expect(err.rowNumber).toBe(3);
    expect(err.message).toContain('第 3 行：第 2 列的引号没有闭合');
  });

  it('refuses text after a closing quote', async () => {
    const err = await readError(csv('a,b\n1,"2"x\n'));
    expect(err.message).toContain('第 2 行：第 2 列的右引号后还有其他字符');
  });

  it('stops a runaway record instead of holding the whole file', async () => {
    const err = await readError(csv(`a\n"${'x'.repeat(5000)}`, 100, { maxRecordChars: 1000 }));
    expect(err.message).toContain('第 2 行：一条记录超过 1000 个字符');
  });

  it('names the row where bytes do not decode', async () => {
    // 80 KB of valid UTF-8 first, so the probe settles on UTF-8 before the bad byte arrives.
    const bytes = Buffer.concat([
      Buffer.from(`a,b\n${'甲,乙\n'.repeat(10_000)}`, 'utf8'),
      Buffer.from([0x31, 0xff, 0x2c, 0x31, 0x0a]),
    ]);
    const err = await readError(csv(bytes, 4096));
    expect(err.rowNumber).toBe(10_002);
    expect(err.message).toMatch(/^第 10002 行附近含有无法按 UTF-8 解码的字节：文件可能混用了多种编码/);
    // Invalid as UTF-8 within the probe: read as GBK, and then invalid as that too.
    const gbk = await readError(csv(Buffer.from([0x61, 0x0a, 0xd5, 0xc5, 0x0a, 0xff, 0x0a])));
    expect(gbk.message).toContain('无法按 GBK/GB18030 解码');
    const forced = await readError(csv(toGbk('a\n张\n'), 64, { encoding: 'utf-8' }));
    expect(forced.rowNumber).toBe(2);
    expect(forced.message).toContain('编码与指定的不符');
  });

  it('a source is read once', async () => {
    const src = csv('a\n1\n');
    await readAll(src);
    expect(() => src.batches()).toThrow('数据源只能读取一次');
  });

  it('an empty file or a header alone gives no batches', async () => {
    expect((await readAll(csv(''))).batches).toEqual([]);
    expect((await readAll(csv('a,b\r\n'))).batches).toEqual([]);
  });
});
