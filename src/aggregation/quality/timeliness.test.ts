import { describe, expect, it } from 'vitest';
import { timeliness } from './timeliness.ts';

// 2026-01-05 10:00 in Beijing.
const last = new Date('2026-01-05T02:00:00Z');
const at = (iso: string) => new Date(iso);

describe('timeliness (Art. 19)', () => {
  it('daily: due by the end of the next Beijing day', () => {
    const onTime = timeliness(last, 'daily', at('2026-01-06T15:59:59Z'));
    expect(onTime).toMatchObject({ late: false, daysLate: 0, dueAt: at('2026-01-06T15:59:59.999Z') });
    expect(onTime.message).toBe('更新频率为每日，下次应不晚于 2026-01-06 更新');
    const late = timeliness(last, 'daily', at('2026-01-08T02:00:00Z'));
    expect(late).toMatchObject({ late: true, daysLate: 2 });
    expect(late.message).toBe('更新频率为每日，应不晚于 2026-01-06 更新，已逾期 2 天');
  });

  it('weekly, monthly (clamped to month end), quarterly, yearly', () => {
    expect(timeliness(last, 'weekly', at('2026-01-12T15:00:00Z')).late).toBe(false);
    expect(timeliness(last, 'weekly', at('2026-01-12T16:00:00Z')).late).toBe(true);
    const jan31 = new Date('2026-01-31T04:00:00Z');
    expect(timeliness(jan31, 'monthly', last).dueAt).toEqual(at('2026-02-28T15:59:59.999Z'));
    expect(timeliness(last, 'quarterly', at('2026-04-05T12:00:00Z')).late).toBe(false);
    expect(timeliness(last, 'quarterly', at('2026-04-06T12:00:00Z'))).toMatchObject({
      late: true,
      daysLate: 1,
    });
    expect(timeliness(last, 'yearly', at('2027-01-05T15:59:00Z')).late).toBe(false);
  });

  it('a load late in the Beijing evening counts on its Beijing day', () => {
    // 2026-01-05 23:30 Beijing = 15:30Z: the next day's end is 2026-01-06 in Beijing, not 01-07.
    const evening = new Date('2026-01-05T15:30:00Z');
    expect(timeliness(evening, 'daily', at('2026-01-06T16:00:00Z')).late).toBe(true);
  });

  it('realtime is late after 24 hours; irregular never', () => {
    expect(timeliness(last, 'realtime', at('2026-01-06T01:59:59Z')).late).toBe(false);
    expect(timeliness(last, 'realtime', at('2026-01-06T02:00:01Z'))).toMatchObject({
      late: true,
      daysLate: 1,
    });
    expect(timeliness(last, 'irregular', at('2030-01-01T00:00:00Z'))).toMatchObject({
      late: false,
      dueAt: null,
    });
  });

  it('refuses unknown frequency codes', () => {
    expect(() => timeliness(last, 'hourly', last)).toThrow('未知的更新频率代码：hourly');
  });
});
