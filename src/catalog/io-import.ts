import type ExcelJS from 'exceljs';
import { type Actor, type Ctx, inTransaction } from '../kernel/context.ts';
import { sm3Hex } from '../kernel/crypto/index.ts';
import { DomainError, forbidden } from '../kernel/errors.ts';
import { draftEntry, loadStandard } from './entries.ts';
import {
  articleInChinese,
  type Column,
  DATA_TYPE_LABELS,
  ENTRY_COLUMNS,
  ENTRY_SHEET,
  type EntryField,
  EXAMPLE_MARK,
  ITEM_COLUMNS,
  ITEM_SHEET,
  type ItemField,
  type Lookup,
  labelLookup,
  MAX_IMPORT_ENTRIES,
  MAX_IMPORT_ITEMS,
  PI_KIND_LABELS,
  termLookup,
} from './io.ts';
import { cellText, readWorkbook } from './io-xlsx.ts';
import { type EntryInput, normalizeEntry, type Standard } from './rules.ts';

// Art. 13: a department compiles its catalog in bulk from the template. All rows or none: every
// row is checked against the standard and the rules (Art. 14, 21, 33) before anything is saved,
// errors come back per sheet, row and column, and the drafts are created in one transaction.

export interface RowError {
  sheet: string;
  row: number;
  column: string;
  message: string;
  article?: string;
}

export interface ImportResult {
  created: { row: number; id: number; code: string; name: string }[];
  notices: { row: number; message: string; article?: string }[];
}

interface Parsed {
  row: number;
  seq: string;
  input: EntryInput;
  relatedCodes: string[];
  itemRows: number[];
}

const MAX_LISTED_ERRORS = 1000;

export function importRefused(all: RowError[]): DomainError {
  // One message per cell: a value refused while reading is not refused again by the rules.
  const seen = new Set<string>();
  const errors = all.filter((e) => {
    const cell = `${e.sheet}|${e.row}|${e.column}`;
    if (!e.column) return true;
    if (seen.has(cell)) return false;
    seen.add(cell);
    return true;
  });
  return new DomainError(422, 'catalog-import-invalid', '导入文件有错误，未导入任何目录', {
    detail: `共 ${errors.length} 处错误${errors.length > MAX_LISTED_ERRORS ? `（列出前 ${MAX_LISTED_ERRORS} 处）` : ''}，请改正后重新导入`,
    extra: { errors: errors.slice(0, MAX_LISTED_ERRORS) },
  });
}

const headerOf = <F>(cols: Column<F>[], f: F) => cols.find((c) => c.field === f)!.header;
const entryHeader = (f: EntryField) => headerOf(ENTRY_COLUMNS, f);
const itemHeader = (f: ItemField) => headerOf(ITEM_COLUMNS, f);

/** Where each template column is in this sheet (by its header, so columns may be reordered). */
function columnsOf<F>(ws: ExcelJS.Worksheet, cols: Column<F>[], errors: RowError[]): Map<F, number> {
  const found = new Map<string, number>();
  ws.getRow(1).eachCell((cell, n) => {
    found.set(cellText(cell.value).replace(/[*＊\s]/g, ''), n);
  });
  const map = new Map<F, number>();
  for (const c of cols) {
    const n = found.get(c.header);
    if (n) map.set(c.field, n);
    else if (c.required)
      errors.push({
        sheet: ws.name,
        row: 1,
        column: c.header,
        message: `缺少必填列“${c.header}”，请使用导入模板`,
      });
  }
  return map;
}

/** The data rows of a sheet as text by field: blank rows and the template's example are skipped. */
function rowsOf<F extends string>(ws: ExcelJS.Worksheet, map: Map<F, number>, mark: F) {
  const rows: { row: number; get: (f: F) => string }[] = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return;
    const values = new Map([...map].map(([f, col]) => [f, cellText(r.getCell(col).value)]));
    if ([...values.values()].every((v) => v === '') || values.get(mark) === EXAMPLE_MARK) return;
    rows.push({ row: n, get: (f) => values.get(f) ?? '' });
  });
  return rows;
}

const YES = new Set(['是', 'Y', 'y', '1', 'true', 'TRUE', '√']);
const NO = new Set(['否', 'N', 'n', '0', 'false', 'FALSE', '']);

interface Lookups {
  classes: Lookup;
  groups: Lookup;
  formats: Lookup;
  frequencies: Lookup;
  grades: Lookup;
  dataTypes: Lookup;
  piKinds: Lookup;
}

const lookupsOf = (std: Standard): Lookups => ({
  classes: termLookup(std.classes, (t) => `${t.code} ${t.name}`),
  groups: termLookup(std.groups),
  formats: termLookup(std.formats),
  frequencies: termLookup(std.frequencies),
  grades: termLookup(std.grades, (t) => t.name),
  dataTypes: labelLookup(DATA_TYPE_LABELS),
  piKinds: labelLookup(PI_KIND_LABELS),
});

/** A picked or typed value to its code; unknown text is passed on for the rules to name. */
const coded = (l: Lookup, text: string) => (text ? (l.code(text) ?? text) : text);
const classCode = (l: Lookup, text: string) => /^(\d{6}(\d{2})?)(\s|$)/.exec(text)?.[1] ?? coded(l, text);

function parseEntries(ws: ExcelJS.Worksheet, lk: Lookups, errors: RowError[]): Parsed[] {
  const missing = errors.length;
  const map = columnsOf(ws, ENTRY_COLUMNS, errors);
  if (errors.length > missing) return [];
  const rows = rowsOf(ws, map, 'seq');
  if (rows.length > MAX_IMPORT_ENTRIES)
    throw new DomainError(422, 'catalog-import-too-many-rows', '导入目录数超过上限', {
      detail: `一次最多导入 ${MAX_IMPORT_ENTRIES} 个目录，本文件有 ${rows.length} 个`,
    });
  const seen = new Set<string>();
  return rows.map(({ row, get }, i) => {
    const seq = get('seq') || String(i + 1);
    if (seen.has(seq))
      errors.push({ sheet: ws.name, row, column: entryHeader('seq'), message: `序号“${seq}”重复` });
    seen.add(seq);
    const text = (f: EntryField) => get(f) || null;
    return {
      row,
      seq,
      relatedCodes: [
        ...new Set(
          get('related')
            .split(/[、,，;；\s]+/)
            .filter(Boolean),
        ),
      ],
      itemRows: [],
      input: {
        name: get('name'),
        summary: get('summary'),
        classificationCode: classCode(lk.classes, get('classificationCode')),
        groupCode: coded(lk.groups, get('groupCode')),
        formatCode: coded(lk.formats, get('formatCode')),
        frequencyCode: coded(lk.frequencies, get('frequencyCode')),
        shareType: get('shareType'),
        shareConditions: { scope: text('shareScope'), purpose: text('sharePurpose') },
        shareLegalBasis: text('shareLegalBasis'),
        openType: text('openType'),
        openConditions: text('openConditions'),
        openReason: text('openReason'),
        piConsent: get('piConsent') ? { basis: get('piConsent') } : null,
        items: [],
      },
    };
  });
}

function parseItems(ws: ExcelJS.Worksheet, entries: Parsed[], lk: Lookups, errors: RowError[]): void {
  const missing = errors.length;
  const map = columnsOf(ws, ITEM_COLUMNS, errors);
  if (errors.length > missing) return;
  if (!map.has('entrySeq') && !map.has('entryName'))
    errors.push({
      sheet: ws.name,
      row: 1,
      column: itemHeader('entrySeq'),
      message: '缺少“目录序号”或“目录名称”列',
    });
  const rows = rowsOf(ws, map, 'entrySeq');
  if (rows.length > MAX_IMPORT_ITEMS)
    throw new DomainError(422, 'catalog-import-too-many-rows', '导入数据项数超过上限', {
      detail: `一次最多导入 ${MAX_IMPORT_ITEMS} 个数据项，本文件有 ${rows.length} 个`,
    });
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  const byName = new Map<string, Parsed | null>();
  for (const e of entries) byName.set(e.input.name, byName.has(e.input.name) ? null : e);
  for (const { row, get } of rows) {
    const err = (f: ItemField, message: string) =>
      errors.push({ sheet: ws.name, row, column: itemHeader(f), message });
    const seq = get('entrySeq');
    const owner = seq ? bySeq.get(seq) : byName.get(get('entryName'));
    if (!owner) {
      if (seq) err('entrySeq', `“${ENTRY_SHEET}”表中没有序号为“${seq}”的目录`);
      else if (get('entryName') && byName.get(get('entryName')) === null)
        err('entryName', `目录名称“${get('entryName')}”在“${ENTRY_SHEET}”表中不唯一，请填写目录序号`);
      else err('entrySeq', `请填写目录序号或“${ENTRY_SHEET}”表中的目录名称`);
      continue;
    }
    const length = get('length');
    if (length && !/^\d+$/.test(length)) err('length', '长度应为整数');
    const required = get('required');
    if (!YES.has(required) && !NO.has(required)) err('required', '必填应填写“是”或“否”');
    // These lists are shown by their Chinese labels: say so in the same words.
    for (const [f, l, labels] of [
      ['dataType', lk.dataTypes, DATA_TYPE_LABELS],
      ['piKind', lk.piKinds, PI_KIND_LABELS],
    ] as const)
      if (get(f) && !l.code(get(f)))
        err(f, `${itemHeader(f)}“${get(f)}”应为 ${Object.values(labels).join('、')} 之一`);
    owner.itemRows.push(row);
    owner.input.items.push({
      name: get('name'),
      code: get('code') || null,
      dataType: coded(lk.dataTypes, get('dataType')) || null,
      length: length && /^\d+$/.test(length) ? Number(length) : null,
      required: YES.has(required),
      piKind: coded(lk.piKinds, get('piKind')) || null,
      grade: coded(lk.grades, get('grade')) || null,
    });
  }
}

const ENTRY_FIELD_OF: Record<string, EntryField> = {
  name: 'name',
  summary: 'summary',
  classificationCode: 'classificationCode',
  groupCode: 'groupCode',
  formatCode: 'formatCode',
  frequencyCode: 'frequencyCode',
  shareType: 'shareType',
  openType: 'openType',
};
const ITEM_FIELD_OF: Record<string, ItemField> = {
  name: 'name',
  code: 'code',
  dataType: 'dataType',
  length: 'length',
  piKind: 'piKind',
  grade: 'grade',
  dataElementId: 'name',
};
// The rule refusals of rules.ts, by the column a person must change.
const RULE_COLUMN: Record<string, EntryField> = {
  'not-shared-needs-legal-basis': 'shareLegalBasis',
  'core-data-not-open': 'openType',
  'personal-information-not-open': 'piConsent',
  'conditional-open-needs-conditions': 'openConditions',
  'not-open-needs-reason': 'openReason',
};

/** A refusal of one entry, as errors on the rows and columns it came from. */
function rowErrors(err: DomainError, p: Parsed, relatedCodes: string[]): RowError[] {
  const onEntry = (f: EntryField | null, message: string, article?: string): RowError => ({
    sheet: ENTRY_SHEET,
    row: p.row,
    column: f ? entryHeader(f) : '',
    message,
    ...(article ? { article } : {}),
  });
  if (!err.errors?.length)
    return [
      onEntry(
        RULE_COLUMN[err.code] ?? null,
        err.article ? `${err.title}（${articleInChinese(err.article)}）` : err.title,
        err.article,
      ),
    ];
  return err.errors.map(({ field, message }) => {
    const item = /^items\.(\d+)\.(\w+)$/.exec(field);
    if (item)
      return {
        sheet: ITEM_SHEET,
        row: p.itemRows[Number(item[1])],
        column: itemHeader(ITEM_FIELD_OF[item[2]] ?? 'name'),
        message,
      };
    const related = /^relatedEntryIds\.(\d+)$/.exec(field);
    if (related) return onEntry('related', `关联目录“${relatedCodes[Number(related[1])]}”不存在或不可关联`);
    if (field === 'items')
      return onEntry(null, `该目录在“${ITEM_SHEET}”表中没有数据项（第十三条）`, 'Art. 13');
    return onEntry(ENTRY_FIELD_OF[field] ?? null, message);
  });
}

/** Resolves 关联目录代码 to entry ids; unknown codes are row errors. */
async function resolveRelated(ctx: Ctx, entries: Parsed[], errors: RowError[]): Promise<void> {
  const codes = [...new Set(entries.flatMap((e) => e.relatedCodes))];
  if (!codes.length) return;
  const rows = await ctx.db
    .selectFrom('catalog_entry')
    .select(['id', 'code'])
    .where('code', 'in', codes)
    .execute();
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  for (const e of entries) {
    for (const c of e.relatedCodes)
      if (!ids.has(c))
        errors.push({
          sheet: ENTRY_SHEET,
          row: e.row,
          column: entryHeader('related'),
          message: `关联目录“${c}”不存在`,
        });
    e.input.relatedEntryIds = e.relatedCodes.filter((c) => ids.has(c)).map((c) => ids.get(c)!);
    e.relatedCodes = e.relatedCodes.filter((c) => ids.has(c));
  }
}

/** Art. 13: imports the entries of a filled template as drafts of the actor's agency, all or none. */
export async function importCatalog(ctx: Ctx, actor: Actor, file: Buffer): Promise<ImportResult> {
  if (actor.agencyId === null || actor.agencyKind === 'coordination') throw forbidden('仅政务部门可编制目录');
  const wb = await readWorkbook(file);
  const std = await loadStandard(ctx.db);
  const lk = lookupsOf(std);
  const errors: RowError[] = [];
  const entriesWs = wb.getWorksheet(ENTRY_SHEET);
  const itemsWs = wb.getWorksheet(ITEM_SHEET);
  for (const [name, ws] of [
    [ENTRY_SHEET, entriesWs],
    [ITEM_SHEET, itemsWs],
  ] as const)
    if (!ws) errors.push({ sheet: name, row: 0, column: '', message: `缺少工作表“${name}”，请使用导入模板` });
  if (errors.length) throw importRefused(errors);
  const entries = parseEntries(entriesWs!, lk, errors);
  parseItems(itemsWs!, entries, lk, errors);
  // Without its columns a sheet cannot be read further.
  if (errors.some((e) => e.row === 1)) throw importRefused(errors);
  if (!entries.length)
    throw importRefused([{ sheet: ENTRY_SHEET, row: 2, column: '', message: '文件中没有要导入的目录' }]);
  await resolveRelated(ctx, entries, errors);

  // Every row against the standard and the rules before anything is written: all errors at once.
  for (const p of entries) {
    try {
      normalizeEntry(p.input, std);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      errors.push(...rowErrors(err, p, p.relatedCodes));
    }
  }
  if (errors.length) throw importRefused(errors);

  return inTransaction(ctx, actor, async (tx) => {
    const result: ImportResult = { created: [], notices: [] };
    const current = await loadStandard(tx.db);
    for (const p of entries) {
      try {
        const r = await draftEntry(tx, actor, p.input, current);
        result.created.push({ row: p.row, id: r.id, code: r.code, name: p.input.name.trim() });
        for (const n of r.notices) result.notices.push({ row: p.row, ...n });
      } catch (err) {
        // Refusals that need the database (e.g. a related entry one may not see) are row errors too.
        if (!(err instanceof DomainError) || err.status === 403) throw err;
        errors.push(...rowErrors(err, p, p.relatedCodes));
      }
    }
    if (errors.length) throw importRefused(errors);
    tx.record({
      action: 'catalog.import',
      subject: `agency:${actor.agencyId}`,
      details: {
        entries: result.created.length,
        items: entries.reduce((n, e) => n + e.input.items.length, 0),
        notices: result.notices.length,
        codes: result.created.map((c) => c.code),
        file: { bytes: file.length, sm3: sm3Hex(file) },
      },
    });
    return result;
  });
}
