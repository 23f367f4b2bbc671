import { sql } from 'kysely';
import type { Ctx } from '../context.ts';

/**
 * PGlite runs no autovacuum, so its planner statistics stay as they were after the last ANALYZE
 * and plans degrade as tables grow (the Art. 17 overlap check went from ~15 ms to ~1 s). PostgreSQL
 * keeps its own statistics; there this does nothing. One process embeds PGlite, so no lease.
 */
export async function refreshPlannerStatistics(ctx: Ctx): Promise<boolean> {
  if (ctx.dbKind !== 'pglite') return false;
  await sql`analyze`.execute(ctx.db);
  return true;
}
