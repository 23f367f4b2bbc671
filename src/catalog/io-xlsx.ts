import ExcelJS from 'exceljs';
import { DomainError } from '../kernel/errors.ts';
import { MAX_IMPORT_ITEMS } from './io.ts';

// Reading an uploaded workbook defensively: only a real .xlsx (a zip) is opened, its declared
// unpacked size is bounded, and the parts of a sheet that exceljs would expand cell by cell
// (a validation or merge over a whole column is a million cells) are not read at all.

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
const IGNORED_PARTS = [
  'dataValidations',
  'mergeCells',
  'conditionalFormatting',
  'hyperlinks',
  'drawing',
  'picture',
  'tableParts',
  'extLst',
];

export const notXlsx = (detail: string) =>
  new DomainError(400, 'catalog-import-not-xlsx', '导入文件不是有效的 Excel（.xlsx）文件', { detail });

const tooLarge = () =>
  new DomainError(413, 'catalog-import-too-large', '导入文件过大', {
    detail: `文件不得超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB，解压后不得超过 ${MAX_UNPACKED_BYTES / 1024 / 1024} MB`,
  });

/** The sum of the unpacked sizes the zip's central directory declares (Infinity for zip64). */
export function declaredUnpackedSize(buf: Buffer): number {
  const floor = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= floor; i--) {
    if (buf.readUInt32LE(i) !== 0x06054b50) continue;
    const count = buf.readUInt16LE(i + 10);
    let p = buf.readUInt32LE(i + 16);
    if (count === 0xffff || p === 0xffffffff) return Number.POSITIVE_INFINITY;
    let total = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw notXlsx('文件结构已损坏');
      const size = buf.readUInt32LE(p + 24);
      if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
      total += size;
      p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    }
    return total;
  }
  throw notXlsx('文件不完整或已损坏');
}

/** Opens an uploaded .xlsx, or refuses it with a reason a person can act on. */
export async function readWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  if (buf.length === 0) throw notXlsx('上传的文件为空');
  if (buf.length > MAX_UPLOAD_BYTES) throw tooLarge();
  // .xlsx is a zip (PK\3\4); .xls and password-protected workbooks are OLE files.
  if (buf.length < 30 || buf.readUInt32LE(0) !== 0x04034b50)
    throw notXlsx('请上传 .xlsx 格式的文件（.xls 或加密的工作簿请先在 Excel 中另存为 .xlsx）');
  if (declaredUnpackedSize(buf) > MAX_UNPACKED_BYTES) throw tooLarge();
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs' types omit the row and column limits it supports.
    const limits = { maxRows: MAX_IMPORT_ITEMS + 100, maxCols: 200 };
    await wb.xlsx.load(
      buf as unknown as ExcelJS.Buffer,
      { ignoreNodes: IGNORED_PARTS, ...limits } as Partial<ExcelJS.XlsxReadOptions>,
    );
  } catch (err) {
    if (/Max (row|c) count/.test(String((err as Error)?.message)))
      throw new DomainError(422, 'catalog-import-too-many-rows', '导入文件行数超过上限', {
        detail: `一个工作表最多 ${MAX_IMPORT_ITEMS} 行数据`,
      });
    throw notXlsx('文件已损坏或不是 Excel 工作簿，无法读取');
  }
  return wb;
}

/** The text of a cell as a person sees it, whatever exceljs made of it. */
export function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v)
    return v.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('formula' in v || 'sharedFormula' in v)
    return cellText((v as ExcelJS.CellFormulaValue).result as never);
  if ('text' in v) return String(v.text).trim();
  return '';
}

/** The file part of a multipart/form-data body (browsers upload that way); null when there is none. */
export function fileFromMultipart(body: Buffer, contentType: string): Buffer | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) return null;
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    const headEnd = body.indexOf('\r\n\r\n', start);
    if (headEnd < 0) return null;
    const next = body.indexOf(delimiter, headEnd + 4);
    if (next < 0) return null;
    const head = body.subarray(start, headEnd).toString('utf8');
    // The part's content ends with the CRLF that precedes the next delimiter.
    if (/content-disposition:[^\r\n]*filename=/i.test(head)) return body.subarray(headEnd + 4, next - 2);
    at = next;
  }
  return null;
}
