import type { NamedMigration } from '../db/migrate.ts';
// PLACEHOLDER — replaced by the calendar work.
export const calendarMigrations: NamedMigration[] = [];
