// Art. 12 目录审核: a department submits its entry to the same-level data authority (an authority's
// own entries go one level up); the authority publishes it or returns it with comments, which gives
// the department 5 WD to revise (rule catalog.revise). The review is a matter of the engine; its
// effects write only catalog tables.
import { agencyRef, sameLevelAuthorityOf, upperAuthorityOf } from '../agencies/relations.ts';
import { beijingDateOf } from '../kernel/calendar/index.ts';
import { type Actor, type Ctx, inTransaction, type Tx } from '../kernel/context.ts';
import { conflict, DomainError, validationFailed } from '../kernel/errors.ts';
import { applyTransition, defineMatterType, type Effect, openMatter, type Taker } from '../matters/index.ts';
import { type EntryView, loadStandard, ownEntry, viewEntry } from './entries.ts';
import { checkDoubleCollection } from './overlap.ts';
import { type EntryInput, normalizeEntry } from './rules.ts';
import { completeUpdates } from './update.ts';

export const REVIEW_TYPE = 'catalog.review';

interface ReviewData {
  entryId: number;
  entryCode: string;
  entryName: string;
  version: number;
}

// Art. 12: the reviewing authority (the matter's `authority` party) decides.
const REVIEWER: Taker[] = [{ roles: ['authority_reviewer', 'authority_admin'], relation: 'authority' }];
const PROVIDER: Taker[] = [{ roles: ['data_officer'], relation: 'provider' }];

const dataOf = (d: Record<string, unknown>) => d as unknown as ReviewData;

/** Reads the stored version back as input: submission runs the same rules as saving (Art. 13, 14, 21, 33). */
function asInput(v: EntryView): EntryInput {
  return {
    name: v.name,
    summary: v.summary,
    classificationCode: v.classificationCode,
    groupCode: v.groupCode,
    formatCode: v.formatCode,
    frequencyCode: v.frequencyCode,
    shareType: v.shareType,
    shareConditions: v.shareConditions,
    shareLegalBasis: v.shareLegalBasis,
    openType: v.openType,
    openConditions: v.openConditions,
    openReason: v.openReason,
    piConsent: v.piConsent,
    relatedEntryIds: v.relatedEntryIds,
    items: v.items.map((i) => ({
      name: i.name,
      code: i.code,
      dataType: i.dataType,
      length: i.length,
      required: i.required,
      piKind: i.piKind,
      grade: i.grade,
      dataElementId: i.dataElementId,
    })),
  };
}

async function setVersionStatus(
  tx: Tx,
  d: ReviewData,
  from: 'draft' | 'returned' | 'submitted',
  to: 'submitted' | 'returned' | 'published',
): Promise<void> {
  const r = await tx.db
    .updateTable('catalog_entry_version')
    .set({ status: to, ...(to === 'published' ? { publish_date: beijingDateOf(tx.now) } : {}) })
    .where('entry_id', '=', d.entryId)
    .where('version', '=', d.version)
    .where('status', '=', from)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1)
    throw conflict('catalog-version-state-conflict', '目录版本状态与审核事项不一致', {
      detail: `第${d.version}版不处于“${from}”状态`,
    });
}

/** The entry's own status follows its first publication; a published entry stays published meanwhile. */
async function setEntryStatus(tx: Tx, entryId: number, status: 'submitted' | 'returned'): Promise<void> {
  await tx.db
    .updateTable('catalog_entry')
    .set({ status })
    .where('id', '=', entryId)
    .where('current_version', 'is', null)
    .execute();
}

const noData: Effect = async (_tx, _m, input) => {
  const keys = Object.keys(input.data ?? {});
  if (keys.length)
    throw validationFailed(keys.map((k) => ({ field: `data.${k}`, message: '此操作不接受该字段' })));
};

/** Validates the returned version after its revision and sends it back to review. */
const resubmit: Effect = async (tx, m, input) => {
  const d = dataOf(m.data);
  const extra = Object.keys(input.data ?? {}).filter(
    (k) => k !== 'entryName' && k !== 'overlapJustification',
  );
  if (extra.length)
    throw validationFailed(extra.map((k) => ({ field: `data.${k}`, message: '此操作不接受该字段' })));
  const v = await viewEntry(tx.db, d.entryId, d.version);
  normalizeEntry(asInput(v), await loadStandard(tx.db));
  if (v.name !== d.entryName)
    throw validationFailed([
      { field: 'data.entryName', message: '须为目录修改后的名称（请通过提交目录办理）' },
    ]);
  // Art. 17: a resubmission is checked again against what others have published meanwhile.
  const entry = { id: d.entryId, code: d.entryCode, version: d.version };
  await checkDoubleCollection(tx, entry, input.data?.overlapJustification);
  await setVersionStatus(tx, d, 'returned', 'submitted');
  await setEntryStatus(tx, d.entryId, 'submitted');
};

const publish: Effect = async (tx, m, input) => {
  await noData(tx, m, input);
  const d = dataOf(m.data);
  // Art. 12: the new version replaces the published one, which stays readable as superseded.
  await tx.db
    .updateTable('catalog_entry_version')
    .set({ status: 'superseded' })
    .where('entry_id', '=', d.entryId)
    .where('status', '=', 'published')
    .execute();
  await setVersionStatus(tx, d, 'submitted', 'published');
  await tx.db
    .updateTable('catalog_entry')
    .set({ status: 'published', current_version: d.version })
    .where('id', '=', d.entryId)
    .execute();
  tx.record({
    action: 'catalog.entry.published',
    subject: `catalog-entry:${d.entryCode}`,
    details: { entryId: d.entryId, version: d.version, matterId: m.id, publishDate: beijingDateOf(tx.now) },
  });
};

const returnEntry: Effect = async (tx, m, input) => {
  await noData(tx, m, input);
  const d = dataOf(m.data);
  await setVersionStatus(tx, d, 'submitted', 'returned');
  await setEntryStatus(tx, d.entryId, 'returned');
};

export const reviewType = defineMatterType({
  type: REVIEW_TYPE,
  name: '目录审核',
  states: {
    reviewing: { name: '审核中', tone: 'processing' },
    // Art. 12: revise within 5 WD of the return.
    returned: { name: '退回修改', tone: 'warning', deadline: { rule: 'catalog.revise', party: 'provider' } },
    published: { name: '已发布', tone: 'success', terminal: true },
  },
  initial: 'reviewing',
  fields: {
    entryName: { label: '目录名称' },
    entryCode: { label: '资源代码' },
    version: { label: '版本' },
    overlapJustification: { label: '重复采集说明' },
    entryId: { label: '目录编号', hidden: true },
  },
  transitions: {
    publish: { label: '审核通过并发布', from: ['reviewing'], to: 'published', by: REVIEWER, tone: 'primary' },
    return: {
      label: '退回修改',
      from: ['reviewing'],
      to: 'returned',
      by: REVIEWER,
      requires: { reason: { article: 'Art. 12' } },
      reasonLabel: '审核意见',
      tone: 'danger',
    },
    resubmit: { label: '修改后重新提交', from: ['returned'], to: 'reviewing', by: PROVIDER, tone: 'primary' },
  },
  effects: { publish, return: returnEntry, resubmit },
});

/** Art. 12: the authority that reviews the agency's catalog. */
export async function reviewerOf(tx: Tx, providerId: number): Promise<number> {
  const p = await agencyRef(tx.db, providerId);
  const a =
    p?.kind === 'authority'
      ? await upperAuthorityOf(tx.db, providerId)
      : await sameLevelAuthorityOf(tx.db, providerId);
  if (!a)
    throw new DomainError(409, 'catalog-no-reviewer', '没有负责审核的政务数据主管部门', {
      article: 'Art. 12',
      detail: `${p?.name ?? providerId}没有同级或上一级政务数据主管部门`,
    });
  return a.id;
}

/**
 * Submits the entry's working version for review (Art. 12): a draft opens a review matter; a version
 * returned and revised goes back to its matter by `resubmit`. One transaction either way.
 */
export async function submitEntry(
  ctx: Ctx,
  actor: Actor,
  id: number,
  opts: { justification?: string } = {},
): Promise<EntryView> {
  await inTransaction(ctx, actor, async (tx) => {
    // Lock first: two submissions of one entry must not both open a review.
    await tx.db.selectFrom('catalog_entry').select('id').where('id', '=', id).forUpdate().execute();
    const e = await ownEntry(tx.db, actor, id);
    const v = await viewEntry(tx.db, id, 'latest');
    const data: ReviewData = { entryId: id, entryCode: e.code, entryName: v.name, version: v.version };
    if (v.versionStatus === 'returned') {
      if (v.reviewMatterId === null) throw conflict('catalog-review-missing', '找不到退回该版本的审核事项');
      const justified = opts.justification ? { overlapJustification: opts.justification } : {};
      await applyTransition(tx, actor, v.reviewMatterId, 'resubmit', {
        data: { entryName: v.name, ...justified },
      });
      await completeUpdates(tx, actor, id); // Art. 15: the submission completes the entry's updates
      return;
    }
    if (v.versionStatus !== 'draft')
      throw conflict('catalog-entry-not-submittable', '目录当前状态不可提交', {
        detail: '只有草稿或被退回修改的版本可以提交审核',
        article: 'Art. 12',
      });
    normalizeEntry(asInput(v), await loadStandard(tx.db));
    // Art. 17: data another agency has published is not collected again without a justification.
    const overlap = await checkDoubleCollection(
      tx,
      { id, code: e.code, version: v.version },
      opts.justification,
    );
    await setVersionStatus(tx, data, 'draft', 'submitted');
    await setEntryStatus(tx, id, 'submitted');
    if (e.first_submitted_at === null)
      await tx.db
        .updateTable('catalog_entry')
        .set({ first_submitted_at: tx.now })
        .where('id', '=', id)
        .execute();
    const m = await openMatter(tx, actor, {
      type: REVIEW_TYPE,
      title: `目录审核：${v.name}（第${v.version}版）`,
      subject: `catalog-entry:${id}`,
      parties: { provider: e.provider_agency_id, authority: await reviewerOf(tx, e.provider_agency_id) },
      data: { ...data, ...overlap },
    });
    await tx.db
      .updateTable('catalog_entry_version')
      .set({ review_matter_id: m.id })
      .where('entry_id', '=', id)
      .where('version', '=', v.version)
      .execute();
    await completeUpdates(tx, actor, id); // Art. 15: the submission completes the entry's updates
  });
  return viewEntry(ctx.db, id, 'latest');
}
