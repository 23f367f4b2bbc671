// The demo's files (Art. 18): a GBK encoder — older provincial systems still export GBK, and Node
// decodes GBK but has no encoder, so the table is built once by decoding every two-byte code — and
// the CSV, XLSX and JSON writers whose bytes the demo feeds to the real readers.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { openCsv, openJson, openXlsx, type RowSource } from './readers/index.ts';

let table: Map<string, number> | undefined;

/** char → lead << 8 | trail, from the gb18030 decoder over all two-byte codes (lead 0x81–0xFE). */
function gbkTable(): Map<string, number> {
  if (table) return table;
  // Every pair, newline-separated, decoded in one call: 0x0A is never a GBK trail byte, so an
  // undecodable pair cannot shift its neighbours.
  const codes: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) codes.push((lead << 8) | trail);
  const bytes = Buffer.alloc(codes.length * 3);
  codes.forEach((c, i) => {
    bytes[i * 3] = c >> 8;
    bytes[i * 3 + 1] = c & 0xff;
    bytes[i * 3 + 2] = 0x0a;
  });
  const chars = new TextDecoder('gb18030').decode(bytes).split('\n');
  table = new Map();
  codes.forEach((c, i) => {
    const ch = chars[i];
    // One character, decoded (not U+FFFD), first code wins (GBK has a few duplicate mappings).
    if (ch?.length === 1 && ch !== '\uFFFD' && !table!.has(ch)) table!.set(ch, c);
  });
  return table;
}

/** Text as GBK bytes; ASCII passes through. A character GBK lacks is a programming error here. */
export function encodeGbk(text: string): Buffer {
  const t = gbkTable();
  const out = Buffer.alloc(text.length * 2);
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out[n++] = cp;
      continue;
    }
    const code = t.get(ch);
    if (code === undefined) throw new Error(`demo: “${ch}” has no GBK code`);
    out[n++] = code >> 8;
    out[n++] = code & 0xff;
  }
  return out.subarray(0, n);
}

// ---- the demo's files, in the formats departments deliver (read back through the real readers) ----

export type DemoFormat = 'csv-gbk' | 'csv' | 'csv-bom' | 'xlsx' | 'json';

/** How a file column is written: its header, the item's code (JSON keys) and type (numbers, dates). */
export interface DemoColumn {
  name: string;
  code: string;
  dataType: string;
}

const csvCell = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

export const csvText = (header: string[], rows: string[][]) =>
  `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;

const isNumber = (t: string) => t === 'integer' || t === 'decimal';

/** The file's bytes: CSV (GBK, UTF-8, UTF-8 with the BOM Excel writes), XLSX, or JSON as an interface answers. */
export async function demoFile(format: DemoFormat, columns: DemoColumn[], rows: string[][]): Promise<Buffer> {
  const header = columns.map((c) => c.name);
  if (format === 'csv-gbk') return encodeGbk(csvText(header, rows));
  if (format === 'csv') return Buffer.from(csvText(header, rows));
  if (format === 'csv-bom') return Buffer.from(`\uFEFF${csvText(header, rows)}`);
  if (format === 'json') {
    // A business system's answer: item codes as keys, numbers as numbers, the records wrapped.
    const records = rows.map((r) =>
      Object.fromEntries(columns.map((c, i) => [c.code, isNumber(c.dataType) ? Number(r[i]) : r[i]])),
    );
    return Buffer.from(JSON.stringify({ code: 0, message: '成功', data: { total: rows.length, records } }));
  }
  // Excel: dates as date cells, amounts as numbers, codes as text (an ID typed as a number loses
  // digits). The streaming writer: several times faster than building the workbook in memory.
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (c: Buffer) => parts.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = wb.addWorksheet('Sheet1');
  sheet.columns = columns.map((c) => ({
    header: c.name,
    width: 18,
    style: c.dataType === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  for (const r of rows)
    sheet
      .addRow(
        columns.map((c, i) =>
          c.dataType === 'date' ? new Date(`${r[i]}T00:00:00Z`) : isNumber(c.dataType) ? Number(r[i]) : r[i],
        ),
      )
      .commit();
  sheet.commit();
  await wb.commit();
  return Buffer.concat(parts);
}

/** The file as the loader reads an upload: through the reader of its format, from memory. */
export function openDemoFile(format: DemoFormat, bytes: Buffer): RowSource {
  const chunks = () => Readable.from([bytes]);
  const opts = { totalBytes: bytes.length };
  if (format === 'xlsx') return openXlsx(chunks(), opts);
  if (format === 'json') return openJson(chunks(), opts);
  return openCsv(chunks(), opts);
}
