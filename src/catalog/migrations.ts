import type { NamedMigration } from '../kernel/db/migrate.ts';
import { catalogMigrations as base } from './schema.ts';
import { governanceMigrations } from './schema-governance.ts';
import { lifecycleMigrations } from './schema-lifecycle.ts';
import { searchMigrations } from './schema-search.ts';

// Numbered 3000–3099; each part of the module owns its tables and their migrations.
export const catalogMigrations: NamedMigration[] = [
  ...base,
  ...lifecycleMigrations,
  ...governanceMigrations,
  ...searchMigrations,
];
