import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { beijingDateOf } from '../kernel/calendar/index.ts';
import { type Actor, type Ctx, inTransaction } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import { loadStandard } from './entries.ts';
import {
  attachment,
  DATA_TYPE_LABELS,
  ENTRY_SHEET,
  ITEM_SHEET,
  PI_KIND_LABELS,
  termLabel,
  XLSX_MIME,
} from './io.ts';
import type { Standard } from './rules.ts';

// Art. 11, 12: the published catalog is open to every government user; the export pages through
// the database (bounded memory at any size) and is recorded in the ledger like any data access.

export type ExportFormat = 'csv' | 'xlsx';
export interface ExportFilter {
  providerAgencyId?: number;
  groupCode?: string;
}

const PAGE = 500;
const LEVELS: Record<string, string> = { province: '省级', city: '市级', county: '县级' };

/** Published entries (their current version), revoked ones excepted. */
export function publishedEntries(db: Db | Trx, f: ExportFilter = {}) {
  let q = db
    .selectFrom('catalog_entry as e')
    .innerJoin('catalog_entry_version as v', (j) =>
      j.onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'e.current_version'),
    )
    .where('e.current_version', 'is not', null)
    .where('e.status', '!=', 'revoked');
  if (f.providerAgencyId) q = q.where('e.provider_agency_id', '=', f.providerAgencyId);
  const g = f.groupCode;
  // A group takes in its sub-groups (基础库 → 基础库/人口 …).
  if (g)
    q = q.where((eb) =>
      eb.or([eb('v.group_code', '=', g), eb('v.group_code', 'like', `${g.replace(/[\\%_]/g, '\\$&')}.%`)]),
    );
  return q;
}

type Page = Awaited<ReturnType<typeof fetchPage>>;

async function fetchPage(db: Db, f: ExportFilter, after: number, cutoff: number) {
  const entries = await publishedEntries(db, f)
    .select([
      'e.id',
      'e.code',
      'e.provider_agency_id',
      'e.provider_level',
      'e.provider_region_code',
      'e.classification_code',
      'v.id as version_id',
      'v.version',
      'v.name',
      'v.summary',
      'v.group_code',
      'v.format_code',
      'v.frequency_code',
      'v.share_type',
      'v.share_scope',
      'v.share_purpose',
      'v.share_legal_basis',
      'v.open_type',
      'v.open_conditions',
      'v.open_reason',
      'v.pi_consent_basis',
      'v.grade_code',
      'v.publish_date',
    ])
    .where('e.id', '>', after)
    .where('e.id', '<=', cutoff)
    .orderBy('e.id')
    .limit(PAGE)
    .execute();
  const versionIds = entries.map((e) => e.version_id);
  if (!versionIds.length) return { entries, items: [], related: [] };
  const [items, related] = await Promise.all([
    db
      .selectFrom('catalog_data_item as i')
      .leftJoin('catalog_data_element as d', 'd.id', 'i.data_element_id')
      .select([
        'i.version_id',
        'i.position',
        'i.name',
        'i.code',
        'i.data_type',
        'i.length',
        'i.required',
        'i.pi_kind',
        'i.grade_code',
        'd.identifier as element',
      ])
      .where('i.version_id', 'in', versionIds)
      .orderBy('i.version_id')
      .orderBy('i.position')
      .execute(),
    db
      .selectFrom('catalog_related_entry as r')
      .innerJoin('catalog_entry as re', 're.id', 'r.related_entry_id')
      .select(['r.version_id', 're.code'])
      .where('r.version_id', 'in', versionIds)
      .orderBy('re.code')
      .execute(),
  ]);
  return { entries, items, related };
}

async function* pages(ctx: Ctx, f: ExportFilter, cutoff: number): AsyncGenerator<Page> {
  let after = 0;
  for (;;) {
    const page = await fetchPage(ctx.db, f, after, cutoff);
    if (!page.entries.length) return;
    yield page;
    after = page.entries[page.entries.length - 1].id;
  }
}

const ENTRY_HEADERS = [
  '目录代码',
  '目录名称',
  '摘要',
  '提供部门',
  '层级',
  '行政区划代码',
  '分类码',
  '分类名称',
  '目录分组',
  '资源格式',
  '更新频率',
  '共享类型',
  '共享范围',
  '共享用途',
  '不予共享依据',
  '开放类型',
  '开放条件',
  '不予开放理由',
  '个人信息同意依据',
  '分级',
  '版本',
  '发布日期',
  '关联目录代码',
  '数据项',
];
const ITEM_HEADERS = [
  '目录代码',
  '目录名称',
  '序号',
  '数据项名称',
  '数据项代码',
  '数据类型',
  '长度',
  '必填',
  '个人信息类型',
  '分级',
  '数据元标识符',
];

/** Rows of one page, as text in the order of the headers, with dictionary codes as names. */
async function rowsOf(ctx: Ctx, std: Standard, page: Page) {
  const names = await ctx.directory.names(ctx.db, {
    agencyIds: [...new Set(page.entries.map((e) => e.provider_agency_id))],
  });
  const label = (m: Standard['groups'], code: string) => {
    const t = m.get(code);
    return t ? termLabel(t, m) : code;
  };
  const grade = (code: string) => std.grades.get(code)?.name ?? code;
  const byVersion = new Map<number, { code: string; name: string }>();
  const entryRows = page.entries.map((e) => {
    byVersion.set(e.version_id, { code: e.code, name: e.name });
    const items = page.items.filter((i) => i.version_id === e.version_id);
    return [
      e.code,
      e.name,
      e.summary,
      names.agencies.get(e.provider_agency_id) ?? '',
      LEVELS[e.provider_level] ?? e.provider_level,
      e.provider_region_code,
      e.classification_code,
      std.classes.get(e.classification_code)?.name ?? '',
      label(std.groups, e.group_code),
      label(std.formats, e.format_code),
      label(std.frequencies, e.frequency_code),
      e.share_type,
      e.share_scope ?? '',
      e.share_purpose ?? '',
      e.share_legal_basis ?? '',
      e.open_type,
      e.open_conditions ?? '',
      e.open_reason ?? '',
      e.pi_consent_basis ?? '',
      grade(e.grade_code),
      String(e.version),
      e.publish_date ?? '',
      page.related
        .filter((r) => r.version_id === e.version_id)
        .map((r) => r.code)
        .join('、'),
      items.map((i) => `${i.name}(${i.code})`).join('、'),
    ];
  });
  const itemRows = page.items.map((i) => {
    const e = byVersion.get(i.version_id)!;
    return [
      e.code,
      e.name,
      String(i.position),
      i.name,
      i.code,
      DATA_TYPE_LABELS[i.data_type] ?? i.data_type,
      i.length === null ? '' : String(i.length),
      i.required ? '是' : '否',
      i.pi_kind ? (PI_KIND_LABELS[i.pi_kind] ?? i.pi_kind) : '',
      grade(i.grade_code),
      i.element ?? '',
    ];
  });
  return { entryRows, itemRows };
}

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
const csvField = (v: string) => {
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvLine = (values: string[]) => `${values.map(csvField).join(',')}\r\n`;

async function* csv(ctx: Ctx, f: ExportFilter, cutoff: number): AsyncGenerator<Buffer> {
  const std = await loadStandard(ctx.db);
  // The BOM makes Excel read the file as UTF-8.
  yield Buffer.from(`\uFEFF${csvLine(ENTRY_HEADERS)}`);
  for await (const page of pages(ctx, f, cutoff)) {
    const { entryRows } = await rowsOf(ctx, std, page);
    yield Buffer.from(entryRows.map(csvLine).join(''));
  }
}

/** Resolves when the stream can take more, or is gone (the client left). */
const drained = (s: PassThrough) =>
  new Promise<void>((resolve) => {
    const done = () => {
      s.off('drain', done);
      s.off('close', done);
      resolve();
    };
    s.on('drain', done);
    s.on('close', done);
  });

function xlsx(ctx: Ctx, f: ExportFilter, cutoff: number): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = (name: string, headers: string[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = headers.map((h) => ({ header: h, width: Math.max(10, h.length * 2 + 4) }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    return ws;
  };
  const write = async (ws: ExcelJS.Worksheet, pick: 'entryRows' | 'itemRows', std: Standard) => {
    for await (const page of pages(ctx, f, cutoff)) {
      if (out.destroyed) return;
      for (const r of (await rowsOf(ctx, std, page))[pick]) ws.addRow(r).commit();
      // Wait for a slow reader rather than piling the file up in memory.
      if (out.writableNeedDrain) await drained(out);
    }
    ws.commit();
  };
  (async () => {
    const std = await loadStandard(ctx.db);
    // One sheet after the other: a zip is written one part at a time.
    await write(sheet(ENTRY_SHEET, ENTRY_HEADERS), 'entryRows', std);
    await write(sheet(ITEM_SHEET, ITEM_HEADERS), 'itemRows', std);
    await wb.commit();
  })().catch((err) => out.destroy(err));
  return out;
}

export interface CatalogExport {
  entries: number;
  contentType: string;
  disposition: string;
  body: Readable;
}

/** Art. 11, 12: the published catalog as CSV or XLSX; the access is ledgered before the file is sent. */
export async function exportCatalog(
  ctx: Ctx,
  actor: Actor,
  format: ExportFormat,
  f: ExportFilter,
): Promise<CatalogExport> {
  const { entries, cutoff } = await inTransaction(ctx, actor, async (tx) => {
    const c = await publishedEntries(tx.db, f)
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('e.id').as('last')])
      .executeTakeFirstOrThrow();
    const items = await publishedEntries(tx.db, f)
      .innerJoin('catalog_data_item as i', 'i.version_id', 'v.id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    tx.record({
      action: 'catalog.export',
      subject: 'catalog:published',
      details: { format, entries: Number(c.n), items: Number(items.n), filter: f },
    });
    // The file holds what was counted here: entries created later are left to the next export.
    return { entries: Number(c.n), cutoff: Number(c.last ?? 0) };
  });
  const day = beijingDateOf(ctx.clock.now());
  const name = `政务数据目录-${day}.${format}`;
  return {
    entries,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME,
    disposition: attachment(name, `catalog-${day}.${format}`),
    body: format === 'csv' ? Readable.from(csv(ctx, f, cutoff), { objectMode: false }) : xlsx(ctx, f, cutoff),
  };
}
