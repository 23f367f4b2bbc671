import { type Kysely, type Migration, Migrator } from 'kysely';
import { DomainError } from '../errors.ts';

// Each module contributes named migrations; names start with a number that orders them across
// modules (kernel 0xxx, agencies 1xxx, calendar 0 2xx …). Both databases run exactly these.
export interface NamedMigration {
  name: string;
  up(db: Kysely<any>): Promise<void>;
}

export async function migrateToLatest(db: Kysely<any>, migrations: NamedMigration[]): Promise<string> {
  const byName: Record<string, Migration> = {};
  for (const m of migrations) {
    if (byName[m.name]) throw new Error(`duplicate migration name ${m.name}`);
    byName[m.name] = { up: m.up };
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => byName } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new DomainError(500, 'migration-failed', '数据库迁移失败', {
      detail: `${failed?.migrationName ?? ''} ${String((error as Error)?.message ?? error)}`.trim(),
    });
  }
  return schemaVersion(migrations);
}

export function schemaVersion(migrations: NamedMigration[]): string {
  return [...migrations.map((m) => m.name)].sort().at(-1) ?? 'none';
}
