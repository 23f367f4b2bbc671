import pino from 'pino';

/** The test clock's start: a Monday, a working day, 09:00 Beijing time. */
export const TEST_EPOCH = '2026-01-05T01:00:00Z';

export const quietLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export function databaseUrlFor(base: string, database: string): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}
