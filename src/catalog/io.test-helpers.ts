// Shared by the import, export and DCAT tests: publishing an entry through the real review
// (Art. 12), reading a CSV the way a spreadsheet does, filling the template, and a multipart body
// as a browser sends it.
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestSystem } from '../../test/helpers/system.ts';

export function ok(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

/** Drafts, submits and (as the provincial reviewer) publishes an entry; returns the entry. */
export async function publishEntry(
  t: TestSystem,
  tok: Record<string, string>,
  user: string,
  payload: object,
): Promise<{ id: number; code: string }> {
  const e = ok(await t.call(tok[user], { method: 'POST', url: '/api/v1/catalog/entries', payload }), 201);
  const s = ok(await t.call(tok[user], { method: 'POST', url: `/api/v1/catalog/entries/${e.id}/submit` }));
  ok(
    await t.call(tok['sheng.reviewer'], {
      method: 'POST',
      url: `/api/v1/matters/${s.reviewMatterId}/transitions/publish`,
      payload: {},
    }),
  );
  return { id: e.id, code: e.code };
}

/** RFC 4180 parsing (quoted fields with commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

export async function workbookOf(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  return wb;
}

/** The text rows of a sheet (row 1 the header). */
export function sheetRows(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  ws.eachRow((r) => {
    const values = r.values as unknown[];
    rows.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

export function multipart(file: Buffer, filename: string): { body: Buffer; contentType: string } {
  const boundary = '----govdataTestBoundary7MA4YWxkTrZu0gW';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n批量导入\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

export type Row = Record<string, string | number>;

/** Writes rows under the template's own headers (matched by header, as a person would fill it). */
function fill(ws: ExcelJS.Worksheet, rows: Row[]): void {
  const cols = new Map<string, number>();
  ws.getRow(1).eachCell((c, n) => cols.set(String(c.value).replace('*', ''), n));
  for (const r of rows) {
    const row = ws.getRow(ws.rowCount + 1);
    for (const [k, v] of Object.entries(r)) {
      if (!cols.has(k)) throw new Error(`no column ${k}`);
      row.getCell(cols.get(k)!).value = v;
    }
    row.commit();
  }
}

/** The template filled in; its dropdowns are dropped unless kept (rewriting them is slow in exceljs). */
export async function fillTemplate(
  template: Buffer,
  entries: Row[],
  items: Row[],
  keepDropdowns = false,
): Promise<Buffer> {
  const wb = await workbookOf(template);
  for (const ws of wb.worksheets)
    if (!keepDropdowns) (ws as unknown as { dataValidations: { model: object } }).dataValidations.model = {};
  fill(wb.getWorksheet('目录')!, entries);
  fill(wb.getWorksheet('数据项')!, items);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
