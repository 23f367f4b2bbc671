import { type FieldError, ruleViolated, validationFailed } from '../kernel/errors.ts';
import { DATA_TYPES, type DataElement, PI_KINDS, type Term } from './dictionaries.ts';

// The content rules of a catalog entry (Art. 13, 14, 21, 33), pure: the service loads the
// dictionaries and hands them in. Field errors come back together in one 400; a broken rule of
// the regulation is a 422 naming its article.

export const SHARE_TYPES = ['无条件共享', '有条件共享', '不予共享'] as const;
export const OPEN_TYPES = ['无条件开放', '有条件开放', '不予开放'] as const;
export type ShareType = (typeof SHARE_TYPES)[number];
export type OpenType = (typeof OPEN_TYPES)[number];

export interface ItemInput {
  name: string;
  code?: string | null;
  dataType?: string | null;
  length?: number | null;
  required?: boolean;
  piKind?: string | null;
  grade?: string | null;
  dataElementId?: number | null;
}

export interface EntryInput {
  name: string;
  summary: string;
  classificationCode: string;
  groupCode: string;
  formatCode: string;
  frequencyCode: string;
  shareType: string;
  shareConditions?: { scope?: string | null; purpose?: string | null } | null;
  shareLegalBasis?: string | null;
  openType?: string | null;
  openConditions?: string | null;
  openReason?: string | null;
  piConsent?: { basis: string } | null;
  relatedEntryIds?: number[];
  items: ItemInput[];
}

export interface Notice {
  article?: string;
  message: string;
}

export interface NormalItem {
  name: string;
  code: string;
  dataType: string;
  length: number | null;
  required: boolean;
  piKind: string | null;
  grade: string;
  dataElementId: number | null;
  autoBound: boolean;
}

export interface NormalEntry {
  name: string;
  summary: string;
  classificationCode: string;
  groupCode: string;
  formatCode: string;
  frequencyCode: string;
  shareType: ShareType;
  shareScope: string | null;
  sharePurpose: string | null;
  shareLegalBasis: string | null;
  openType: OpenType;
  openConditions: string | null;
  openReason: string | null;
  piConsentBasis: string | null;
  grade: string;
  relatedEntryIds: number[];
  items: NormalItem[];
  notices: Notice[];
}

export interface Standard {
  classes: Map<string, Term>;
  groups: Map<string, Term>;
  formats: Map<string, Term>;
  frequencies: Map<string, Term>;
  grades: Map<string, Term>;
  elements: DataElement[];
}

const text = (v: string | null | undefined) => {
  const t = v?.trim();
  return t ? t : null;
};
const ITEM_CODE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Art. 14 就高从严: the entry's grade is the strictest of its items'. */
export function highestGrade(codes: string[], grades: Map<string, Term>): string {
  let best: Term | undefined;
  for (const c of codes) {
    const g = grades.get(c);
    if (g && (!best || (g.rank ?? 0) > (best.rank ?? 0))) best = g;
  }
  return best?.code ?? 'general';
}

/** An element whose name or a synonym is exactly the item's name. */
export function elementByName(elements: DataElement[], name: string): DataElement | undefined {
  const n = name.trim();
  return elements.find((e) => e.name === n) ?? elements.find((e) => e.synonyms.includes(n));
}

function normalItems(
  input: ItemInput[],
  std: Standard,
  errors: FieldError[],
  notices: Notice[],
): NormalItem[] {
  if (input.length === 0) errors.push({ field: 'items', message: '请至少填写一个数据项（第十三条）' });
  const codes = new Set<string>();
  return input.map((it, i) => {
    const f = (k: string) => `items.${i}.${k}`;
    const name = it.name.trim();
    if (!name) errors.push({ field: f('name'), message: '请填写数据项名称' });
    let element: DataElement | undefined;
    let autoBound = false;
    if (it.dataElementId != null) {
      element = std.elements.find((e) => e.id === it.dataElementId);
      if (!element)
        errors.push({ field: f('dataElementId'), message: `数据元 ${it.dataElementId} 不存在或已停用` });
    } else if (name) {
      element = elementByName(std.elements, name);
      if (element) {
        autoBound = true;
        notices.push({
          message: `数据项“${name}”已按名称自动关联数据元“${element.name}”（${element.identifier}）`,
        });
      }
    }
    // Items bound to an element inherit what they leave open.
    const code = text(it.code) ?? element?.fieldName ?? '';
    const dataType = text(it.dataType) ?? element?.dataType ?? '';
    const length = it.length ?? element?.length ?? null;
    const piKind = it.piKind === undefined || it.piKind === null ? (element?.piKind ?? null) : it.piKind;
    const grade = text(it.grade) ?? element?.defaultGrade ?? '';
    if (!code) errors.push({ field: f('code'), message: '请填写数据项代码' });
    else if (!ITEM_CODE.test(code))
      errors.push({ field: f('code'), message: '数据项代码应以字母开头，仅含字母、数字和下划线' });
    else if (codes.has(code.toUpperCase()))
      errors.push({ field: f('code'), message: `数据项代码“${code}”重复` });
    codes.add(code.toUpperCase());
    if (!dataType) errors.push({ field: f('dataType'), message: '请填写数据类型' });
    else if (!(DATA_TYPES as readonly string[]).includes(dataType))
      errors.push({ field: f('dataType'), message: `数据类型应为 ${DATA_TYPES.join('、')} 之一` });
    if (length !== null && (!Number.isInteger(length) || length < 1 || length > 100_000))
      errors.push({ field: f('length'), message: '数据长度应为1至100000的整数' });
    if (piKind !== null && !(PI_KINDS as readonly string[]).includes(piKind))
      errors.push({ field: f('piKind'), message: `个人信息类别应为 ${PI_KINDS.join('、')} 之一` });
    if (!grade) errors.push({ field: f('grade'), message: '请填写数据项分级（第十四条）' });
    else if (!std.grades.has(grade))
      errors.push({ field: f('grade'), message: `分级“${grade}”不存在或已停用` });
    return {
      name,
      code,
      dataType,
      length,
      required: it.required ?? false,
      piKind,
      grade,
      dataElementId: element?.id ?? null,
      autoBound,
    };
  });
}

/** Validates an entry against the standard and applies the type rules; throws 400 or 422. */
export function normalizeEntry(input: EntryInput, std: Standard): NormalEntry {
  const errors: FieldError[] = [];
  const notices: Notice[] = [];
  const name = input.name.trim();
  const summary = input.summary.trim();
  if (!name) errors.push({ field: 'name', message: '请填写目录名称' });
  if (name.length > 100) errors.push({ field: 'name', message: '目录名称不得超过100字' });
  if (!summary) errors.push({ field: 'summary', message: '请填写目录摘要' });
  const cls = std.classes.get(input.classificationCode);
  if (!cls)
    errors.push({
      field: 'classificationCode',
      message: `分类码“${input.classificationCode}”不存在或已停用`,
    });
  else if (cls.code.length < 6)
    errors.push({ field: 'classificationCode', message: '目录须归入“目”或“细目”一级分类（6位或8位分类码）' });
  const pick = (field: string, map: Map<string, Term>, value: string, what: string) => {
    if (!map.has(value)) errors.push({ field, message: `${what}“${value}”不存在或已停用` });
  };
  pick('groupCode', std.groups, input.groupCode, '目录分组');
  pick('formatCode', std.formats, input.formatCode, '数据格式');
  pick('frequencyCode', std.frequencies, input.frequencyCode, '更新频率');
  if (!(SHARE_TYPES as readonly string[]).includes(input.shareType))
    errors.push({ field: 'shareType', message: `共享类型应为 ${SHARE_TYPES.join('、')} 之一` });
  if (input.openType != null && !(OPEN_TYPES as readonly string[]).includes(input.openType))
    errors.push({ field: 'openType', message: `开放类型应为 ${OPEN_TYPES.join('、')} 之一` });
  const items = normalItems(input.items, std, errors, notices);
  const hasPi = items.some((i) => i.piKind !== null);
  if (input.openType == null && !hasPi)
    errors.push({ field: 'openType', message: '请选择开放类型（第三十三条）' });
  if (errors.length) throw validationFailed(errors);

  // Art. 21: conditional sharing must state its conditions, or it counts as unconditional.
  let shareType = input.shareType as ShareType;
  const shareScope = text(input.shareConditions?.scope);
  const sharePurpose = text(input.shareConditions?.purpose);
  const shareLegalBasis = text(input.shareLegalBasis);
  if (shareType === '有条件共享' && !shareScope && !sharePurpose) {
    shareType = '无条件共享';
    notices.push({ article: 'Art. 21', message: '未填写共享条件，依据第二十一条按无条件共享处理' });
  }
  if (shareType === '不予共享' && !shareLegalBasis)
    throw ruleViolated('not-shared-needs-legal-basis', '不予共享须注明法律法规依据', 'Art. 21', {
      detail: '列入不予共享类的政务数据，应当有法律、行政法规或者国家有关规定作为依据',
    });

  // Art. 33: PI items default to 不予开放 unless the person's consent is recorded.
  const piConsentBasis = text(input.piConsent?.basis);
  let openType = (input.openType ?? null) as OpenType | null;
  let openReason = text(input.openReason);
  if (openType === null) {
    openType = '不予开放';
    openReason ??= '含个人信息，依据第三十三条不予开放';
    notices.push({
      article: 'Art. 33',
      message: '目录含个人信息数据项，未选择开放类型，依据第三十三条默认不予开放',
    });
  }
  const grade = highestGrade(
    items.map((i) => i.grade),
    std.grades,
  );
  // Art. 14/33: core data is never opened without conditions.
  if (grade === 'core' && openType === '无条件开放')
    throw ruleViolated('core-data-not-open', '核心数据不得无条件开放', 'Art. 14', {
      detail: '目录含核心级数据项，按就高从严原则整体为核心数据，不得列为无条件开放（第十四条、第三十三条）',
    });
  if (hasPi && openType !== '不予开放' && !piConsentBasis)
    throw ruleViolated('personal-information-not-open', '含个人信息的数据开放须记录个人同意', 'Art. 33', {
      detail: '涉及个人隐私的数据默认不予开放；确需开放的，应记录个人同意的依据（piConsent.basis）',
    });
  const openConditions = text(input.openConditions);
  if (openType === '有条件开放' && !openConditions)
    throw ruleViolated('conditional-open-needs-conditions', '有条件开放须注明开放条件', 'Art. 33');
  if (openType === '不予开放' && !openReason)
    throw ruleViolated('not-open-needs-reason', '不予开放须注明理由', 'Art. 33');

  return {
    name,
    summary,
    classificationCode: input.classificationCode,
    groupCode: input.groupCode,
    formatCode: input.formatCode,
    frequencyCode: input.frequencyCode,
    shareType,
    shareScope: shareType === '有条件共享' ? shareScope : null,
    sharePurpose: shareType === '有条件共享' ? sharePurpose : null,
    shareLegalBasis: shareType === '不予共享' ? shareLegalBasis : null,
    openType,
    openConditions: openType === '有条件开放' ? openConditions : null,
    openReason: openType === '不予开放' ? openReason : null,
    piConsentBasis: hasPi ? piConsentBasis : null,
    grade,
    relatedEntryIds: [...new Set(input.relatedEntryIds ?? [])],
    items,
    notices,
  };
}
