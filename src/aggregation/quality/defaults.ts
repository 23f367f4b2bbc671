// The rules a catalog data item implies by itself (Art. 19), before a provider adds its own: from the
// item's type, length and PI kind and from its data element's standard and format rule.
import type { EnumValue, Rule, ValueType } from './types.ts';

export interface DataElementLike {
  name: string;
  standard: string | null;
  dataType: string | null;
  length: number | null;
  piKind: string | null;
  formatRule: string | null;
}

export interface ItemLike {
  name: string;
  dataType: string | null;
  length: number | null;
  required: boolean;
  piKind: string | null;
  dataElement?: DataElementLike | null;
}

// A token is one code (digits or letters) and its label: '1男性', '1-男', '10=未婚', '1：男'.
const PAIR = /^([0-9A-Za-z]{1,6})\s*[-=:：.、]?\s*([\u3400-\u9fff·（）()]{1,30})$/u;
const SEPARATORS = /[\s,，;；、/|]+/u;

/**
 * Code+label pairs from a format rule such as '0未知的性别 1男性 2女性 9未说明的性别' or
 * '10未婚 20已婚 30丧偶 40离婚'. Null unless every token is a pair, there are at least two, and the
 * codes are distinct — so prose like '6位行政区划码+8位出生日期…' is not mistaken for a code list.
 */
export function parseEnumeration(text: string | null | undefined): EnumValue[] | null {
  if (!text) return null;
  const tokens = text.trim().split(SEPARATORS).filter(Boolean);
  if (tokens.length < 2) return null;
  const out: EnumValue[] = [];
  const codes = new Set<string>();
  for (const t of tokens) {
    const m = PAIR.exec(t);
    if (!m || codes.has(m[1])) return null;
    codes.add(m[1]);
    out.push({ code: m[1], label: m[2] });
  }
  return out;
}

// Names of past events: a date after today is impossible. 截止/到期 dates lie ahead by nature.
const PAST_EVENT = /出生|生日|登记|成立|注册|签发|发证|颁发|办理|受理|立案|死亡|入职|参保|采集/;
const FUTURE_OK = /截止|到期|有效期|届满|失效|终止|预计|计划|预约/;

const isPastEventName = (name: string) => PAST_EVENT.test(name) && !FUTURE_OK.test(name);

const TYPES = new Set<string>(['string', 'integer', 'decimal', 'date', 'datetime', 'boolean', 'binary']);

/** The declared rules implied by a data item and its element. Rules stored per dataset use the same shape. */
export function defaultRules(item: ItemLike): Rule[] {
  const el = item.dataElement ?? null;
  const rules: Rule[] = [];
  const rawType = item.dataType ?? el?.dataType ?? 'string';
  const type = (TYPES.has(rawType) ? rawType : 'string') as ValueType;
  const piKind = item.piKind ?? el?.piKind ?? null;
  const standard = el?.standard ?? '';
  const names = `${item.name} ${el?.name ?? ''}`;

  if (item.required) rules.push({ kind: 'required' });
  if (type !== 'string' && type !== 'binary') rules.push({ kind: 'type', params: { type } });
  // Length counts characters of text; a date's element length (8 for YYYYMMDD) would reject YYYY-MM-DD.
  const length = item.length ?? el?.length ?? null;
  if (type === 'string' && length !== null && length > 0)
    rules.push({ kind: 'length', params: { max: length } });

  if (standard.startsWith('GB 11643') || (piKind === 'id_number' && /身份证|公民身份号码/.test(names)))
    rules.push({ kind: 'id_number' });
  else if (standard.startsWith('GB 32100')) rules.push({ kind: 'uscc' });
  else if (standard.startsWith('GB/T 2260')) rules.push({ kind: 'region_code' });

  if (piKind === 'phone') {
    const mobile = /手机|移动电话/.test(names) || /^1开头的11位/.test(el?.formatRule ?? '');
    rules.push(mobile ? { kind: 'phone', params: { accept: 'mobile' } } : { kind: 'phone' });
  } else if (piKind === 'email') rules.push({ kind: 'email' });

  if ((type === 'date' || type === 'datetime') && isPastEventName(names)) rules.push({ kind: 'not_future' });

  const values = type === 'string' ? parseEnumeration(el?.formatRule) : null;
  if (values) rules.push({ kind: 'enumeration', params: { values } });
  return rules;
}
