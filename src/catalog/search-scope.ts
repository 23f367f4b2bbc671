// Who a search is for (search.ts): the providers whose working versions the actor sees, and the
// agencies a query word names.
import { listAgencies } from '../agencies/agencies.ts';
import { agencyRef } from '../agencies/relations.ts';
import type { Actor, Ctx } from '../kernel/context.ts';
import type { Db } from '../kernel/db/schema.ts';
import { normalizeText } from './search-text.ts';

/**
 * Art. 12 (the rule of seesWorkingVersions): the providers whose working versions the actor sees —
 * its own agency and, for a data authority, the agencies of its own region (sameLevelAuthority) and
 * the authorities it supervises one level down (upperAuthority: the supervising authority recorded
 * on an authority is the nearest one above it, agencies/jurisdiction.ts supervisorFor).
 */
export async function workingProviders(ctx: Ctx, actor: Actor): Promise<number[]> {
  if (actor.agencyId === null) return [];
  if (actor.agencyKind !== 'authority') return [actor.agencyId];
  const me = await agencyRef(ctx.db, actor.agencyId);
  if (!me) return [];
  const { items } = await listAgencies(ctx, { regionCode: me.regionCode }, false);
  return items
    .filter(
      (a) =>
        a.id === me.id ||
        (a.kind !== 'coordination' && a.regionCode === me.regionCode) ||
        (a.kind === 'authority' && a.supervisingAgencyId === me.id),
    )
    .map((a) => a.id);
}

// Agency names for matching query words against the provider; names change rarely, so a minute's
// copy per database is enough (visibility never depends on it).
const agencyNames = new WeakMap<Db, { at: number; list: { id: number; keys: string[] }[] }>();

export async function providersNamed(ctx: Ctx, word: string): Promise<number[]> {
  if ([...word].length < 2) return [];
  let c = agencyNames.get(ctx.db);
  if (!c || performance.now() - c.at > 60_000) {
    const { items } = await listAgencies(ctx, {}, false);
    c = {
      at: performance.now(),
      list: items.map((a) => ({ id: a.id, keys: [normalizeText(a.name), normalizeText(a.shortName)] })),
    };
    agencyNames.set(ctx.db, c);
  }
  return c.list.filter((a) => a.keys.some((k) => k.includes(word))).map((a) => a.id);
}
