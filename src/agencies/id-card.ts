// 公民身份号码, GB 11643-1999: 6 address digits, 8 birth-date digits, 3 sequence digits, 1 check
// character (ISO 7064 MOD 11-2: 0–9 or X).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

function birthDateProblem(yyyymmdd: string, today?: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1850 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return '出生日期不是有效日期';
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (today && iso > today) return '出生日期晚于今天';
  return null;
}

/**
 * Why an 18-digit ID number is invalid, in Chinese; null when it is valid. `today` (YYYY-MM-DD)
 * rejects future birth dates. The address code is not checked against the region list: codes
 * since abolished stay valid on old cards.
 */
export function idCardProblem(id: string, today?: string): string | null {
  if (!/^\d{17}[\dXx]$/.test(id)) return '身份证号码应为18位，前17位为数字，末位为数字或X';
  const birth = birthDateProblem(id.slice(6, 14), today);
  if (birth) return birth;
  if (idCardCheckChar(id) !== id[17].toUpperCase()) return '身份证号码校验位不正确';
  return null;
}

export const isValidIdCard = (id: string, today?: string) => idCardProblem(id, today) === null;

/** Keeps the address code and the last four characters: 230102********123X. */
export const maskIdCard = (id: string) => `${id.slice(0, 6)}********${id.slice(14).toUpperCase()}`;
