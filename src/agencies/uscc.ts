// 统一社会信用代码 (USCC), GB 32100-2015: 18 characters —
// 1 登记管理部门码, 2 机构类别码, 3–8 登记管理机关行政区划码, 9–17 主体标识码 (组织机构代码), 18 校验码.

/** The code's alphabet: digits and capital letters without I, O, Z, S, V. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The 18th character for the first 17 (GB 32100 §4.3: 31 − (Σ Ci·Wi mod 31), 31 → 0). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** True when the code has the GB 32100 shape and its check character is right. */
export function isValidUscc(code: string): boolean {
  return USCC_SHAPE.test(code) && usccCheckChar(code.slice(0, 17)) === code[17];
}

/** Why a code is not a valid USCC, in Chinese; null when it is. */
export function usccProblem(code: string): string | null {
  if (code.length !== 18) return '统一社会信用代码应为18位';
  if (!USCC_SHAPE.test(code)) return '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V，字母须大写）';
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return '统一社会信用代码校验位不正确';
  return null;
}

// 组织机构代码, GB 11714-1997: 8 body characters and a check character (the USCC's 9th–17th).
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(body8[i], 36) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A well-formed USCC for a government body (机构编制部门登记的机关: "11"), built from the region
 * code and an 8-character organisation body. Used for demo agencies; real agencies carry their own.
 */
export function governmentUscc(regionCode: string, body8: string): string {
  const first17 = `11${regionCode}${body8}${orgCodeCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
}
