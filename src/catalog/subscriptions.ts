// Catalog users. A department follows (subscribes to) a published entry of another agency; the
// entry's users are those an Art. 16 revocation must wait for (6 months) and must tell.
import { agencyRef } from '../agencies/relations.ts';
import { type Actor, type Ctx, inTransaction, type Tx } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import { conflict, forbidden, notFound } from '../kernel/errors.ts';
import { seesWorkingVersions } from './entries.ts';

type Queryable = Db | Trx;

/**
 * How an agency uses an entry. Subscriptions only, for now; the share grants of Ch. 4 will add
 * their kind ('grant') here and their rows to entryUsers, so revocation and its messages need no
 * change.
 */
export type EntryUseKind = 'subscription';

export interface EntryUser {
  agency: { id: number; name: string };
  kind: EntryUseKind;
  since: string;
}

/** THE answer to "who uses this entry" (Art. 16): every agency using it, by kind, earliest first. */
export async function entryUsers(db: Queryable, entryId: number): Promise<EntryUser[]> {
  const rows = await db
    .selectFrom('catalog_subscription')
    .select(['agency_id', 'since'])
    .where('entry_id', '=', entryId)
    .orderBy('since')
    .orderBy('agency_id')
    .execute();
  const users: EntryUser[] = [];
  for (const r of rows) {
    const a = await agencyRef(db, r.agency_id);
    users.push({
      agency: { id: r.agency_id, name: a?.name ?? '' },
      kind: 'subscription',
      since: r.since.toISOString(),
    });
  }
  return users;
}

/** Locks the entry row: a subscription and a revocation's count of users never cross. */
export const lockEntry = (tx: Tx, id: number) =>
  tx.db.selectFrom('catalog_entry').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

function agencyOf(actor: Actor): number {
  if (actor.agencyId === null) throw forbidden('须以所在部门的身份订阅目录');
  return actor.agencyId;
}

export interface Subscription {
  entryId: number;
  agencyId: number;
  agencyName: string;
  since: string;
}

/** The actor's agency follows a published entry of another agency. */
export async function subscribe(ctx: Ctx, actor: Actor, entryId: number): Promise<Subscription> {
  const agencyId = agencyOf(actor);
  return inTransaction(ctx, actor, async (tx) => {
    const e = await lockEntry(tx, entryId);
    if (!e) throw notFound('目录');
    if (e.provider_agency_id === agencyId)
      throw conflict('catalog-subscribe-own', '不能订阅本部门提供的目录', {
        detail: '订阅用于跟踪其他部门提供的目录',
      });
    if (e.status === 'revoked')
      throw conflict('catalog-entry-revoked', '目录已撤销，不能订阅', { article: 'Art. 16' });
    if (e.current_version === null) {
      if (!(await seesWorkingVersions(tx.db, actor, e.provider_agency_id))) throw notFound('目录');
      throw conflict('catalog-entry-unpublished', '目录尚未发布，不能订阅', {
        detail: '只有审核通过并发布的目录可以订阅',
        article: 'Art. 12',
      });
    }
    if (e.status === 'revoking')
      throw conflict('catalog-entry-revoking', '目录正在撤销，不接受新的订阅', {
        detail: '该目录已批准撤销，数据提供部门仅为已有使用部门继续提供至撤销生效',
        article: 'Art. 16',
      });
    const row = await tx.db
      .insertInto('catalog_subscription')
      .values({ entry_id: entryId, agency_id: agencyId, since: tx.now, created_by: actor.username })
      .onConflict((oc) => oc.columns(['entry_id', 'agency_id']).doNothing())
      .returning('since')
      .executeTakeFirst();
    if (!row) throw conflict('catalog-already-subscribed', '本部门已订阅该目录');
    tx.record({
      action: 'catalog.subscription.added',
      subject: `catalog-entry:${e.code}`,
      details: { entryId, agencyId },
    });
    const a = await agencyRef(tx.db, agencyId);
    return { entryId, agencyId, agencyName: a?.name ?? '', since: row.since.toISOString() };
  });
}

/** The actor's agency stops following the entry (also once it is revoked). */
export async function unsubscribe(ctx: Ctx, actor: Actor, entryId: number): Promise<void> {
  const agencyId = agencyOf(actor);
  await inTransaction(ctx, actor, async (tx) => {
    const e = await lockEntry(tx, entryId);
    if (!e) throw notFound('目录');
    const gone = await tx.db
      .deleteFrom('catalog_subscription')
      .where('entry_id', '=', entryId)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) !== 1) throw notFound('本部门对该目录的订阅');
    tx.record({
      action: 'catalog.subscription.removed',
      subject: `catalog-entry:${e.code}`,
      details: { entryId, agencyId },
    });
  });
}

export interface SubscribedEntry {
  entryId: number;
  code: string;
  name: string;
  providerName: string;
  status: string;
  since: string;
}

/** The entries the actor's agency follows, with their status (a revoked one stays listed for its users). */
export async function listSubscriptions(ctx: Ctx, actor: Actor): Promise<SubscribedEntry[]> {
  if (actor.agencyId === null) return [];
  const rows = await ctx.db
    .selectFrom('catalog_subscription as s')
    .innerJoin('catalog_entry as e', 'e.id', 's.entry_id')
    // The published version: revocation keeps it, though others no longer see it.
    .leftJoin('catalog_entry_version as v', (j) =>
      j.onRef('v.entry_id', '=', 'e.id').on('v.status', '=', 'published'),
    )
    .select(['e.id', 'e.code', 'e.status', 'e.provider_agency_id', 'v.name', 's.since'])
    .where('s.agency_id', '=', actor.agencyId)
    .orderBy('s.since', 'desc')
    .orderBy('e.id')
    .execute();
  const names = await ctx.directory.names(ctx.db, {
    agencyIds: [...new Set(rows.map((r) => r.provider_agency_id))],
  });
  return rows.map((r) => ({
    entryId: r.id,
    code: r.code,
    name: r.name ?? '',
    providerName: names.agencies.get(r.provider_agency_id) ?? '',
    status: r.status,
    since: r.since.toISOString(),
  }));
}

/** Art. 16: the provider and the authority that reviews it see who uses the entry; nobody else. */
export async function listEntryUsers(
  ctx: Ctx,
  actor: Actor,
  entryId: number,
): Promise<{ items: EntryUser[]; total: number }> {
  const e = await ctx.db
    .selectFrom('catalog_entry')
    .select(['provider_agency_id', 'current_version'])
    .where('id', '=', entryId)
    .executeTakeFirst();
  if (!e) throw notFound('目录');
  if (!(await seesWorkingVersions(ctx.db, actor, e.provider_agency_id))) {
    if (e.current_version === null) throw notFound('目录');
    throw forbidden('仅数据提供部门及其审核目录的政务数据主管部门可以查看目录的使用部门');
  }
  const items = await entryUsers(ctx.db, entryId);
  return { items, total: items.length };
}
