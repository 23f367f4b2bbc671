// The one source of time for domain code: tests move a TestClock by days and months instead of sleeping.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const DAY_MS = 86_400_000;

export class TestClock implements Clock {
  #ms: number;
  constructor(start: Date | string = '2026-01-05T01:00:00Z') {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(to: Date | string): void {
    this.#ms = new Date(to).getTime();
  }
  advanceMs(ms: number): void {
    this.#ms += ms;
  }
  advanceMinutes(n: number): void {
    this.#ms += n * 60_000;
  }
  advanceDays(n: number): void {
    this.#ms += n * DAY_MS;
  }
  /** Calendar months in UTC, clamped to the month's last day (Jan 31 + 1 month = Feb 28). */
  advanceMonths(n: number): void {
    const d = new Date(this.#ms);
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + n);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
    this.#ms = d.getTime();
  }
}
