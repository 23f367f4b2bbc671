import ExcelJS from 'exceljs';
import type { Db } from '../kernel/db/schema.ts';
import type { Term } from './dictionaries.ts';
import { loadStandard } from './entries.ts';
import {
  type Column,
  classLabel,
  DATA_TYPE_LABELS,
  ENTRY_COLUMNS,
  ENTRY_SHEET,
  EXAMPLE_MARK,
  GUIDE_SHEET,
  ITEM_COLUMNS,
  ITEM_SHEET,
  LISTS_SHEET,
  type ListName,
  MAX_IMPORT_ENTRIES,
  MAX_IMPORT_ITEMS,
  PI_KIND_LABELS,
  termLabel,
} from './io.ts';
import { OPEN_TYPES, SHARE_TYPES, type Standard } from './rules.ts';

// Art. 13: departments compile their catalog to the one standard; the template carries the
// standard's live dictionaries as dropdowns (the names people read), so a filled file maps back
// to codes on import.

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const EXAMPLE_FONT: Partial<ExcelJS.Font> = { italic: true, color: { argb: 'FF808080' } };

/** The dropdown lists, in the columns of the hidden 字典 sheet. */
function lists(std: Standard): Record<ListName, string[]> {
  // An entry is filed under a 目 (6 digits) or 细目 (8 digits).
  const leafClasses = [...std.classes.values()].filter((t) => t.code.length >= 6);
  const labels = (m: Map<string, Term>) => [...m.values()].map((t) => termLabel(t, m));
  return {
    classes: leafClasses.map(classLabel),
    groups: labels(std.groups),
    formats: labels(std.formats),
    frequencies: labels(std.frequencies),
    shareTypes: [...SHARE_TYPES],
    openTypes: [...OPEN_TYPES],
    // Grade names already carry their parent (一般-1).
    grades: [...std.grades.values()].map((t) => t.name),
    dataTypes: Object.values(DATA_TYPE_LABELS),
    piKinds: Object.values(PI_KIND_LABELS),
    yesNo: ['是', '否'],
  };
}

// exceljs supports range validations (written once, not per cell) but its types omit them.
const validations = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;

function sheetWithHeader<F>(
  wb: ExcelJS.Workbook,
  name: string,
  columns: Column<F>[],
  rows: number,
  listRef: Map<ListName, string>,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, width: c.width }));
  const header = ws.getRow(1);
  header.height = 22;
  header.eachCell((cell, i) => {
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.note = columns[i - 1].note;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  for (const [i, c] of columns.entries()) {
    if (!c.list) continue;
    const letter = ws.getColumn(i + 1).letter;
    // Classification codes may also be typed as bare codes: warn rather than refuse.
    validations(ws).add(`${letter}2:${letter}${rows + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [listRef.get(c.list)!],
      showErrorMessage: true,
      errorStyle: c.list === 'classes' ? 'warning' : 'stop',
      errorTitle: '取值不在目录标准中',
      error: `请从下拉列表中选择${c.header}`,
    });
  }
  return ws;
}

const EXAMPLE_ENTRY: Record<string, string> = {
  seq: EXAMPLE_MARK,
  name: '户籍人口基本信息（示例，导入时忽略）',
  summary: '全省户籍人口的基本身份信息，用于政务服务身份核验。',
  shareType: '有条件共享',
  shareScope: '省内政务部门',
  sharePurpose: '办理政务服务事项时核验身份',
  openType: '不予开放',
  openReason: '含公民个人隐私信息',
};
const EXAMPLE_ITEMS: Record<string, string>[] = [
  { name: '公民身份号码', required: '是' },
  { name: '姓名', required: '是' },
  { name: '迁入日期', code: 'QRRQ', dataType: DATA_TYPE_LABELS.date, required: '否', grade: '一般' },
];

function guide(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(GUIDE_SHEET);
  ws.columns = [
    { header: '工作表', width: 10 },
    { header: '列', width: 18 },
    { header: '必填', width: 8 },
    { header: '填写说明', width: 90 },
  ];
  ws.getRow(1).font = { bold: true };
  const general = [
    `每行一个目录；每个目录的数据项填在“${ITEM_SHEET}”表，用“目录序号”（或目录名称）与目录对应。`,
    `带 * 的列必填；下拉列表来自省级目录标准（第十二条），也可填写字典代码。`,
    `序号为“${EXAMPLE_MARK}”的行是填写示例，导入时忽略，可保留或删除。`,
    `一次最多导入 ${MAX_IMPORT_ENTRIES} 个目录、${MAX_IMPORT_ITEMS} 个数据项；导入的目录为本部门草稿，提交审核后发布。`,
    '任一行有错误时整个文件不导入，错误逐行列出（工作表、行号、列、原因）；改正后重新导入即可。',
  ];
  for (const g of general) ws.addRow(['全部', '', '', g]);
  for (const [sheet, cols] of [
    [ENTRY_SHEET, ENTRY_COLUMNS],
    [ITEM_SHEET, ITEM_COLUMNS],
  ] as const)
    for (const c of cols as Column<string>[]) ws.addRow([sheet, c.header, c.required ? '是' : '', c.note]);
  ws.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
}

/** The import template (.xlsx) with today's dictionaries. */
export async function importTemplate(db: Db): Promise<Buffer> {
  const std = await loadStandard(db);
  const l = lists(std);
  const names = Object.keys(l) as ListName[];
  // Lists longer than Excel's 255-character inline limit must be ranges on a sheet.
  const listRef = new Map(
    names.map((name, i) => {
      const col = String.fromCharCode(65 + i);
      return [name, `'${LISTS_SHEET}'!$${col}$2:$${col}$${l[name].length + 1}`] as const;
    }),
  );
  const wb = new ExcelJS.Workbook();
  wb.creator = '政务数据平台';
  const entries = sheetWithHeader(wb, ENTRY_SHEET, ENTRY_COLUMNS, MAX_IMPORT_ENTRIES, listRef);
  const items = sheetWithHeader(wb, ITEM_SHEET, ITEM_COLUMNS, MAX_IMPORT_ITEMS, listRef);
  guide(wb);
  const dict = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  for (const [i, name] of names.entries()) dict.getColumn(i + 1).values = [name, ...l[name]];

  const example: Record<string, string> = {
    ...EXAMPLE_ENTRY,
    classificationCode: l.classes.find((c) => c.startsWith('101001 ')) ?? l.classes[0] ?? '',
    groupCode: firstLabel(l.groups, '人口'),
    formatCode: firstLabel(l.formats, '库表'),
    frequencyCode: firstLabel(l.frequencies, '每日'),
  };
  entries.addRow(ENTRY_COLUMNS.map((c) => example[c.field] ?? '')).font = EXAMPLE_FONT;
  for (const it of EXAMPLE_ITEMS)
    items.addRow(
      ITEM_COLUMNS.map((c) => (c.field === 'entrySeq' ? EXAMPLE_MARK : (it[c.field] ?? ''))),
    ).font = EXAMPLE_FONT;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const firstLabel = (labels: string[], want: string) =>
  labels.find((l) => l === want || l.endsWith(`/${want}`)) ?? labels[0] ?? '';
