// Phone numbers, e-mail addresses and bank card numbers. Regexes are built once at module load.

// Area codes: 010 and 02x are two digits, all others three (0310–0999).
const AREA = '(?:10|2\\d|[3-9]\\d{2})';

/** Mobile: 1[3-9] + 9 digits, optional +86/86 prefix, optional 3-4-4 separators ('-' or space). */
export const MOBILE = /^(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}$/;

/**
 * Landline: 0 + area code + 7–8 digit local number (not starting 0/1), '-' or space between, area code
 * optionally in brackets; after +86 the trunk 0 may be dropped; optional extension (-, 转, #, ext).
 */
export const LANDLINE = new RegExp(
  `^(?:\\+?86[- ]?0?${AREA}|0${AREA}|\\(0${AREA}\\)|（0${AREA}）)[- ]?[2-9]\\d{6,7}(?:(?:[-#]|转|ext\\.?|分机)\\d{1,6})?$`,
  'i',
);

export type PhoneAccept = 'any' | 'mobile' | 'landline';

export function isPhone(s: string, accept: PhoneAccept = 'any'): boolean {
  if (accept === 'mobile') return MOBILE.test(s);
  if (accept === 'landline') return LANDLINE.test(s);
  return MOBILE.test(s) || LANDLINE.test(s);
}

const EMAIL =
  /^[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$/;

/** A practical address check (not full RFC 5322): ASCII local part, dotted domain, no '..'. */
export function isEmail(s: string): boolean {
  return s.length <= 254 && EMAIL.test(s) && !s.includes('..');
}

/** Luhn (ISO/IEC 7812) over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const CARD = /^\d{16,19}$/;

/**
 * A bank card number: 16–19 digits (spaces allowed) passing Luhn. UnionPay cards (prefix 62) also
 * count without Luhn: some older domestic cards carry no Luhn check digit, and the prefix is a strong sign.
 */
export function isBankCard(s: string): boolean {
  const d = s.includes(' ') ? s.replace(/ /g, '') : s;
  return CARD.test(d) && (luhnValid(d) || d.startsWith('62'));
}
