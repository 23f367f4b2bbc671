// Art. 16 目录撤销: an entry that can no longer be updated is revoked on the provider's application,
// after review by the authority that reviews its catalog. If the data is in use (entryUsers), the
// provider keeps providing it for 6 months (rule catalog.revocation.grace) and the users are told;
// a job then revokes it. A revoked entry is no longer visible to other agencies; its versions stay
// readable to the provider and its authority.
import { beijingDateOf, currentCalendar } from '../kernel/calendar/index.ts';
import { type Actor, type Ctx, inTransaction, systemActor, type Tx } from '../kernel/context.ts';
import { conflict, forbidden, notFound, validationFailed } from '../kernel/errors.ts';
import { runExclusive } from '../kernel/jobs/lease.ts';
import { computeDue } from '../matters/deadlines.ts';
import {
  applyTransition,
  defineMatterType,
  type Effect,
  openMatter,
  ruleInForce,
  type Taker,
} from '../matters/index.ts';
import { sendMessage } from '../messages/service.ts';
import { ownEntry, seesWorkingVersions, viewEntry } from './entries.ts';
import { reviewerOf } from './review.ts';
import type { RevocationStatus } from './schema-lifecycle.ts';
import { entryUsers, lockEntry } from './subscriptions.ts';
import { endUpdates } from './update.ts';

export const REVOCATION_TYPE = 'catalog.revocation';
export const REVOCATION_LEASE = 'catalog-revocation';
const GRACE_RULE = 'catalog.revocation.grace';
const REASON_MAX = 2000;

interface RevocationData {
  entryId: number;
  entryCode: string;
  entryName: string;
  reason: string;
}

// Art. 16: the same-level authority reviews (an authority's own entry: the one above it).
const REVIEWER: Taker[] = [{ roles: ['authority_reviewer', 'authority_admin'], relation: 'authority' }];

const dataOf = (d: Record<string, unknown>) => d as unknown as RevocationData;
const fmtDate = (d: string) =>
  `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const entryLink = (id: number) => `/console/catalog/entries/${id}`;

const revocationOf = (tx: Tx, matterId: number) =>
  tx.db
    .selectFrom('catalog_revocation')
    .selectAll()
    .where('matter_id', '=', matterId)
    .forUpdate()
    .executeTakeFirstOrThrow();

/** Tells every user agency (通知) about the entry; the provider's name and the reason included. */
async function tellUsers(tx: Tx, entryId: number, title: string, body: string): Promise<number[]> {
  const users = await entryUsers(tx.db, entryId);
  for (const u of users)
    await sendMessage(tx, {
      to: { agencyId: u.agency.id },
      category: 'notice',
      title,
      body,
      link: entryLink(entryId),
    });
  return users.map((u) => u.agency.id);
}

const noData: Effect = async (_tx, _m, input) => {
  const keys = Object.keys(input.data ?? {});
  if (keys.length)
    throw validationFailed(keys.map((k) => ({ field: `data.${k}`, message: '此操作不接受该字段' })));
  return undefined;
};

/**
 * Approval: no users → revoked at once (the matter moves on to takeEffect); users → the entry is
 * 'revoking', provided for 6 months more, and each user is told the reason and the date.
 */
const approve: Effect = async (tx, m, input) => {
  await noData(tx, m, input);
  const d = dataOf(m.data);
  const e = (await lockEntry(tx, d.entryId))!;
  const users = await entryUsers(tx.db, d.entryId);
  await tx.db.updateTable('catalog_entry').set({ status: 'revoking' }).where('id', '=', d.entryId).execute();
  // The entry will not be updated any more (Art. 16: it cannot be).
  await endUpdates(tx, d.entryId);
  const today = beijingDateOf(tx.now);
  if (!users.length) {
    await tx.db
      .updateTable('catalog_revocation')
      .set({
        status: 'revoking',
        decided_at: tx.now,
        effective_on: today,
        grace_ends_at: tx.now,
        user_count: 0,
      })
      .where('matter_id', '=', m.id)
      .execute();
    return { next: 'takeEffect' };
  }
  // The grace period per the rulebook version in force today, kept with the date it set.
  const rule = await ruleInForce(tx.db, GRACE_RULE, today);
  const due = computeDue(await currentCalendar(tx.ctx, tx.db), tx.now, rule.amount, rule.unit);
  await tx.db
    .updateTable('catalog_revocation')
    .set({
      status: 'revoking',
      decided_at: tx.now,
      effective_on: due.date,
      grace_ends_at: due.dueAt,
      rule_version_id: rule.versionId,
      user_count: users.length,
    })
    .where('matter_id', '=', m.id)
    .execute();
  const notified = await tellUsers(
    tx,
    d.entryId,
    `目录即将撤销：${d.entryName}`,
    `你单位使用的政务数据目录“${d.entryName}”（${e.code}）已经审核同意撤销，撤销原因：${d.reason}。` +
      `依照《办法》第十六条，数据提供部门将继续提供该数据至${fmtDate(due.date)}，期满后撤销，请及时做好替代安排。`,
  );
  tx.record({
    action: 'catalog.entry.revoking',
    subject: `catalog-entry:${e.code}`,
    details: {
      entryId: d.entryId,
      matterId: m.id,
      effectiveOn: due.date,
      ruleKey: rule.key,
      ruleVersionId: rule.versionId,
      users: notified,
    },
  });
  return undefined;
};

const refuse: Effect = async (tx, m, input) => {
  await noData(tx, m, input);
  await tx.db
    .updateTable('catalog_revocation')
    .set({ status: 'refused', decided_at: tx.now })
    .where('matter_id', '=', m.id)
    .execute();
  return undefined;
};

/** The revocation takes effect: never before the grace period has run out. */
const takeEffect: Effect = async (tx, m, input) => {
  await noData(tx, m, input);
  const d = dataOf(m.data);
  const r = await revocationOf(tx, m.id);
  if (r.status !== 'revoking' || r.grace_ends_at === null || r.grace_ends_at > tx.now)
    throw conflict('catalog-revocation-grace', '继续提供期限未满，撤销尚未生效', {
      detail: `数据提供部门须继续提供至${fmtDate(r.effective_on ?? beijingDateOf(tx.now))}，期满后撤销`,
      article: 'Art. 16',
    });
  const e = (await lockEntry(tx, d.entryId))!;
  // Others see an entry through its current (published) version: none any more.
  await tx.db
    .updateTable('catalog_entry')
    .set({ status: 'revoked', current_version: null })
    .where('id', '=', d.entryId)
    .execute();
  await tx.db
    .updateTable('catalog_revocation')
    .set({ status: 'revoked', revoked_at: tx.now, last_version: e.current_version })
    .where('matter_id', '=', m.id)
    .execute();
  const notified = await tellUsers(
    tx,
    d.entryId,
    `目录已撤销：${d.entryName}`,
    `你单位使用的政务数据目录“${d.entryName}”（${e.code}）继续提供期满，已于${fmtDate(beijingDateOf(tx.now))}撤销，撤销原因：${d.reason}。`,
  );
  tx.record({
    action: 'catalog.entry.revoked',
    subject: `catalog-entry:${e.code}`,
    details: { entryId: d.entryId, matterId: m.id, lastVersion: e.current_version, users: notified },
  });
  return undefined;
};

export const revocationType = defineMatterType({
  type: REVOCATION_TYPE,
  name: '目录撤销',
  states: {
    reviewing: { name: '审核中', tone: 'processing' },
    // Art. 16: the data is in use; provided for 6 months more.
    revoking: { name: '继续提供至撤销生效', tone: 'warning' },
    revoked: { name: '已撤销', tone: 'success', terminal: true },
    refused: { name: '不予撤销', tone: 'default', terminal: true },
  },
  initial: 'reviewing',
  fields: {
    entryName: { label: '目录名称' },
    entryCode: { label: '资源代码' },
    reason: { label: '撤销原因' },
    entryId: { label: '目录编号', hidden: true },
  },
  transitions: {
    approve: { label: '同意撤销', from: ['reviewing'], to: 'revoking', by: REVIEWER, tone: 'primary' },
    refuse: {
      label: '不同意撤销',
      from: ['reviewing'],
      to: 'refused',
      by: REVIEWER,
      requires: { reason: { article: 'Art. 16' } },
      tone: 'danger',
    },
    // Taken by the job when the period has run out (or by the authority, if the job has not yet run).
    takeEffect: { label: '撤销生效（继续提供期满后）', from: ['revoking'], to: 'revoked', by: REVIEWER },
  },
  effects: { approve, refuse, takeEffect },
});

/** Art. 16: the provider applies to revoke its published entry; returns the revocation matter's id. */
export async function requestRevocation(
  ctx: Ctx,
  actor: Actor,
  entryId: number,
  input: { reason: string },
): Promise<number> {
  const reason = input.reason?.trim() ?? '';
  if (!reason || reason.length > REASON_MAX)
    throw validationFailed([
      { field: 'reason', message: reason ? `不得超过${REASON_MAX}个字符` : '请说明目录无法更新的原因' },
    ]);
  return inTransaction(ctx, actor, async (tx) => {
    await lockEntry(tx, entryId);
    const e = await ownEntry(tx.db, actor, entryId);
    if (!actor.roles.includes('data_officer')) throw forbidden('须由本部门数据管理员申请撤销目录');
    if (e.status === 'revoking' || e.status === 'revoked')
      throw conflict('catalog-revocation-exists', '目录已批准撤销', { article: 'Art. 16' });
    if (e.current_version === null)
      throw conflict('catalog-entry-unpublished', '目录尚未发布，无需撤销', {
        detail: '未发布的草稿可直接删除',
        article: 'Art. 16',
      });
    const pending = await tx.db
      .selectFrom('catalog_revocation')
      .select('matter_id')
      .where('entry_id', '=', entryId)
      .where('status', '=', 'requested')
      .executeTakeFirst();
    if (pending)
      throw conflict('catalog-revocation-exists', '该目录的撤销申请正在审核', {
        detail: `撤销事项 ${pending.matter_id}`,
        article: 'Art. 16',
      });
    const latest = await viewEntry(tx.db, entryId, 'latest');
    // A version under review could be published after the revocation: its review ends first.
    if (latest.versionStatus === 'submitted' || latest.versionStatus === 'returned')
      throw conflict('catalog-entry-under-review', '目录有正在审核的版本，不能申请撤销', {
        detail: `第${latest.version}版正在审核或退回修改中，请待审核办结后再申请撤销`,
        article: 'Art. 16',
      });
    const v = await viewEntry(tx.db, entryId, 'current');
    const m = await openMatter(tx, actor, {
      type: REVOCATION_TYPE,
      title: `目录撤销：${v.name}`,
      subject: `catalog-entry:${entryId}`,
      parties: { provider: e.provider_agency_id, authority: await reviewerOf(tx, e.provider_agency_id) },
      data: { entryId, entryCode: e.code, entryName: v.name, reason },
    });
    await tx.db
      .insertInto('catalog_revocation')
      .values({
        matter_id: m.id,
        entry_id: entryId,
        status: 'requested',
        reason,
        requested_at: tx.now,
        requested_by: actor.username,
        decided_at: null,
        effective_on: null,
        grace_ends_at: null,
        rule_version_id: null,
        user_count: null,
        last_version: null,
        revoked_at: null,
      })
      .execute();
    tx.record({
      action: 'catalog.entry.revocation-requested',
      subject: `catalog-entry:${e.code}`,
      details: { entryId, matterId: m.id, reason },
    });
    return m.id;
  });
}

/**
 * Revokes every entry whose 6 months have run out (the system takes takeEffect on each matter, one
 * transaction each). Tests call it after moving the clock; the job runs it under a lease.
 */
export async function finalizeDueRevocations(ctx: Ctx): Promise<number> {
  const due = await ctx.db
    .selectFrom('catalog_revocation')
    .select('matter_id')
    .where('status', '=', 'revoking')
    .where('grace_ends_at', '<', ctx.clock.now())
    .orderBy('grace_ends_at')
    .orderBy('matter_id')
    .execute();
  let n = 0;
  for (const { matter_id } of due) {
    const done = await inTransaction(ctx, systemActor, async (tx) => {
      // Another process, or the authority, may have been first.
      const r = await revocationOf(tx, matter_id);
      if (r.status !== 'revoking') return false;
      await applyTransition(tx, systemActor, matter_id, 'takeEffect');
      return true;
    });
    if (done) n += 1;
  }
  return n;
}

/** The job (src/jobs.ts): one process at a time. */
export const revocationJob = (ctx: Ctx, holder: string) =>
  runExclusive(ctx, REVOCATION_LEASE, holder, 5 * 60_000, () => finalizeDueRevocations(ctx));

export interface RevocationView {
  matterId: number;
  status: RevocationStatus;
  reason: string;
  requestedAt: string;
  /** Art. 16: provided until the end of this day, revoked after it. */
  effectiveOn: string | null;
  userCount: number | null;
}

/**
 * The entry's latest revocation: the provider and its authority see it in every state; others only
 * an approved one (while the entry is still provided) — a revoked entry they no longer see at all.
 */
export async function getRevocation(ctx: Ctx, actor: Actor, entryId: number): Promise<RevocationView | null> {
  const e = await ctx.db
    .selectFrom('catalog_entry')
    .select(['provider_agency_id', 'current_version'])
    .where('id', '=', entryId)
    .executeTakeFirst();
  if (!e) throw notFound('目录');
  const sees = await seesWorkingVersions(ctx.db, actor, e.provider_agency_id);
  if (!sees && e.current_version === null) throw notFound('目录');
  const r = await ctx.db
    .selectFrom('catalog_revocation')
    .selectAll()
    .where('entry_id', '=', entryId)
    .orderBy('requested_at', 'desc')
    .orderBy('matter_id', 'desc')
    .executeTakeFirst();
  if (!r || (!sees && r.status !== 'revoking')) return null;
  return {
    matterId: r.matter_id,
    status: r.status,
    reason: r.reason,
    requestedAt: r.requested_at.toISOString(),
    effectiveOn: r.effective_on,
    userCount: r.user_count,
  };
}
