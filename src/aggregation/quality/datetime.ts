// Allocation-free date parsing for the per-cell checks: char codes and numbers, no regex, no Date objects.

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `n` digits at `start`, or -1 when one of them is not a digit. */
export function digitsAt(s: string, start: number, n: number): number {
  let v = 0;
  for (let i = start; i < start + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS[m];
}

/** y*10000 + m*100 + d for a real calendar date, else -1. Years before 1000 are taken as placeholders. */
export function ymdKey(y: number, m: number, d: number): number {
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return -1;
  return y * 10000 + m * 100 + d;
}

/** 'YYYY-MM-DD' or 'YYYYMMDD' → yyyymmdd as a number (sortable); -1 when not a real date. */
export function dateKey(s: string): number {
  if (s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    return ymdKey(digitsAt(s, 0, 4), digitsAt(s, 5, 2), digitsAt(s, 8, 2));
  }
  if (s.length === 8) return ymdKey(digitsAt(s, 0, 4), digitsAt(s, 4, 2), digitsAt(s, 6, 2));
  return -1;
}

/**
 * Epoch ms of 'YYYY-MM-DD HH:mm[:ss]' or ISO 8601 'YYYY-MM-DDTHH:mm[:ss[.fff]][Z|±HH[:]mm]'; NaN when
 * malformed. Values without a zone are Beijing time (UTC+8, no daylight saving since 1992).
 */
export function datetimeMs(s: string): number {
  const n = s.length;
  if (n < 16 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const sep = s.charCodeAt(10);
  if ((sep !== 32 && sep !== 84) || s.charCodeAt(13) !== 58) return Number.NaN;
  const key = ymdKey(digitsAt(s, 0, 4), digitsAt(s, 5, 2), digitsAt(s, 8, 2));
  const hh = digitsAt(s, 11, 2);
  const mi = digitsAt(s, 14, 2);
  if (key < 0 || hh < 0 || hh > 23 || mi < 0 || mi > 59) return Number.NaN;
  let i = 16;
  let ss = 0;
  let ms = 0;
  if (i < n && s.charCodeAt(i) === 58) {
    ss = digitsAt(s, i + 1, 2);
    if (ss < 0 || ss > 59) return Number.NaN;
    i += 3;
    if (i < n && s.charCodeAt(i) === 46) {
      const start = ++i;
      while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      if (i === start || i - start > 9) return Number.NaN;
      ms = digitsAt(s, start, Math.min(3, i - start)) * 10 ** (3 - Math.min(3, i - start));
    }
  }
  let offset = BEIJING_OFFSET_MS;
  if (i < n) {
    const z = s.charCodeAt(i);
    if (z === 90 && i === n - 1) offset = 0;
    else if (z === 43 || z === 45) {
      const oh = digitsAt(s, i + 1, 2);
      const rest = n - i - 3;
      const om =
        rest === 0
          ? 0
          : rest === 2
            ? digitsAt(s, i + 3, 2)
            : rest === 3 && s.charCodeAt(i + 3) === 58
              ? digitsAt(s, i + 4, 2)
              : -1;
      if (oh < 0 || oh > 14 || om < 0 || om > 59) return Number.NaN;
      offset = (z === 43 ? 1 : -1) * (oh * 60 + om) * 60_000;
    } else return Number.NaN;
  }
  const y = Math.floor(key / 10000);
  const m = Math.floor(key / 100) % 100;
  return Date.UTC(y, m - 1, key % 100, hh, mi, ss, ms) - offset;
}

/** End of a Beijing calendar day ('YYYY-MM-DD'), as epoch ms: the default "now" for datetime checks. */
export function endOfBeijingDayMs(isoDate: string): number {
  const key = dateKey(isoDate);
  if (key < 0) throw new Error(`日期应为 YYYY-MM-DD：${isoDate}`);
  const start = Date.UTC(Math.floor(key / 10000), (Math.floor(key / 100) % 100) - 1, key % 100);
  return start + DAY_MS - BEIJING_OFFSET_MS - 1;
}

/** yyyymmdd of `today`, validated once at compile time. */
export function todayKey(today: string): number {
  const key = today.length === 10 ? dateKey(today) : -1;
  if (key < 0) throw new Error(`today 应为 YYYY-MM-DD：${today}`);
  return key;
}
