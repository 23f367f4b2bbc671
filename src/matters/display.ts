// How a matter reads to people: the data fields its type declares, formatted (articles in Chinese,
// working days with their unit, agencies by name), its subject by name, and the inputs each action
// asks for with today's bounds. Names come through the Directory port, bounds from the rulebook.
import { beijingDateOf } from '../kernel/calendar/index.ts';
import type { Ctx } from '../kernel/context.ts';
import { ruleInForce } from './rulebook.ts';
import type { FieldDef, InputDef, MatterRecord, MatterType } from './types.ts';

export interface MatterField {
  key: string;
  label: string;
  value: string;
}

export interface ActionInput {
  key: string;
  label: string;
  kind: 'integer' | 'text';
  min: number | null;
  max: number | null;
  required: boolean;
  help: string | null;
}

const DIGITS = '零一二三四五六七八九';
const UNITS = ['', '十', '百', '千'];

/** 41 → 四十一, 105 → 一百零五, 10 → 十 (1–9999; anything else in digits). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n >= 10000) return String(n);
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = UNITS[digits.length - 1 - i];
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += (d === 1 && unit === '十' && out === '' ? '' : DIGITS[d]) + unit;
  });
  return out;
}

/** 'Art. 41' → '《办法》第四十一条'; any other text as it is. */
export function articleText(article: string): string {
  const m = /^Art\. (\d{1,4})$/.exec(article.trim());
  return m ? `《办法》第${chineseNumber(Number(m[1]))}条` : article;
}

const AGENCY_SUBJECT = /^agency:(\d{1,15})$/;

function agencyIdOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? v : null;
  const m = typeof v === 'string' ? (AGENCY_SUBJECT.exec(v) ?? /^(\d{1,15})$/.exec(v)) : null;
  return m ? Number(m[1]) : null;
}

function plain(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join('、');
  return JSON.stringify(v);
}

export function formatField(f: FieldDef, v: unknown, agencies: Map<number, string> = new Map()): string {
  switch (f.format ?? 'text') {
    case 'article':
      return typeof v === 'string' ? articleText(v) : plain(v);
    case 'workingDays':
      return typeof v === 'number' ? `${v} 个工作日` : plain(v);
    case 'date': {
      const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
      return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : plain(v);
    }
    case 'agency': {
      const id = agencyIdOf(v);
      return (id !== null && agencies.get(id)) || plain(v);
    }
    default:
      return plain(v);
  }
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/** The declared, visible fields the matter has a value for, in declaration order, and its subject by name. */
export async function describeMatter(
  ctx: Ctx,
  type: MatterType | undefined,
  m: Pick<MatterRecord, 'subject' | 'data'>,
): Promise<{ fields: MatterField[]; subjectLabel: string }> {
  const shown = Object.entries(type?.fields ?? {}).filter(
    ([k, f]) => !f.hidden && Object.hasOwn(m.data, k) && present(m.data[k]),
  );
  const subjectAgency = AGENCY_SUBJECT.exec(m.subject) ? agencyIdOf(m.subject) : null;
  const ids = shown.filter(([, f]) => f.format === 'agency').map(([k]) => agencyIdOf(m.data[k]));
  if (subjectAgency !== null) ids.push(subjectAgency);
  const wanted = ids.filter((id): id is number => id !== null);
  const { agencies } = wanted.length
    ? await ctx.directory.names(ctx.db, { agencyIds: wanted })
    : { agencies: new Map<number, string>() };
  return {
    fields: shown.map(([key, f]) => ({ key, label: f.label, value: formatField(f, m.data[key], agencies) })),
    subjectLabel: (subjectAgency !== null && agencies.get(subjectAgency)) || m.subject,
  };
}

/** Resolves inputs' bounds for one request: a rule's ceiling is read once, from the rulebook in force today. */
export function inputResolver(ctx: Ctx): (inputs: InputDef[] | undefined) => Promise<ActionInput[]> {
  const today = beijingDateOf(ctx.clock.now());
  const ceilings = new Map<string, Promise<number>>();
  const ceiling = (rule: string) => {
    let c = ceilings.get(rule);
    if (!c) {
      c = ruleInForce(ctx.db, rule, today).then((r) => r.amount);
      ceilings.set(rule, c);
    }
    return c;
  };
  return async (inputs = []) => {
    const out: ActionInput[] = [];
    for (const i of inputs) {
      out.push({
        key: i.key,
        label: i.label,
        kind: i.kind,
        min: i.min ?? null,
        max: i.max === undefined ? null : typeof i.max === 'number' ? i.max : await ceiling(i.max.rule),
        required: i.required === true,
        help: i.help ?? null,
      });
    }
    return out;
  };
}
