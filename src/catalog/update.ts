// Art. 15 目录更新: when a change of law or of the agency's duties changes an entry, the provider
// updates it within 3 WD of the day of the change — counted from that day, so a change recorded
// late may already be overdue. An extension of 5 WD needs a policy basis and the consent of the
// authority that reviews the entry. The update is done when the provider submits the changed
// version for review (Art. 12), which closes every open update of the entry.
import { beijingDateOf, isIsoDate } from '../kernel/calendar/index.ts';
import { type Actor, type Ctx, inTransaction, systemActor, type Tx } from '../kernel/context.ts';
import { conflict, forbidden, notFound, ruleViolated } from '../kernel/errors.ts';
import { applyTransition, defineMatterType, type Effect, openMatter, type Taker } from '../matters/index.ts';
import { seesWorkingVersions, viewEntry } from './entries.ts';
import { reviewerOf } from './review.ts';
import type { ChangeKind } from './schema-lifecycle.ts';
import { lockEntry } from './subscriptions.ts';

export const UPDATE_TYPE = 'catalog.update';

export const CHANGE_KINDS: Record<ChangeKind, string> = { law: '法律法规调整', duty: '职责变化' };

interface UpdateData {
  entryId: number;
  entryCode: string;
  entryName: string;
}

const REVIEWER_ROLES = ['authority_reviewer', 'authority_admin'] as const;
// Art. 15: the authority that reviews the entry (the matter's `authority` party) consents.
const REVIEWER: Taker[] = [{ roles: [...REVIEWER_ROLES], relation: 'authority' }];
const PROVIDER: Taker[] = [{ roles: ['data_officer'], relation: 'provider' }];

const dataOf = (d: Record<string, unknown>) => d as unknown as UpdateData;

async function closeUpdate(tx: Tx, matterId: number, submittedVersion: number | null): Promise<void> {
  await tx.db
    .updateTable('catalog_update')
    .set({ closed_at: tx.now, submitted_version: submittedVersion })
    .where('matter_id', '=', matterId)
    .execute();
}

/** The update is met by a version under review (submitEntry takes this transition itself). */
const complete: Effect = async (tx, m) => {
  const d = dataOf(m.data);
  const e = await tx.db
    .selectFrom('catalog_entry')
    .select('latest_version')
    .where('id', '=', d.entryId)
    .executeTakeFirstOrThrow();
  const v = await tx.db
    .selectFrom('catalog_entry_version')
    .select('status')
    .where('entry_id', '=', d.entryId)
    .where('version', '=', e.latest_version)
    .executeTakeFirstOrThrow();
  if (v.status !== 'submitted')
    throw conflict('catalog-update-not-submitted', '尚未提交更新后的目录', {
      detail: '请新建目录版本，按变化修改后提交审核；提交时本事项自动办结',
      article: 'Art. 15',
    });
  await closeUpdate(tx, m.id, e.latest_version);
};

/** Ends the update without one: only because the entry is being revoked (Art. 16). */
const cancel: Effect = async (tx, m) => {
  const d = dataOf(m.data);
  const e = await tx.db
    .selectFrom('catalog_entry')
    .select('status')
    .where('id', '=', d.entryId)
    .executeTakeFirstOrThrow();
  if (e.status !== 'revoking' && e.status !== 'revoked')
    throw conflict('catalog-update-not-cancellable', '目录未撤销，更新事项不能终止', {
      detail: '目录更新只有在目录批准撤销后才终止',
      article: 'Art. 16',
    });
  await closeUpdate(tx, m.id, null);
};

export const updateType = defineMatterType({
  type: UPDATE_TYPE,
  name: '目录更新',
  states: {
    // Art. 15: 3 WD from the day of the change.
    updating: {
      name: '待更新',
      tone: 'processing',
      deadline: { rule: 'catalog.update', party: 'provider', startsFrom: 'changedOn' },
    },
    // The provider's time keeps running while the authority decides.
    extensionRequested: { name: '延期待审批', tone: 'warning' },
    updated: { name: '已更新', tone: 'success', terminal: true },
    ended: { name: '因撤销终止', tone: 'default', terminal: true },
  },
  initial: 'updating',
  fields: {
    entryName: { label: '目录名称' },
    entryCode: { label: '资源代码' },
    changeKindName: { label: '变化原因' },
    description: { label: '变化情况' },
    changedOn: { label: '变化之日', format: 'date' },
    submittedVersion: { label: '更新后提交的版本' },
    entryId: { label: '目录编号', hidden: true },
    changeKind: { label: '变化类型', hidden: true },
  },
  transitions: {
    complete: {
      label: '提交更新后的目录',
      from: ['updating', 'extensionRequested'],
      to: 'updated',
      by: PROVIDER,
      tone: 'primary',
    },
    requestExtension: {
      label: '申请延长期限',
      from: ['updating'],
      to: 'extensionRequested',
      by: PROVIDER,
      requires: { legalBasis: { article: 'Art. 15' } },
      carriesDeadline: true,
    },
    approveExtension: {
      label: '同意延长5个工作日',
      from: ['extensionRequested'],
      to: 'updating',
      by: REVIEWER,
      carriesDeadline: true,
      extendsDeadline: { rule: 'catalog.update.extension' },
      tone: 'primary',
    },
    refuseExtension: {
      label: '不同意延长',
      from: ['extensionRequested'],
      to: 'updating',
      by: REVIEWER,
      requires: { reason: { article: 'Art. 15' } },
      carriesDeadline: true,
      tone: 'danger',
    },
    // Taken by the system when a revocation is approved; by the provider only once it is (the
    // effect checks), so the update's todo stays with the provider.
    end: {
      label: '因目录撤销终止',
      from: ['updating', 'extensionRequested'],
      to: 'ended',
      by: PROVIDER,
      closesDeadlineAs: 'cancelled',
    },
  },
  effects: { complete, end: cancel },
});

export interface ChangeInput {
  kind: ChangeKind;
  description: string;
  changedOn: string;
}

function checkChange(input: ChangeInput, today: string): void {
  const errors = [];
  if (!Object.hasOwn(CHANGE_KINDS, input.kind))
    errors.push({ field: 'kind', message: '须为 law（法律法规调整）或 duty（职责变化）' });
  const text = input.description?.trim() ?? '';
  if (!text) errors.push({ field: 'description', message: '请说明发生的变化' });
  else if (text.length > 2000) errors.push({ field: 'description', message: '不得超过2000个字符' });
  if (typeof input.changedOn !== 'string' || !isIsoDate(input.changedOn))
    errors.push({ field: 'changedOn', message: '须为日期（YYYY-MM-DD）' });
  else if (input.changedOn > today) errors.push({ field: 'changedOn', message: '变化之日不能晚于今天' });
  if (errors.length)
    throw ruleViolated('catalog-change-invalid', '目录变化登记不完整', 'Art. 15', {
      detail: '须登记变化原因、变化情况和变化之日（更新期限自变化之日起计算）',
      errors,
    });
}

/**
 * Art. 15: records a change of law or duty affecting a published entry and opens its 目录更新 matter
 * (3 WD from `changedOn`). By the provider's data officer, or by the authority that reviews the
 * entry. Returns the matter id.
 */
export async function recordChange(
  ctx: Ctx,
  actor: Actor,
  entryId: number,
  input: ChangeInput,
): Promise<number> {
  return inTransaction(ctx, actor, async (tx) => {
    const e = await lockEntry(tx, entryId);
    if (!e) throw notFound('目录');
    const reviewer = await reviewerOf(tx, e.provider_agency_id);
    const provider = actor.agencyId === e.provider_agency_id && actor.roles.includes('data_officer');
    const authority = actor.agencyId === reviewer && REVIEWER_ROLES.some((r) => actor.roles.includes(r));
    if (!provider && !authority) {
      if (e.current_version === null && !(await seesWorkingVersions(tx.db, actor, e.provider_agency_id)))
        throw notFound('目录');
      throw forbidden('只有数据提供部门或审核该目录的政务数据主管部门可以登记目录变化');
    }
    if (e.status === 'revoking' || e.status === 'revoked')
      throw conflict('catalog-entry-revoking', '目录已批准撤销，无需更新', { article: 'Art. 16' });
    if (e.current_version === null)
      throw conflict('catalog-entry-unpublished', '目录尚未发布', {
        detail: '未发布的目录直接修改后提交审核即可',
        article: 'Art. 15',
      });
    checkChange(input, beijingDateOf(tx.now));
    const v = await viewEntry(tx.db, entryId, 'current');
    const kindName = CHANGE_KINDS[input.kind];
    const m = await openMatter(tx, actor, {
      type: UPDATE_TYPE,
      title: `目录更新：${v.name}（${kindName}）`,
      subject: `catalog-entry:${entryId}`,
      parties: { provider: e.provider_agency_id, authority: reviewer },
      data: {
        entryId,
        entryCode: e.code,
        entryName: v.name,
        changeKind: input.kind,
        changeKindName: kindName,
        description: input.description.trim(),
        changedOn: input.changedOn,
      },
    });
    await tx.db
      .insertInto('catalog_update')
      .values({
        matter_id: m.id,
        entry_id: entryId,
        kind: input.kind,
        description: input.description.trim(),
        changed_on: input.changedOn,
        recorded_at: tx.now,
        recorded_by: actor.username,
        closed_at: null,
        submitted_version: null,
      })
      .execute();
    tx.record({
      action: 'catalog.entry.change-recorded',
      subject: `catalog-entry:${e.code}`,
      details: { entryId, matterId: m.id, kind: input.kind, changedOn: input.changedOn },
    });
    return m.id;
  });
}

const openUpdates = (tx: Tx, entryId: number) =>
  tx.db
    .selectFrom('catalog_update')
    .select('matter_id')
    .where('entry_id', '=', entryId)
    .where('closed_at', 'is', null)
    .orderBy('matter_id')
    .execute();

/**
 * Hook of submitEntry (Art. 12 submission), in its transaction: the submitted version completes
 * every open update of the entry (met on time or late, per the engine). An entry under revocation
 * takes no new version (Art. 16): the submission is refused and rolls back.
 */
export async function completeUpdates(tx: Tx, actor: Actor, entryId: number): Promise<void> {
  const revocation = await tx.db
    .selectFrom('catalog_revocation')
    .select('status')
    .where('entry_id', '=', entryId)
    .where('status', 'in', ['requested', 'revoking', 'revoked'])
    .executeTakeFirst();
  if (revocation)
    throw conflict('catalog-entry-under-revocation', '目录已申请撤销，不能提交新版本', {
      detail: revocation.status === 'requested' ? '撤销申请审核中' : '目录已批准撤销',
      article: 'Art. 16',
    });
  const e = await tx.db
    .selectFrom('catalog_entry')
    .select('latest_version')
    .where('id', '=', entryId)
    .executeTakeFirstOrThrow();
  for (const u of await openUpdates(tx, entryId))
    await applyTransition(tx, actor, u.matter_id, 'complete', {
      data: { submittedVersion: e.latest_version },
    });
}

/** Art. 16: an approved revocation ends the entry's open updates (the system acts). */
export async function endUpdates(tx: Tx, entryId: number): Promise<number[]> {
  const ended = [];
  for (const u of await openUpdates(tx, entryId)) {
    await applyTransition(tx, systemActor, u.matter_id, 'end', { reason: '目录已批准撤销（第十六条）' });
    ended.push(u.matter_id);
  }
  return ended;
}
