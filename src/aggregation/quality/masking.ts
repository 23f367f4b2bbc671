// Art. 33/38: personal information never appears in clear in quality reports or samples. Masks keep
// just enough to recognise a record (region, surname, phone prefix), never enough to re-identify it.
import { maskIdCard } from '../../agencies/id-card.ts';
import { regionRows } from '../../agencies/region-codes.ts';
import { LANDLINE, MOBILE } from './contact.ts';

const STARS = '******';
const stars = (n: number) => '*'.repeat(Math.max(n, 1));

function maskIdNumber(v: string): string {
  if (v.length === 18) return maskIdCard(v);
  return v.length >= 11 ? `${v.slice(0, 6)}${stars(v.length - 10)}${v.slice(-4)}` : STARS;
}

// Area code after an optional +86/86 and an optional trunk 0, bracketed or not.
const AREA_PREFIX = /^(?:\+?86[- ]?)?[(（]?(0?(?:10|2\d|[3-9]\d{2}))[)）]?[- ]?/;

function maskPhone(v: string): string {
  const digits = v.replace(/\D/g, '');
  if (MOBILE.test(v)) {
    const mobile = digits.slice(-11);
    return `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
  }
  if (LANDLINE.test(v)) {
    // Keep the area code and the local number's last two digits; an extension is dropped.
    const m = AREA_PREFIX.exec(v)!;
    const local = v.slice(m[0].length).match(/^\d{7,8}/)?.[0] ?? '';
    return `${m[1]}-${stars(local.length - 2)}${local.slice(-2)}`;
  }
  return digits.length >= 7 ? `${stars(digits.length - 2)}${digits.slice(-2)}` : STARS;
}

// Compound surnames keep both characters when the given name has two (欧阳娜娜 → 欧阳**).
const COMPOUND =
  /^(?:欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|轩辕|令狐|钟离|端木|南宫|独孤|呼延|申屠|赫连|澹台|西门|百里|拓跋)/;

function maskName(v: string): string {
  const chars = Array.from(v);
  if (chars.length <= 1) return '*';
  const keep = chars.length >= 4 && COMPOUND.test(v) ? 2 : 1;
  return chars.slice(0, keep).join('') + stars(chars.length - keep);
}

// Address levels up to the county, by the names of the shipped GB/T 2260 table (province, prefecture,
// county in turn, longest name first). Anything not recognised is masked.
let levelNames: string[][] | undefined;

function regionNames(): string[][] {
  if (!levelNames) {
    const byLevel = new Map<string, Set<string>>([
      ['province', new Set()],
      ['city', new Set()],
      ['county', new Set()],
    ]);
    // Placeholders such as 市辖区, 县 and 省直辖县级行政区划 are not names people write.
    for (const r of regionRows())
      if (r.name.length > 1 && !/辖/.test(r.name)) byLevel.get(r.level)?.add(r.name);
    levelNames = [...byLevel.values()].map((set) => [...set].sort((a, b) => b.length - a.length));
  }
  return levelNames;
}

function maskAddress(v: string): string {
  let kept = 0;
  for (const names of regionNames()) {
    const hit = names.find((n) => v.startsWith(n, kept));
    if (hit) kept += hit.length;
  }
  return `${v.slice(0, kept)}${STARS}`;
}

function maskBankCard(v: string): string {
  const d = v.replace(/[\s-]/g, '');
  return /^\d{12,19}$/.test(d) ? `${d.slice(0, 6)}${stars(d.length - 10)}${d.slice(-4)}` : STARS;
}

function maskEmail(v: string): string {
  const at = v.lastIndexOf('@');
  return at > 0 ? `${v[0]}***${v.slice(at)}` : STARS;
}

/** Keeps the year; month and day become stars in the same layout (1949-**-**, 1949****). */
const maskBirthDate = (v: string) =>
  /^\d{4}/.test(v) ? v.slice(0, 4) + v.slice(4).replace(/\d/g, '*') : STARS;

/** Masks a value by its PI kind (src/catalog/dictionaries.ts PI_KINDS); a null kind returns the value. */
export function maskValue(
  value: string | null | undefined,
  piKind: string | null | undefined,
): string | null {
  if (value == null) return null;
  const v = value.trim();
  if (!piKind || v.length === 0) return v;
  switch (piKind) {
    case 'id_number':
      return maskIdNumber(v);
    case 'phone':
      return maskPhone(v);
    case 'name':
      return maskName(v);
    case 'address':
      return maskAddress(v);
    case 'financial':
      return maskBankCard(v);
    case 'email':
      return maskEmail(v);
    case 'birth_date':
      return maskBirthDate(v);
    default:
      return STARS;
  }
}
