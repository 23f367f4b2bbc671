// Art. 11 intelligent identification: from a column's header and sample values, what the column holds,
// which data element it matches, and its PI kind and grade. contradictions.ts compares this with the
// catalog's declaration.
import { idNumberFinding, type RegionIndex, regionIndex, usccFinding } from './codes.ts';
import { isBankCard, isEmail, isPhone, MOBILE } from './contact.ts';
import { dateKey, datetimeMs } from './datetime.ts';
import { COMPOUND_SURNAMES, SINGLE_SURNAMES } from './surnames.ts';

export type DetectedKind =
  | 'id_number'
  | 'uscc'
  | 'bank_card'
  | 'phone'
  | 'email'
  | 'region_code'
  | 'date'
  | 'name'
  | 'address';

/** Ties go to the earlier, more specific kind (a valid ID number also looks like a long digit string). */
export const DETECTED_KINDS: readonly DetectedKind[] = [
  'id_number',
  'uscc',
  'bank_card',
  'phone',
  'email',
  'region_code',
  'date',
  'name',
  'address',
];

export const DETECTED_KIND_LABELS: Record<DetectedKind, string> = {
  id_number: '公民身份号码',
  uscc: '统一社会信用代码',
  bank_card: '银行卡号',
  phone: '电话号码',
  email: '电子邮箱',
  region_code: '行政区划代码',
  date: '日期',
  name: '姓名',
  address: '地址',
};

/** What identification needs of a data element (src/catalog/dictionaries.ts DataElement fits). */
export interface ElementLike {
  name: string;
  synonyms: readonly string[];
  standard: string | null;
  piKind: string | null;
  defaultGrade: string | null;
}

export interface Identification {
  kind: DetectedKind | null;
  /** Share of non-empty samples that match `kind` (0 when none reaches the threshold). */
  confidence: number;
  nonEmpty: number;
  scores: Record<DetectedKind, number>;
  piKind: string | null;
  /** Name of the matching data element, by header (name or synonym) or else by the detected kind. */
  dataElement?: string;
  suggestedGrade: string | null;
}

export interface IdentifyOptions {
  elements?: readonly ElementLike[];
  /** Share of non-empty samples that must match; default 0.8. */
  threshold?: number;
  /** Fewer non-empty samples than this detect nothing; default 3. */
  minSamples?: number;
  regionCodes?: Iterable<string>;
}

const KIND_PI: Partial<Record<DetectedKind, string>> = {
  id_number: 'id_number',
  bank_card: 'financial',
  phone: 'phone',
  email: 'email',
  name: 'name',
  address: 'address',
};
// Grades when no data element says otherwise (codes of src/catalog/seed.ts GRADES).
const KIND_GRADE: Partial<Record<DetectedKind, string>> = {
  id_number: 'important',
  bank_card: 'important',
  phone: 'general-2',
  email: 'general-2',
  name: 'general-2',
  address: 'general-2',
};

const HAN = /^[\u3400-\u9fff]+$/;
// Place and body names end in these, personal names (almost) never.
const NOT_NAME_END = /[省市区县旗镇乡村屯路街巷号局厅委处科室厂店馆]$/;
const ORGANISATION = /(?:公司|集团|局|委员会|厅|办公室|医院|学校|大学|学院|银行|协会|中心|合作社|厂|店)$/;
const ADDRESS_MARKERS = [
  '省',
  '市',
  '区',
  '县',
  '旗',
  '镇',
  '乡',
  '街道',
  '路',
  '街',
  '号',
  '村',
  '屯',
  '小区',
  '单元',
  '室',
];
const NO_FUTURE_CHECK = 99991231;

/** A Chinese personal name: 2–4 Han characters starting with a common surname, or a name with '·'. */
export function isPersonalName(v: string): boolean {
  if (v.includes('·')) {
    const parts = v.split('·');
    return v.length <= 20 && parts.length >= 2 && parts.every((p) => p.length > 0 && HAN.test(p));
  }
  if (v.length < 2 || v.length > 4 || !HAN.test(v) || NOT_NAME_END.test(v)) return false;
  if (v.length >= 3 && COMPOUND_SURNAMES.some((c) => v.startsWith(c))) return true;
  return SINGLE_SURNAMES.has(v[0]);
}

/** An address: at least two distinct address markers, and not an organisation's name. */
export function isAddress(v: string): boolean {
  if (v.length < 5 || ORGANISATION.test(v)) return false;
  let markers = 0;
  for (const m of ADDRESS_MARKERS) if (v.includes(m) && ++markers >= 2) return true;
  return false;
}

function headerElement(header: string, elements: readonly ElementLike[]): ElementLike | undefined {
  const h = header.trim();
  const exact = elements.find((e) => e.name === h) ?? elements.find((e) => e.synonyms.includes(h));
  if (exact) return exact;
  // '申请人公民身份号码' ends with an element's name: take the longest such name or synonym.
  let best: ElementLike | undefined;
  let bestLen = 1;
  for (const e of elements) {
    for (const w of [e.name, ...e.synonyms]) {
      if (w.length > bestLen && h.endsWith(w)) {
        best = e;
        bestLen = w.length;
      }
    }
  }
  return best;
}

function fits(e: ElementLike, kind: DetectedKind): boolean {
  const std = e.standard ?? '';
  if (kind === 'id_number') return std.startsWith('GB 11643') || e.piKind === 'id_number';
  if (kind === 'uscc') return std.startsWith('GB 32100');
  if (kind === 'region_code') return std.startsWith('GB/T 2260');
  if (kind === 'date') return e.piKind === 'birth_date' || e.piKind === null;
  return e.piKind === KIND_PI[kind];
}

export function identifyColumn(
  header: string,
  samples: readonly (string | null | undefined)[],
  opts: IdentifyOptions = {},
): Identification {
  const elements = opts.elements ?? [];
  const threshold = opts.threshold ?? 0.8;
  const regions = regionIndex(opts.regionCodes);
  const counts: Record<DetectedKind, number> = {
    id_number: 0,
    uscc: 0,
    bank_card: 0,
    phone: 0,
    email: 0,
    region_code: 0,
    date: 0,
    name: 0,
    address: 0,
  };
  let nonEmpty = 0;
  let mobiles = 0;
  for (const raw of samples) {
    const v = raw?.trim();
    if (!v) continue;
    nonEmpty++;
    const id = idNumberFinding(v, NO_FUTURE_CHECK, regions);
    if (id === null || id === 'region_unknown') counts.id_number++;
    if (v.length === 18 && usccLike(v, regions)) counts.uscc++;
    if (isBankCard(v)) counts.bank_card++;
    if (isPhone(v)) counts.phone++;
    if (MOBILE.test(v)) mobiles++;
    if (isEmail(v)) counts.email++;
    if (v.length === 6 && regions.hasAt(v, 0)) counts.region_code++;
    if (dateKey(v) >= 0 || !Number.isNaN(datetimeMs(v))) counts.date++;
    if (isPersonalName(v)) counts.name++;
    if (isAddress(v)) counts.address++;
  }
  const scores = { ...counts };
  for (const k of DETECTED_KINDS) scores[k] = nonEmpty === 0 ? 0 : counts[k] / nonEmpty;

  let kind: DetectedKind | null = null;
  if (nonEmpty >= (opts.minSamples ?? 3)) {
    for (const k of DETECTED_KINDS)
      if (scores[k] >= threshold && (!kind || scores[k] > scores[kind])) kind = k;
  }

  const byHeader = headerElement(header, elements);
  let element = byHeader && (!kind || fits(byHeader, kind)) ? byHeader : undefined;
  if (!element && kind && kind !== 'date') {
    const candidates = elements.filter((e) => fits(e, kind));
    const wantMobile = kind === 'phone' && mobiles === counts.phone;
    element = (wantMobile && candidates.find((e) => /手机|移动电话/.test(e.name))) || candidates[0];
  }
  const piKind =
    element?.piKind ??
    (kind === 'date' && /出生|生日/.test(header) ? 'birth_date' : ((kind && KIND_PI[kind]) ?? null));
  return {
    kind,
    confidence: kind ? scores[kind] : 0,
    nonEmpty,
    scores,
    piKind,
    ...(element ? { dataElement: element.name } : {}),
    suggestedGrade: element?.defaultGrade ?? (kind && KIND_GRADE[kind]) ?? null,
  };
}

/** A USCC that passes its check digit (warnings about legacy tables still count as a USCC). */
function usccLike(v: string, regions: RegionIndex): boolean {
  const f = usccFinding(v, regions);
  return (
    f !== 'format' && f !== 'check_digit' && f !== 'legacy_registration_number' && f !== 'legacy_org_code'
  );
}
