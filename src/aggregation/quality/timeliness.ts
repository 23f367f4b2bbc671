// Art. 19 timeliness: is a dataset's last load older than its catalog update frequency allows?
import { addCalendarMonths, addDays, beijingDateOf, endOfBeijingDay } from '../../kernel/calendar/dates.ts';

/** The update-frequency codes of the catalog standard (src/catalog/seed.ts FREQUENCIES). */
export const FREQUENCY_LABELS: Record<string, string> = {
  realtime: '实时',
  daily: '每日',
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
  yearly: '每年',
  irregular: '不定期',
};

export interface Timeliness {
  frequency: string;
  late: boolean;
  /** The latest instant the next load is due; null for 'irregular'. */
  dueAt: Date | null;
  /** Whole Beijing calendar days past dueAt (0 when not late). */
  daysLate: number;
  message: string;
}

const DAY_MS = 86_400_000;

/**
 * When the next load is due after `lastLoadedAt`. A period-based frequency is due by the end of the
 * Beijing day one period after the last load's day (daily: the next day; monthly: same day next month,
 * clamped). Choice for 'realtime': late once 24 hours pass without a load, since the load report cannot
 * see sub-day latency (that is the interface monitor's job). 'irregular' is never late.
 */
export function timeliness(lastLoadedAt: Date, frequencyCode: string, now: Date): Timeliness {
  const label = FREQUENCY_LABELS[frequencyCode];
  if (!label) throw new Error(`未知的更新频率代码：${frequencyCode}`);
  if (frequencyCode === 'irregular') {
    return {
      frequency: frequencyCode,
      late: false,
      dueAt: null,
      daysLate: 0,
      message: '更新频率为不定期，不计算是否逾期',
    };
  }
  const day = beijingDateOf(lastLoadedAt);
  let dueAt: Date;
  switch (frequencyCode) {
    case 'realtime':
      dueAt = new Date(lastLoadedAt.getTime() + DAY_MS);
      break;
    case 'daily':
      dueAt = endOfBeijingDay(addDays(day, 1));
      break;
    case 'weekly':
      dueAt = endOfBeijingDay(addDays(day, 7));
      break;
    default: {
      const months = frequencyCode === 'monthly' ? 1 : frequencyCode === 'quarterly' ? 3 : 12;
      dueAt = endOfBeijingDay(addCalendarMonths(day, months));
    }
  }
  const late = now.getTime() > dueAt.getTime();
  const daysLate = late ? Math.ceil((now.getTime() - dueAt.getTime()) / DAY_MS) : 0;
  const due =
    frequencyCode === 'realtime' ? `${beijingDateOf(dueAt)}（距上次汇聚24小时）` : beijingDateOf(dueAt);
  const message = late
    ? `更新频率为${label}，应不晚于 ${due} 更新，已逾期 ${daysLate} 天`
    : `更新频率为${label}，下次应不晚于 ${due} 更新`;
  return { frequency: frequencyCode, late, dueAt, daysLate, message };
}
