import type { NamedMigration } from '../kernel/db/migrate.ts';

export const lifecycleMigrations: NamedMigration[] = [];
