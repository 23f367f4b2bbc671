import { getAgency } from '../agencies/agencies.ts';
import { agencyRef, relationOf } from '../agencies/relations.ts';
import { type Actor, type Ctx, inTransaction, type Tx } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import { conflict, forbidden, notFound, validationFailed } from '../kernel/errors.ts';
import { listDataElements, liveTerms } from './dictionaries.ts';
import { type EntryInput, type NormalEntry, type Notice, normalizeEntry, type Standard } from './rules.ts';
import type { EntryStatus } from './schema.ts';

type Queryable = Db | Trx;

export interface EntryView {
  id: number;
  code: string;
  status: EntryStatus;
  version: number;
  versionStatus: string;
  providerAgency: { id: number; name: string; level: string; regionCode: string };
  classificationCode: string;
  name: string;
  summary: string;
  groupCode: string;
  formatCode: string;
  frequencyCode: string;
  shareType: string;
  shareConditions: { scope: string | null; purpose: string | null } | null;
  shareLegalBasis: string | null;
  openType: string;
  openConditions: string | null;
  openReason: string | null;
  piConsent: { basis: string } | null;
  grade: string;
  publishDate: string | null;
  relatedEntryIds: number[];
  items: {
    name: string;
    code: string;
    dataType: string;
    length: number | null;
    required: boolean;
    piKind: string | null;
    grade: string;
    dataElementId: number | null;
    boundAutomatically: boolean;
  }[];
  updatedAt: string;
  updatedBy: string;
  /** Art. 12: the latest review matter, for the provider and its reviewer (the console links to it). */
  reviewMatterId: number | null;
}

export async function loadStandard(db: Queryable): Promise<Standard> {
  const [classes, groups, formats, frequencies, grades, elements] = await Promise.all([
    liveTerms(db, 'classes'),
    liveTerms(db, 'groups'),
    liveTerms(db, 'formats'),
    liveTerms(db, 'frequencies'),
    liveTerms(db, 'grades'),
    listDataElements(db),
  ]);
  return { classes, groups, formats, frequencies, grades, elements };
}

/**
 * Resource code: `{分类码}-{提供部门机构代码(大写)}-{顺序码}`, e.g. `101001-HLJ.GAT-00001`: the
 * 分类码 (类1位+项2位+目3位, optionally 细目2位), the provider's agency code, then a 5-digit
 * sequence per 分类码 and provider that is never reused. Unique by constraint catalog_entry_code_unique.
 */
async function nextCode(tx: Tx, classificationCode: string, agencyCode: string): Promise<string> {
  const prefix = `${classificationCode}-${agencyCode.toUpperCase()}`;
  const row = await tx.db
    .insertInto('catalog_code_sequence')
    .values({ prefix, last: 1 })
    .onConflict((oc) =>
      oc.column('prefix').doUpdateSet((eb) => ({ last: eb('catalog_code_sequence.last', '+', 1) })),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${prefix}-${String(row.last).padStart(5, '0')}`;
}

/** Art. 12: the provider's working versions are seen by itself and the authority that reviews it. */
export async function seesWorkingVersions(db: Queryable, actor: Actor, providerId: number): Promise<boolean> {
  if (actor.agencyId === null) return false;
  if (actor.agencyId === providerId) return true;
  const rel = await relationOf(db, actor.agencyId, providerId);
  const provider = await agencyRef(db, providerId);
  return rel.sameLevelAuthority || (provider?.kind === 'authority' && rel.upperAuthority);
}

async function checkRelated(
  db: Queryable,
  actor: Actor,
  ids: number[],
  selfId: number | null,
): Promise<void> {
  const errors = [];
  for (const [i, id] of ids.entries()) {
    const e = await db
      .selectFrom('catalog_entry')
      .select(['id', 'provider_agency_id', 'current_version'])
      .where('id', '=', id)
      .executeTakeFirst();
    const visible =
      e && (e.current_version !== null || (await seesWorkingVersions(db, actor, e.provider_agency_id)));
    if (!visible || id === selfId)
      errors.push({ field: `relatedEntryIds.${i}`, message: `关联目录 ${id} 不存在或不可关联` });
  }
  if (errors.length) throw validationFailed(errors);
}

async function writeContent(tx: Tx, versionId: number, n: NormalEntry): Promise<void> {
  await tx.db.deleteFrom('catalog_data_item').where('version_id', '=', versionId).execute();
  await tx.db.deleteFrom('catalog_related_entry').where('version_id', '=', versionId).execute();
  await tx.db
    .insertInto('catalog_data_item')
    .values(
      n.items.map((it, i) => ({
        version_id: versionId,
        position: i + 1,
        name: it.name,
        code: it.code,
        data_type: it.dataType,
        length: it.length,
        required: it.required,
        pi_kind: it.piKind,
        grade_code: it.grade,
        data_element_id: it.dataElementId,
        auto_bound: it.autoBound,
      })),
    )
    .execute();
  if (n.relatedEntryIds.length)
    await tx.db
      .insertInto('catalog_related_entry')
      .values(n.relatedEntryIds.map((id) => ({ version_id: versionId, related_entry_id: id })))
      .execute();
}

const versionColumns = (n: NormalEntry) => ({
  name: n.name,
  summary: n.summary,
  group_code: n.groupCode,
  format_code: n.formatCode,
  frequency_code: n.frequencyCode,
  share_type: n.shareType,
  share_scope: n.shareScope,
  share_purpose: n.sharePurpose,
  share_legal_basis: n.shareLegalBasis,
  open_type: n.openType,
  open_conditions: n.openConditions,
  open_reason: n.openReason,
  pi_consent_basis: n.piConsentBasis,
  grade_code: n.grade,
});

function assertDataOfficer(actor: Actor): number {
  if (actor.agencyId === null || actor.agencyKind === 'coordination') throw forbidden('仅政务部门可编制目录');
  return actor.agencyId;
}

/** Art. 12, 13: a data officer compiles a draft entry for their own agency. */
export async function createEntry(
  ctx: Ctx,
  actor: Actor,
  input: EntryInput,
): Promise<{ entry: EntryView; notices: Notice[] }> {
  assertDataOfficer(actor);
  const r = await inTransaction(ctx, actor, (tx) => draftEntry(tx, actor, input));
  return { entry: await viewEntry(ctx.db, r.id, 'latest'), notices: r.notices };
}

/** Creates a draft inside the caller's transaction (one entry, or a whole import, all or nothing). */
export async function draftEntry(
  tx: Tx,
  actor: Actor,
  input: EntryInput,
  /** The standard read once in this transaction by a caller drafting many entries (import, demo). */
  std?: Standard,
): Promise<{ id: number; code: string; notices: Notice[] }> {
  const agencyId = assertDataOfficer(actor);
  const n = normalizeEntry(input, std ?? (await loadStandard(tx.db)));
  await checkRelated(tx.db, actor, n.relatedEntryIds, null);
  const agency = await getAgency(tx.db, agencyId, false);
  const code = await nextCode(tx, n.classificationCode, agency.code);
  const entry = await tx.db
    .insertInto('catalog_entry')
    .values({
      code,
      provider_agency_id: agencyId,
      provider_level: agency.level,
      provider_region_code: agency.regionCode,
      classification_code: n.classificationCode,
      status: 'draft',
      current_version: null,
      latest_version: 1,
      first_submitted_at: null,
      created_at: tx.now,
      created_by: actor.username,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const v = await tx.db
    .insertInto('catalog_entry_version')
    .values({
      entry_id: entry.id,
      version: 1,
      status: 'draft',
      ...versionColumns(n),
      publish_date: null,
      review_matter_id: null,
      created_at: tx.now,
      updated_at: tx.now,
      updated_by: actor.username,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeContent(tx, v.id, n);
  tx.record({
    action: 'catalog.entry.drafted',
    subject: `catalog-entry:${code}`,
    details: { entryId: entry.id, version: 1, name: n.name, grade: n.grade, notices: n.notices },
  });
  return { id: entry.id, code, notices: n.notices };
}

export async function ownEntry(db: Queryable, actor: Actor, id: number) {
  const e = await db.selectFrom('catalog_entry').selectAll().where('id', '=', id).executeTakeFirst();
  if (!e) throw notFound('目录');
  if (e.provider_agency_id !== actor.agencyId) {
    // Others learn nothing of an unpublished entry; a published one is someone else's to edit.
    if (e.current_version === null && !(await seesWorkingVersions(db, actor, e.provider_agency_id)))
      throw notFound('目录');
    throw forbidden('只能修改本部门编制的目录');
  }
  return e;
}

/** Changes the working version while it is a draft or returned (Art. 12: revised after comments). */
export async function updateEntry(
  ctx: Ctx,
  actor: Actor,
  id: number,
  input: EntryInput,
): Promise<{ entry: EntryView; notices: Notice[] }> {
  const notices = await inTransaction(ctx, actor, async (tx) => {
    const e = await ownEntry(tx.db, actor, id);
    const v = await tx.db
      .selectFrom('catalog_entry_version')
      .selectAll()
      .where('entry_id', '=', id)
      .where('version', '=', e.latest_version)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (v.status !== 'draft' && v.status !== 'returned')
      throw conflict('catalog-entry-not-editable', '目录当前状态不可修改', {
        detail: '只有草稿或被退回的目录可以修改',
      });
    const n = normalizeEntry(input, await loadStandard(tx.db));
    await checkRelated(tx.db, actor, n.relatedEntryIds, id);
    let code = e.code;
    if (n.classificationCode !== e.classification_code) {
      // The code carries the 分类码: it may change only before the entry was ever submitted.
      if (e.first_submitted_at !== null)
        throw validationFailed([{ field: 'classificationCode', message: '已提交审核的目录不能更改分类码' }]);
      const agency = await getAgency(tx.db, e.provider_agency_id, false);
      code = await nextCode(tx, n.classificationCode, agency.code);
      await tx.db
        .updateTable('catalog_entry')
        .set({ code, classification_code: n.classificationCode })
        .where('id', '=', id)
        .execute();
    }
    await tx.db
      .updateTable('catalog_entry_version')
      .set({ ...versionColumns(n), updated_at: tx.now, updated_by: actor.username })
      .where('id', '=', v.id)
      .execute();
    await writeContent(tx, v.id, n);
    tx.record({
      action: 'catalog.entry.edited',
      subject: `catalog-entry:${code}`,
      details: {
        entryId: id,
        version: v.version,
        previousCode: code === e.code ? undefined : e.code,
        notices: n.notices,
      },
    });
    return n.notices;
  });
  return { entry: await viewEntry(ctx.db, id, 'latest'), notices };
}

/** A draft never submitted may be thrown away by its own agency. */
export async function deleteEntry(ctx: Ctx, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx, actor, async (tx) => {
    const e = await ownEntry(tx.db, actor, id);
    if (e.status !== 'draft' || e.first_submitted_at !== null || e.current_version !== null)
      throw conflict('catalog-entry-not-deletable', '目录不可删除', {
        detail: '只有从未提交审核的草稿可以删除；已发布的目录须通过撤销程序（第十六条）',
        article: 'Art. 16',
      });
    await tx.db.deleteFrom('catalog_entry').where('id', '=', id).execute();
    tx.record({
      action: 'catalog.entry.deleted',
      subject: `catalog-entry:${e.code}`,
      details: { entryId: id },
    });
  });
}

/** The version the actor may read: the working one for the provider and its reviewer, else the published one. */
export async function getEntry(ctx: Ctx, actor: Actor, id: number): Promise<EntryView> {
  const e = await ctx.db
    .selectFrom('catalog_entry')
    .select(['provider_agency_id', 'current_version'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!e) throw notFound('目录');
  if (await seesWorkingVersions(ctx.db, actor, e.provider_agency_id)) return viewEntry(ctx.db, id, 'latest');
  if (e.current_version === null) throw notFound('目录');
  return viewEntry(ctx.db, id, 'current');
}

/** An entry as of one version: the latest (working), the current (published) or a numbered one. */
export async function viewEntry(
  db: Queryable,
  id: number,
  which: 'latest' | 'current' | number,
): Promise<EntryView> {
  const e = await db.selectFrom('catalog_entry').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const n =
    which === 'latest'
      ? e.latest_version
      : which === 'current'
        ? (e.current_version ?? e.latest_version)
        : which;
  const v = await db
    .selectFrom('catalog_entry_version')
    .selectAll()
    .where('entry_id', '=', id)
    .where('version', '=', n)
    .executeTakeFirstOrThrow();
  const [items, related, provider] = await Promise.all([
    db
      .selectFrom('catalog_data_item')
      .selectAll()
      .where('version_id', '=', v.id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('catalog_related_entry')
      .select('related_entry_id')
      .where('version_id', '=', v.id)
      .orderBy('related_entry_id')
      .execute(),
    agencyRef(db, e.provider_agency_id),
  ]);
  return {
    id: e.id,
    code: e.code,
    status: e.status,
    version: v.version,
    versionStatus: v.status,
    providerAgency: {
      id: e.provider_agency_id,
      name: provider?.name ?? '',
      level: e.provider_level,
      regionCode: e.provider_region_code,
    },
    classificationCode: e.classification_code,
    name: v.name,
    summary: v.summary,
    groupCode: v.group_code,
    formatCode: v.format_code,
    frequencyCode: v.frequency_code,
    shareType: v.share_type,
    shareConditions:
      v.share_type === '有条件共享' ? { scope: v.share_scope, purpose: v.share_purpose } : null,
    shareLegalBasis: v.share_legal_basis,
    openType: v.open_type,
    openConditions: v.open_conditions,
    openReason: v.open_reason,
    piConsent: v.pi_consent_basis ? { basis: v.pi_consent_basis } : null,
    grade: v.grade_code,
    publishDate: v.publish_date,
    relatedEntryIds: related.map((r) => r.related_entry_id),
    items: items.map((i) => ({
      name: i.name,
      code: i.code,
      dataType: i.data_type,
      length: i.length,
      required: i.required,
      piKind: i.pi_kind,
      grade: i.grade_code,
      dataElementId: i.data_element_id,
      boundAutomatically: i.auto_bound,
    })),
    updatedAt: v.updated_at.toISOString(),
    updatedBy: v.updated_by,
    reviewMatterId: which === 'current' ? null : v.review_matter_id,
  };
}

/** An entry's id from its resource code (the CLI names entries by code); null when there is none. */
export async function entryIdByCode(db: Queryable, code: string): Promise<number | null> {
  const r = await db.selectFrom('catalog_entry').select('id').where('code', '=', code).executeTakeFirst();
  return r?.id ?? null;
}
