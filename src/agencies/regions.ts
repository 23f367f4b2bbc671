import type { ExpressionBuilder } from 'kysely';
import type { Ctx } from '../kernel/context.ts';
import type { Database, Db, Trx } from '../kernel/db/schema.ts';
import { notFound } from '../kernel/errors.ts';
import type { RegionLevel } from './schema.ts';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parent: string | null;
}

const toRegion = (r: { code: string; name: string; level: RegionLevel; parent_code: string | null }) => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parent: r.parent_code,
});

/** Children of `parent`, or every region of `level`; with neither, the provinces. */
export async function listRegions(ctx: Ctx, q: { parent?: string; level?: RegionLevel }): Promise<Region[]> {
  let query = ctx.db.selectFrom('region').selectAll().orderBy('code');
  if (q.parent) query = query.where('parent_code', '=', q.parent);
  if (q.level) query = query.where('level', '=', q.level);
  if (!q.parent && !q.level) query = query.where('parent_code', 'is', null);
  return (await query.execute()).map(toRegion);
}

/** A region with its ancestors, the province first. */
export async function getRegion(db: Db | Trx, code: string): Promise<Region & { path: Region[] }> {
  const path: Region[] = [];
  let next: string | null = code;
  while (next) {
    const row = await db.selectFrom('region').selectAll().where('code', '=', next).executeTakeFirst();
    if (!row) throw notFound(`行政区划 ${code} `);
    path.unshift(toRegion(row));
    next = row.parent_code;
  }
  return { ...path[path.length - 1], path: path.slice(0, -1) };
}

/**
 * The codes of a region and everything below it, as a subquery. The tree has three levels, so two
 * parent hops reach every descendant without recursion.
 */
export const regionSubtree =
  (code: string) =>
  ({ selectFrom }: ExpressionBuilder<Database, any>) =>
    selectFrom('region as r')
      .leftJoin('region as rp', 'rp.code', 'r.parent_code')
      .select('r.code')
      .where((eb) =>
        eb.or([eb('r.code', '=', code), eb('r.parent_code', '=', code), eb('rp.parent_code', '=', code)]),
      );

/** Whether `code` is `ancestor` or lies below it. */
export async function isWithinRegion(db: Db | Trx, code: string, ancestor: string): Promise<boolean> {
  if (code === ancestor) return true;
  const row = await db
    .selectFrom('region as r')
    .leftJoin('region as rp', 'rp.code', 'r.parent_code')
    .select(['r.parent_code', 'rp.parent_code as grandparent'])
    .where('r.code', '=', code)
    .executeTakeFirst();
  return row?.parent_code === ancestor || row?.grandparent === ancestor;
}
