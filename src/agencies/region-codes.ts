import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { RegionLevel } from './schema.ts';

// GB/T 2260 codes shipped with the product (reference/regions/, with its source note).
const FILES = ['china-regions.csv', 'heilongjiang-regions.csv'];
const LEVELS: RegionLevel[] = ['province', 'city', 'county'];
// Rows per INSERT: one statement per few hundred rows keeps PGlite fast (3,300 rows in ~10 statements).
const BATCH = 400;

export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
}

function readCsv(file: string): RegionRow[] {
  const text = fs.readFileSync(new URL(`../../reference/regions/${file}`, import.meta.url), 'utf8');
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (header.trim() !== 'code,name,level,parent') throw new Error(`${file}: unexpected header ${header}`);
  return lines.map((line, i) => {
    const [code, name, level, parent] = line.split(',').map((c) => c.trim());
    if (!/^\d{6}$/.test(code) || !name || !LEVELS.includes(level as RegionLevel)) {
      throw new Error(`${file}:${i + 2}: malformed row ${line}`);
    }
    return { code, name, level: level as RegionLevel, parent_code: parent || null };
  });
}

/** The merged table: later files win; a division listed as its own parent is a duplicate and skipped. */
export function regionRows(): RegionRow[] {
  const byCode = new Map<string, RegionRow>();
  for (const file of FILES) {
    for (const r of readCsv(file)) {
      if (r.parent_code === r.code) continue;
      byCode.set(r.code, r);
    }
  }
  // Parents before children, so every batch satisfies the foreign key.
  return [...byCode.values()].sort(
    (a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || a.code.localeCompare(b.code),
  );
}

export async function loadRegionCodes(db: Kysely<any>): Promise<void> {
  const rows = regionRows();
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('region')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          level: eb.ref('excluded.level'),
          parent_code: eb.ref('excluded.parent_code'),
        })),
      )
      .execute();
  }
}
