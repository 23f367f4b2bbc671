// Code checks for ID numbers (GB 11643), USCC (GB 32100) and region codes (GB/T 2260). The check
// characters come from src/agencies; this file adds the classification a quality report needs.
import { idCardCheckChar } from '../../agencies/id-card.ts';
import { regionRows } from '../../agencies/region-codes.ts';
import { isValidUscc, orgCodeCheckChar, usccCheckChar, usccProblem } from '../../agencies/uscc.ts';
import { digitsAt, ymdKey } from './datetime.ts';

/** Six-digit region codes as a 1 MB bitmap: a lookup is a number parse, no substring per cell. */
export class RegionIndex {
  private readonly bits = new Uint8Array(1_000_000);
  readonly size: number;
  constructor(codes: Iterable<string>) {
    let n = 0;
    for (const c of codes) {
      const v = c.length === 6 ? digitsAt(c, 0, 6) : -1;
      if (v >= 0 && this.bits[v] === 0) {
        this.bits[v] = 1;
        n++;
      }
    }
    this.size = n;
  }
  /** The six digits at `offset` of `s` form a known code. */
  hasAt(s: string, offset = 0): boolean {
    const v = digitsAt(s, offset, 6);
    return v >= 0 && this.bits[v] === 1;
  }
}

let shipped: RegionIndex | undefined;
const custom = new WeakMap<object, RegionIndex>();

/** The index for a code list (cached per list), or for the table shipped in reference/regions/. */
export function regionIndex(codes?: Iterable<string>): RegionIndex {
  if (!codes) {
    shipped ??= new RegionIndex(regionRows().map((r) => r.code));
    return shipped;
  }
  let idx = custom.get(codes);
  if (!idx) {
    idx = new RegionIndex(codes);
    custom.set(codes, idx);
  }
  return idx;
}

export type IdNumberFinding =
  | 'legacy_15'
  | 'format'
  | 'birth_date'
  | 'birth_future'
  | 'check_digit'
  | 'region_unknown'
  | null;

// 港澳台居民居住证 use these address codes with the GB 11643 layout; they are not in GB/T 2260.
const RESIDENCE_PERMIT = new Set([810000, 820000, 830000]);

/** The first `n` characters (all, by default) are ASCII digits. */
function isDigits(s: string, n = s.length): boolean {
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return n > 0;
}

/**
 * The first finding for an ID number, or null when valid. `todayKey` is yyyymmdd. An unknown address
 * prefix ('region_unknown') is only a warning: codes issued before and since abolished stay valid.
 */
export function idNumberFinding(s: string, todayKey: number, regions: RegionIndex): IdNumberFinding {
  if (s.length === 15 && isDigits(s)) return 'legacy_15';
  if (s.length !== 18 || !isDigits(s, 17)) return 'format';
  const last = s.charCodeAt(17);
  if (!((last >= 48 && last <= 57) || last === 88 || last === 120)) return 'format';
  const y = digitsAt(s, 6, 4);
  const birth = ymdKey(y, digitsAt(s, 10, 2), digitsAt(s, 12, 2));
  if (birth < 0 || y < 1850) return 'birth_date';
  if (birth > todayKey) return 'birth_future';
  if (idCardCheckChar(s) !== (last === 120 ? 'X' : s[17])) return 'check_digit';
  if (!RESIDENCE_PERMIT.has(digitsAt(s, 0, 6)) && !regions.hasAt(s, 0)) return 'region_unknown';
  return null;
}

export type UsccFinding =
  | 'format'
  | 'check_digit'
  | 'legacy_registration_number'
  | 'legacy_org_code'
  | 'department_unknown'
  | 'category_unknown'
  | 'region_unknown'
  | null;

// GB 32100-2015 Annex A and the departments added since (外交, 司法行政, 文化, 旅游, 宗教, 工会,
// 中央军委改革和编制办公室, 农业): 登记管理部门码 → its 机构类别码.
export const USCC_CATEGORIES: Record<string, string> = {
  '1': '1239',
  '2': '19',
  '3': '123459',
  '4': '19',
  '5': '1239',
  '6': '129',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
};

/** GS 15-2006 business registration number: ISO 7064 MOD 11,10 over 15 digits. */
export function registrationNumberValid(s: string): boolean {
  if (s.length !== 15 || !isDigits(s)) return false;
  let p = 10;
  for (let i = 0; i < 14; i++) {
    const sum = (p % 11) + (s.charCodeAt(i) - 48);
    p = (sum % 10 || 10) * 2;
  }
  return ((p % 11) + (s.charCodeAt(14) - 48)) % 10 === 1;
}

/** A 9-character GB 11714 organisation code, with or without the hyphen before the check character. */
function legacyOrgCode(s: string): boolean {
  const body = s.length === 10 && s[8] === '-' ? s.slice(0, 8) + s[9] : s;
  if (body.length !== 9 || !/^[0-9A-Z]{8}[0-9X]$/.test(body)) return false;
  return orgCodeCheckChar(body) === body[8];
}

/**
 * The first finding for a USCC, or null. Errors: 'format', 'check_digit'. Warnings (lawful exceptions
 * the code cannot settle by itself): legacy 15-digit registration numbers and 9-character organisation
 * codes issued before 三证合一, department/category codes outside the known table (added later), and
 * registration-authority regions since abolished (the code is kept for life). The 主体标识码 is not
 * checked separately against GB 11714: the USCC check character already covers all 17 characters, so a
 * GB 11714 mismatch in a code that passes would not point to a typo, only to how the code was assigned.
 */
export function usccFinding(s: string, regions: RegionIndex): UsccFinding {
  if (!isValidUscc(s)) {
    if (registrationNumberValid(s)) return 'legacy_registration_number';
    if (legacyOrgCode(s)) return 'legacy_org_code';
    if (s.length === 18 && isValidUscc(s.slice(0, 17) + usccCheckChar(s))) return 'check_digit';
    return 'format';
  }
  const categories = USCC_CATEGORIES[s[0]];
  if (categories === undefined) return 'department_unknown';
  if (!categories.includes(s[1])) return 'category_unknown';
  // 100000: registered by a central (national-level) authority.
  if (digitsAt(s, 2, 6) !== 100000 && !regions.hasAt(s, 2)) return 'region_unknown';
  return null;
}

/** Chinese text for a USCC format failure, from the GB 32100 validator in src/agencies. */
export const usccFormatMessage = (s: string) => usccProblem(s) ?? '统一社会信用代码格式不正确';
