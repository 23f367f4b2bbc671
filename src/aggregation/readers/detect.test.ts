import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFormat, openFile } from './detect.ts';
import { fixture, readAll, readError } from './test-helpers.ts';

let dir = '';
const write = (name: string, content: string | Uint8Array) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
let xlsx: Buffer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readers-'));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  ws.addRow(['代码', '名称']);
  ws.addRow(['230102', '道里区']);
  xlsx = Buffer.from(await wb.xlsx.writeBuffer());
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('detectFormat', () => {
  it('trusts the bytes before the name', () => {
    expect(detectFormat('a.csv', Buffer.from('PK\x03\x04rest'))).toBe('xlsx');
    expect(detectFormat('a.tsv', Buffer.from('a\tb'))).toBe('csv');
    expect(detectFormat('a.JSON', Buffer.from('[]'))).toBe('json');
    expect(detectFormat('a.jsonl', Buffer.from('{}'))).toBe('ndjson');
    expect(detectFormat('export', Buffer.from('\uFEFF \n[{"a":1}]', 'utf8'))).toBe('json');
    expect(detectFormat('export', Buffer.from('a,b\n'))).toBe('csv');
    expect(() => detectFormat('a.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))).toThrow('不支持 .xls 旧格式');
    expect(() => detectFormat('a.dat', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))).toThrow('另存为 .xlsx');
    expect(() => detectFormat('a.xlsx', Buffer.from('a,b'))).toThrow('Excel 文件无法读取：文件不是 zip 格式');
  });
});

describe('openFile', () => {
  it('opens a GBK CSV with its size as totalBytes', async () => {
    const p = write('人口.csv', fixture('gbk.csv'));
    const src = await openFile(p);
    expect(src.totalBytes).toBe(fixture('gbk.csv').length);
    const r = await readAll(src);
    expect(r.header).toEqual(['姓名', '身份证号', '地址', '备注']);
    expect(r.rows.length).toBe(3);
    expect(r.batches.at(-1)?.bytesRead).toBe(src.totalBytes);
  });

  it('opens a workbook even when it is named .csv', async () => {
    for (const name of ['a.xlsx', 'renamed.csv']) {
      const r = await readAll(await openFile(write(name, xlsx)));
      expect(r.rows).toEqual([[2, ['230102', '道里区']]]);
    }
  });

  it('opens TSV, JSON and NDJSON, and honours format and encoding overrides', async () => {
    expect((await readAll(await openFile(write('a.tsv', 'x,y\tz\n1,2\t3\n')))).rows).toEqual([
      [2, ['1,2', '3']],
    ]);
    expect((await readAll(await openFile(write('a.json', '{"items":[{"k":"v"}]}')))).rows).toEqual([
      [1, ['v']],
    ]);
    expect((await readAll(await openFile(write('a.ndjson', '{"k":1}\n\n{"k":2}\n')))).rows).toEqual([
      [1, ['1']],
      [3, ['2']],
    ]);
    const asCsv = await readAll(await openFile(write('b.json', '[x]\n1\n'), { format: 'csv' }));
    expect(asCsv.rows).toEqual([[2, ['1']]]);
    const forced = await readError(() => openFile(write('c.csv', fixture('gbk.csv')), { encoding: 'utf-8' }));
    expect(forced.rowNumber).toBe(1);
  });

  it('says in Chinese when the file cannot be opened', async () => {
    expect((await readError(() => openFile(path.join(dir, 'missing.csv')))).message).toBe(
      '读取文件失败（ENOENT）',
    );
    expect((await readError(() => openFile(dir))).message).toBe('所给路径不是文件');
  });
});
