import type { Term } from './dictionaries.ts';

// What the import template, the import and the exports share: the columns people see (Chinese
// headers), the readable labels of coded values, and mapping a label typed or picked in Excel
// back to its code.

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ENTRY_SHEET = '目录';
export const ITEM_SHEET = '数据项';
export const GUIDE_SHEET = '说明';
export const LISTS_SHEET = '字典';
/** Rows marked so in the 序号 / 目录序号 column are the template's example, never imported. */
export const EXAMPLE_MARK = '示例';
export const MAX_IMPORT_ENTRIES = 2000;
export const MAX_IMPORT_ITEMS = 20_000;

export type EntryField =
  | 'seq'
  | 'name'
  | 'summary'
  | 'classificationCode'
  | 'groupCode'
  | 'formatCode'
  | 'frequencyCode'
  | 'shareType'
  | 'shareScope'
  | 'sharePurpose'
  | 'shareLegalBasis'
  | 'openType'
  | 'openConditions'
  | 'openReason'
  | 'piConsent'
  | 'related';
export type ItemField =
  | 'entrySeq'
  | 'entryName'
  | 'name'
  | 'code'
  | 'dataType'
  | 'length'
  | 'required'
  | 'piKind'
  | 'grade';

export interface Column<F> {
  field: F;
  header: string;
  required?: boolean;
  width: number;
  /** Where the dropdown comes from (a column of the hidden 字典 sheet). */
  list?: ListName;
  note: string;
}

export type ListName =
  | 'classes'
  | 'groups'
  | 'formats'
  | 'frequencies'
  | 'shareTypes'
  | 'openTypes'
  | 'grades'
  | 'dataTypes'
  | 'piKinds'
  | 'yesNo';

export const ENTRY_COLUMNS: Column<EntryField>[] = [
  {
    field: 'seq',
    header: '序号',
    width: 8,
    note: '本文件内的目录编号，数据项表用“目录序号”对应；不填时按行顺序编号',
  },
  { field: 'name', header: '目录名称', required: true, width: 24, note: '不超过100字' },
  { field: 'summary', header: '摘要', required: true, width: 40, note: '说明数据内容和用途' },
  {
    field: 'classificationCode',
    header: '分类码',
    required: true,
    width: 26,
    list: 'classes',
    note: '从下拉列表选择，或只填6位（细目8位）分类码（第十二条目录标准）',
  },
  {
    field: 'groupCode',
    header: '目录分组',
    required: true,
    width: 22,
    list: 'groups',
    note: '基础库、主题库、专题库或部门目录（第二十条）',
  },
  {
    field: 'formatCode',
    header: '资源格式',
    required: true,
    width: 10,
    list: 'formats',
    note: '库表、文件或接口',
  },
  {
    field: 'frequencyCode',
    header: '更新频率',
    required: true,
    width: 10,
    list: 'frequencies',
    note: '从下拉列表选择',
  },
  {
    field: 'shareType',
    header: '共享类型',
    required: true,
    width: 12,
    list: 'shareTypes',
    note: '第二十一条：无条件共享、有条件共享、不予共享',
  },
  {
    field: 'shareScope',
    header: '共享范围',
    width: 20,
    note: '有条件共享时填写共享范围或用途，均不填按无条件共享处理（第二十一条）',
  },
  { field: 'sharePurpose', header: '共享用途', width: 20, note: '有条件共享时填写' },
  {
    field: 'shareLegalBasis',
    header: '不予共享依据',
    width: 24,
    note: '不予共享时必填：法律、行政法规或国家有关规定（第二十一条）',
  },
  {
    field: 'openType',
    header: '开放类型',
    width: 12,
    list: 'openTypes',
    note: '第三十三条；含个人信息且不填时默认不予开放',
  },
  { field: 'openConditions', header: '开放条件', width: 20, note: '有条件开放时必填' },
  { field: 'openReason', header: '不予开放理由', width: 20, note: '不予开放时必填' },
  {
    field: 'piConsent',
    header: '个人信息同意依据',
    width: 20,
    note: '含个人信息的目录确需开放时，填写个人同意的依据（第三十三条）',
  },
  { field: 'related', header: '关联目录代码', width: 24, note: '已发布目录的资源代码，多个用顿号或分号分隔' },
];

export const ITEM_COLUMNS: Column<ItemField>[] = [
  { field: 'entrySeq', header: '目录序号', width: 10, note: '对应“目录”表的序号；不填时按“目录名称”对应' },
  {
    field: 'entryName',
    header: '目录名称',
    width: 24,
    note: '不填目录序号时填写，须与“目录”表中的目录名称一致且唯一',
  },
  {
    field: 'name',
    header: '数据项名称',
    required: true,
    width: 20,
    note: '与数据元名称或同义词一致时自动关联数据元',
  },
  {
    field: 'code',
    header: '数据项代码',
    width: 16,
    note: '字母开头，仅含字母、数字和下划线；关联数据元时可不填',
  },
  { field: 'dataType', header: '数据类型', width: 12, list: 'dataTypes', note: '关联数据元时可不填' },
  { field: 'length', header: '长度', width: 8, note: '1至100000的整数' },
  { field: 'required', header: '必填', width: 8, list: 'yesNo', note: '是或否，不填为否' },
  {
    field: 'piKind',
    header: '个人信息类型',
    width: 16,
    list: 'piKinds',
    note: '含个人信息时选择（第三十三条）',
  },
  {
    field: 'grade',
    header: '分级',
    width: 10,
    list: 'grades',
    note: '第十四条：目录分级按数据项就高从严计算',
  },
];

export const DATA_TYPE_LABELS: Record<string, string> = {
  string: '字符型',
  integer: '整数型',
  decimal: '数值型',
  date: '日期型',
  datetime: '日期时间型',
  boolean: '布尔型',
  binary: '二进制',
};

export const PI_KIND_LABELS: Record<string, string> = {
  id_number: '身份证件号码',
  name: '姓名',
  phone: '电话号码',
  address: '地址',
  birth_date: '出生日期',
  email: '电子邮箱',
  biometric: '生物识别信息',
  health: '健康信息',
  financial: '金融账户信息',
  location: '行踪轨迹',
  other: '其他个人信息',
};

/** The label people read for a term: sub-terms carry their parent (基础库/人口). */
export function termLabel(t: Term, all: Map<string, Term>): string {
  const parent = t.parentCode ? all.get(t.parentCode) : undefined;
  return parent ? `${parent.name}/${t.name}` : t.name;
}

/** 分类码 labels start with the code, so a typed code alone is understood too. */
export const classLabel = (t: Term) => `${t.code} ${t.name}`;

/** Maps what a person typed or picked (label, name or code) back to a code; null if unknown. */
export class Lookup {
  private readonly byText = new Map<string, string | null>();
  constructor(pairs: Iterable<[code: string, labels: string[]]>) {
    for (const [code, labels] of pairs) {
      this.byText.set(code, code);
      for (const l of labels) {
        const prior = this.byText.get(l);
        // A name shared by two terms is ambiguous: it then needs the full label or the code.
        this.byText.set(l, prior !== undefined && prior !== code ? null : code);
      }
    }
  }
  code(text: string): string | null {
    return this.byText.get(text.replace(/\s+/g, ' ').trim()) ?? null;
  }
}

export function termLookup(terms: Map<string, Term>, label = (t: Term) => termLabel(t, terms)): Lookup {
  return new Lookup([...terms.values()].map((t) => [t.code, [label(t), t.name]]));
}

export const labelLookup = (labels: Record<string, string>) =>
  new Lookup(Object.entries(labels).map(([code, l]) => [code, [l]]));

const DIGITS = '零一二三四五六七八九';
function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** 'Art. 21' → '第二十一条' (articles of the Measures run to 48). */
export function articleInChinese(article: string): string {
  const n = Number(/\d+/.exec(article)?.[0]);
  return Number.isInteger(n) && n > 0 && n < 100 ? `第${chineseNumber(n)}条` : article;
}

/**
 * RFC 6266 Content-Disposition with an ASCII fallback and the real (Chinese) name in filename*
 * (RFC 5987: UTF-8, percent-encoded; encodeURIComponent leaves ' ( ) * which attr-char excludes).
 */
export function attachment(filename: string, fallback: string): string {
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
