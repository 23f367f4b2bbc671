import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readAll, readError } from './test-helpers.ts';
import { openXlsx } from './xlsx.ts';
import { columnLetter, dateText, isDateFormat, numberText } from './xlsx-cells.ts';

// Art. 18: Excel sheets from departments, read as the text a person sees in Excel.

async function workbook(fill: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const open = (buf: Buffer, batchSize?: number) => openXlsx(Readable.from([buf]), { batchSize });

const utc = (...a: [number, number, number, number?, number?, number?]) =>
  new Date(Date.UTC(a[0], a[1] - 1, a[2], a[3] ?? 0, a[4] ?? 0, a[5] ?? 0));

describe('openXlsx', () => {
  it('reads text IDs, dates, numbers, rich text and formulas; skips empty rows', async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet('人口');
      ws.addRow(['姓名', '身份证号', '出生日期', '金额', '登记时间', '备注', '是否']);
      ws.addRow([
        '张三',
        '110101199003077777',
        utc(1990, 3, 7),
        12.5,
        utc(2024, 3, 3, 8, 30, 15),
        ' 前后空格 ',
        true,
      ]);
      ws.addRow([]);
      ws.addRow([
        '李四',
        '23010219700101001X',
        utc(1970, 1, 1),
        0.1 + 0.2,
        null,
        { richText: [{ text: '富' }, { font: { bold: true }, text: '文本' }] },
      ]);
      ws.addRow([
        '王五',
        '230102198512120013',
        { formula: 'C2+1', result: 32940 },
        { formula: 'D2*2', result: 25 },
      ]);
      ws.addRow([null, null, null, 123456789012345]);
      ws.getColumn(3).numFmt = 'yyyy"年"m"月"d"日"';
      ws.getColumn(5).numFmt = 'yyyy-mm-dd hh:mm:ss';
    });
    const r = await readAll(open(buf));
    expect(r.header).toEqual(['姓名', '身份证号', '出生日期', '金额', '登记时间', '备注', '是否']);
    expect(r.rows).toEqual([
      [2, ['张三', '110101199003077777', '1990-03-07', '12.5', '2024-03-03 08:30:15', ' 前后空格 ', 'true']],
      [4, ['李四', '23010219700101001X', '1970-01-01', '0.3', null, '富文本', null]],
      [5, ['王五', '230102198512120013', '1990-03-08', '25', null, null, null]],
      [6, [null, null, null, '123456789012345', null, null, null]],
    ]);
    // The empty row 3 ends a batch, so firstRowNumber + i holds.
    expect(r.batches.map((b) => b.firstRowNumber)).toEqual([2, 4]);
    expect(r.batches.at(-1)?.bytesRead).toBe(buf.length);
  });

  it('reads dates of a workbook in the 1904 date system, formula results included', async () => {
    const buf = await workbook((wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('s');
      ws.addRow(['日期', '公式', '时间']);
      ws.addRow([utc(2024, 5, 6), { formula: 'A2', result: 1 }, { formula: 'A1', result: 0.5 }]);
      ws.getColumn(1).numFmt = 'yyyy-mm-dd';
      ws.getColumn(2).numFmt = 'yyyy-mm-dd';
      ws.getColumn(3).numFmt = 'hh:mm';
    });
    const r = await readAll(open(buf));
    expect(r.rows).toEqual([[2, ['2024-05-06', '1904-01-02', '12:00:00']]]);
  });

  it('refuses an ID number stored as a number, naming row, column and header', async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet('s');
      ws.addRow(['姓名', '身份证号']);
      ws.addRow(['张三', '110101199003077777']);
      ws.addRow(['李四', Number('230102199001011234')]); // typed in as a number
    });
    const err = await readError(open(buf));
    expect(err.rowNumber).toBe(3);
    expect(err.message).toMatch(/^第 3 行：B 列（身份证号）的数值 230102199001011\d{3} 超过 15 位/);
    expect(err.message).toContain('设置为“文本”格式');
  });

  it('reads the first sheet in tab order and starts at the first non-empty row', async () => {
    const buf = await workbook((wb) => {
      wb.addWorksheet('第二').addRow(['x']);
      const first = wb.addWorksheet('第一');
      (first as ExcelJS.Worksheet & { orderNo: number }).orderNo = 0; // first tab, created second
      first.getCell('A3').value = '代码';
      first.getCell('B3').value = '名称';
      first.getCell('A4').value = '230102';
      first.getCell('B4').value = '道里区';
    });
    const r = await readAll(open(buf));
    expect(r.header).toEqual(['代码', '名称']);
    expect(r.rows).toEqual([[4, ['230102', '道里区']]]);
  });

  it('refuses data to the right of the header', async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet('s');
      ws.addRow(['a', 'b']);
      ws.addRow(['1', '2', null, 'stray']);
    });
    const err = await readError(open(buf));
    expect(err.message).toBe('第 2 行：D 列有数据，但表头只有 2 列');
  });

  it('refuses a damaged or non-xlsx file in Chinese', async () => {
    const buf = await workbook((wb) => {
      wb.addWorksheet('s').addRow(['a']);
    });
    const cut = await readError(open(buf.subarray(0, buf.length >> 1)));
    expect(cut.message).toMatch(/^Excel 文件无法读取：文件已损坏或不完整/);
    const text = await readError(open(Buffer.from('a,b\n1,2\n')));
    expect(text.message).toMatch(/^Excel 文件无法读取/);
    const missing = await readError(openXlsx('/nonexistent/file.xlsx'));
    expect(missing.message).toBe('读取文件失败（ENOENT）');
  });
});

describe('xlsx cells', () => {
  it('formats numbers, dates and columns as Excel shows them', () => {
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(1e-7)).toBe('0.0000001');
    expect(numberText(123456789012345)).toBe('123456789012345');
    expect(numberText(-2.5)).toBe('-2.5');
    expect(dateText(utc(2024, 2, 29))).toBe('2024-02-29');
    expect(dateText(new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 600)))).toBe('2024-03-01');
    expect(dateText(utc(1899, 12, 30, 8, 30))).toBe('08:30:00');
    expect(isDateFormat('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat('[Red]#,##0.00')).toBe(false);
    expect(isDateFormat('0.00"元"')).toBe(false);
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
