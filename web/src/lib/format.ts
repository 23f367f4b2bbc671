import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { AgencyKind, AgencyLevel } from '../types.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

// Instants are shown in Beijing time whatever the browser's zone: deadlines end at the end of a
// Beijing working day, and every reader of a record must see the same time.
const BEIJING = 'Asia/Shanghai';
const inBeijing = (value: string) => (value.length === 10 ? dayjs(value) : dayjs(value).tz(BEIJING));

/** 2026年10月8日 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = inBeijing(value);
  return d.isValid() ? d.format('YYYY年M月D日') : value;
}

/** 2026年10月8日 14:05 (Beijing time) */
export function formatDateTime(value: string | null | undefined, withSeconds = false): string {
  if (!value) return '—';
  const d = inBeijing(value);
  return d.isValid() ? d.format(withSeconds ? 'YYYY年M月D日 HH:mm:ss' : 'YYYY年M月D日 HH:mm') : value;
}

export const LEVEL_LABELS: Record<AgencyLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
};

export const KIND_LABELS: Record<AgencyKind, string> = {
  authority: '政务数据主管部门',
  department: '政务部门',
  coordination: '议事协调机构',
};

export function levelLabel(level: string | null | undefined): string {
  if (!level) return '—';
  return LEVEL_LABELS[level as AgencyLevel] ?? level;
}

export function kindLabel(kind: string | null | undefined): string {
  if (!kind) return '—';
  return KIND_LABELS[kind as AgencyKind] ?? kind;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 21 → 二十一, 105 → 一百零五 (1–9999). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n >= 10000) return String(n);
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i];
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

/**
 * Renders a legal article reference in Chinese.
 * 21 → 第二十一条; 'Art. 21' → 第二十一条; 'Art. 21(2)' → 第二十一条第二款; '第六条' stays.
 */
export function articleText(article: number | string | null | undefined): string | null {
  if (article === null || article === undefined || article === '') return null;
  if (typeof article === 'number') return `第${chineseNumber(article)}条`;
  if (/[条款项]/.test(article)) return article;
  const nums = article.match(/\d+/g);
  if (!nums) return article;
  const [art, para, item] = nums.map(Number);
  let out = `第${chineseNumber(art)}条`;
  if (para) out += `第${chineseNumber(para)}款`;
  if (item) out += `第${chineseNumber(item)}项`;
  return out;
}

/** “依据《办法》第二十一条” */
export function articleBasis(article: number | string | null | undefined): string | null {
  const text = articleText(article);
  if (!text) return null;
  return text.includes('《') ? `依据${text}` : `依据《办法》${text}`;
}

/** 'Art. 12' → 《办法》第十二条 (a reference that already names its law stays as it is). */
export function articleLabel(article: number | string | null | undefined): string | null {
  const text = articleText(article);
  if (!text) return null;
  return text.includes('《') ? text : `《办法》${text}`;
}
