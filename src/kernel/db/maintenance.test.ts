import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../../test/helpers/system.ts';
import { refreshPlannerStatistics } from './maintenance.ts';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t.close());

const statsRows = async () =>
  Number(
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from pg_stats where tablename = 'maintenance_probe'`.execute(t.ctx.db)
    ).rows[0].n,
  );

it('refreshes planner statistics on PGlite, which has no autovacuum; leaves PostgreSQL to its own', async () => {
  await sql`create table maintenance_probe (n int)`.execute(t.ctx.db);
  await sql`insert into maintenance_probe select generate_series(1, 1000)`.execute(t.ctx.db);
  expect(await statsRows()).toBe(0);
  const ran = await refreshPlannerStatistics(t.ctx);
  expect(ran).toBe(t.ctx.dbKind === 'pglite');
  if (ran) expect(await statsRows()).toBe(1);
});
