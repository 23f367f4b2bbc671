// Art. 11 and 14: when a column's content contradicts its catalog declaration (PI kind, grade, type),
// say so in Chinese so the provider corrects the catalog or the data.
import { DATA_TYPE_LABELS, PI_KIND_LABELS } from '../../catalog/io.ts';
import { DETECTED_KIND_LABELS, type DetectedKind, type Identification } from './identify.ts';

export interface DeclaredItem {
  name: string;
  dataType?: string | null;
  piKind?: string | null;
  grade?: string | null;
}

export interface GradeTerm {
  code: string;
  name: string;
  rank: number | null;
}

// The grades of src/catalog/seed.ts (rank orders them; 一般's sub-levels sit between 一般 and 重要).
const DEFAULT_GRADES: readonly GradeTerm[] = [
  { code: 'core', name: '核心', rank: 300 },
  { code: 'important', name: '重要', rank: 200 },
  { code: 'general', name: '一般', rank: 100 },
  { code: 'general-1', name: '一般-1', rank: 101 },
  { code: 'general-2', name: '一般-2', rank: 102 },
];

// Declared types a kind of content fits. Identifiers are text: as numbers they lose leading zeros,
// the X check character or (past 15 digits) precision.
const FITTING_TYPES: Record<DetectedKind, readonly string[]> = {
  id_number: ['string'],
  uscc: ['string'],
  bank_card: ['string'],
  phone: ['string'],
  email: ['string'],
  name: ['string'],
  address: ['string'],
  region_code: ['string', 'integer'],
  date: ['date', 'datetime', 'string'],
};

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * An organisation's seat or premises (企业住所, 经营场所, 注册地址, a property's 坐落 …): an address,
 * but not personal information, so neither a PI flag nor a PI grade is asked of it.
 */
const ORGANISATION_PLACE = /住所|经营场所|经营地址|注册地址|办公地址|生产地址|坐落/;

/** Chinese messages, one per contradiction; empty when the content fits the declaration. */
export function contradictions(
  declared: DeclaredItem,
  detection: Identification,
  grades: readonly GradeTerm[] = DEFAULT_GRADES,
): string[] {
  const kind = detection.kind;
  if (!kind) return [];
  const out: string[] = [];
  const item = `数据项「${declared.name}」`;
  const content = `${pct(detection.confidence)}的样本值为${DETECTED_KIND_LABELS[kind]}`;

  const organisationPlace = kind === 'address' && ORGANISATION_PLACE.test(declared.name) && !declared.piKind;
  const pi = organisationPlace ? null : detection.piKind;
  if (pi && !declared.piKind) {
    out.push(`${item}未标注个人信息类型，但${content}，应标注为「${PI_KIND_LABELS[pi] ?? pi}」`);
  } else if (pi && declared.piKind && declared.piKind !== pi) {
    out.push(
      `${item}标注的个人信息类型为「${PI_KIND_LABELS[declared.piKind] ?? declared.piKind}」，但${content}（「${PI_KIND_LABELS[pi] ?? pi}」）`,
    );
  }

  const byCode = new Map(grades.map((g) => [g.code, g]));
  const have = declared.grade ? byCode.get(declared.grade) : undefined;
  const want =
    detection.suggestedGrade && !organisationPlace ? byCode.get(detection.suggestedGrade) : undefined;
  if (have && want && (want.rank ?? 0) > (have.rank ?? 0)) {
    const source = detection.dataElement
      ? `数据元「${detection.dataElement}」的默认分级`
      : '此类数据的建议分级';
    // Art. 14: grading follows the content, strictest first (就高从严).
    out.push(
      `${item}分级为「${have.name}」，但内容为${DETECTED_KIND_LABELS[kind]}，${source}为「${want.name}」，应从严定级`,
    );
  }

  const type = declared.dataType;
  if (type && !FITTING_TYPES[kind].includes(type)) {
    const hint = FITTING_TYPES[kind][0] === 'string' ? '，应声明为字符型' : '，应声明为日期型';
    out.push(`${item}声明为${DATA_TYPE_LABELS[type] ?? type}，但${content}${hint}`);
  }
  return out;
}
