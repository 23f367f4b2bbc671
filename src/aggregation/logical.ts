// Art. 18 逻辑汇聚: physical aggregation comes first; data stays at its source, served by interface,
// only where a law or regulation forbids copying it to the platform, and only once the authority has
// confirmed it. The provider registers the interface with that legal basis (a dataset of mode
// 'logical', its source row and an 'aggregation.logical' matter, one transaction); the reviewing
// authority confirms or returns it. The proxy comes with sharing: it serves a source only when
// `logicalSourceOf(...).inService`.
import { seesWorkingVersions, viewEntry } from '../catalog/entries.ts';
import { reviewerOf } from '../catalog/review.ts';
import { type Actor, type Ctx, inTransaction, type Tx } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import { conflict, forbidden, notFound, ruleViolated, validationFailed } from '../kernel/errors.ts';
import {
  applyTransition,
  defineMatterType,
  type Effect,
  type MatterRecord,
  openMatter,
  type Taker,
} from '../matters/index.ts';
import { getDataset, insertDataset, readDataset } from './datasets.ts';
import {
  BASIS_MIN,
  checkLogicalFields,
  FIELD_KEYS,
  LIMITS,
  type LogicalFields,
  type LogicalSourceStatus,
} from './schema-logical.ts';

export const LOGICAL_TYPE = 'aggregation.logical';
export interface NewLogicalSource extends Partial<LogicalFields> {
  entryId: number;
  keyItems: string[];
}

export interface LogicalSource extends LogicalFields {
  datasetId: number;
  status: LogicalSourceStatus;
  /** Art. 18: a logical dataset is served only once the authority has confirmed it. */
  inService: boolean;
  matterId: number;
  revision: number;
  registeredAt: string;
  registeredBy: string;
  updatedAt: string;
  decidedAt: string | null;
  decidedByAgencyId: number | null;
  decisionComment: string | null;
}

type SourceRow = Awaited<ReturnType<typeof sourceRow>>;
const sourceRow = (db: Db | Trx, datasetId: number) =>
  db.selectFrom('agg_logical_source').selectAll().where('dataset_id', '=', datasetId).executeTakeFirst();

const fieldsOf = (r: NonNullable<SourceRow>): LogicalFields => ({
  endpointUrl: r.endpoint_url,
  method: r.method,
  description: r.description,
  legalBasis: r.legal_basis,
  reason: r.reason,
});

/** The dataset's logical source as stored, or null (no permission check: for sharing's proxy and the views). */
export async function logicalSourceOf(db: Db | Trx, datasetId: number): Promise<LogicalSource | null> {
  const r = await sourceRow(db, datasetId);
  if (!r) return null;
  return {
    datasetId: r.dataset_id,
    ...fieldsOf(r),
    status: r.status,
    inService: r.status === 'confirmed',
    matterId: r.matter_id,
    revision: r.revision,
    registeredAt: r.registered_at.toISOString(),
    registeredBy: r.registered_by,
    updatedAt: r.updated_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    decidedByAgencyId: r.decided_by_agency_id,
    decisionComment: r.decision_comment,
  };
}

// ——— the confirmation matter ———

const REVIEWER: Taker[] = [{ roles: ['authority_reviewer', 'authority_admin'], relation: 'authority' }];
const PROVIDER: Taker[] = [{ roles: ['data_officer'], relation: 'provider' }];
const datasetOf = (m: MatterRecord) => Number(m.data.datasetId);

const noData = (input: { data?: Record<string, unknown> }) => {
  const keys = Object.keys(input.data ?? {});
  if (keys.length)
    throw validationFailed(keys.map((k) => ({ field: `data.${k}`, message: '此操作不接受该字段' })));
};

/** Moves the source row from one status to the next, refusing when it is not where the matter says. */
async function setStatus(
  tx: Tx,
  m: MatterRecord,
  from: LogicalSourceStatus,
  values: Partial<Omit<NonNullable<SourceRow>, 'dataset_id'>> & { status: LogicalSourceStatus },
): Promise<NonNullable<SourceRow>> {
  const row = await tx.db
    .updateTable('agg_logical_source')
    .set(values)
    .where('dataset_id', '=', datasetOf(m))
    .where('matter_id', '=', m.id)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();
  if (!row)
    throw conflict('aggregation-logical-state-conflict', '逻辑汇聚登记状态与确认事项不一致', {
      detail: `登记不处于“${STATUS_NAMES[from]}”状态`,
    });
  return row;
}

export const STATUS_NAMES: Record<LogicalSourceStatus, string> = {
  confirming: '确认中',
  confirmed: '已确认',
  returned: '退回修改',
  withdrawn: '已撤回',
};

const decide =
  (to: 'confirmed' | 'returned'): Effect =>
  async (tx, m, input) => {
    noData(input);
    const current = await sourceRow(tx.db, datasetOf(m));
    const row = await setStatus(tx, m, 'confirming', {
      status: to,
      decided_at: tx.now,
      decided_by_agency_id: m.authorityAgencyId,
      decision_comment: input.reason?.trim() || null,
      // A resubmission must follow an edit made after this return.
      ...(to === 'returned' ? { returned_revision: current?.revision ?? null } : {}),
    });
    tx.record({
      action: `aggregation.logical.${to}`,
      subject: `dataset:${row.dataset_id}`,
      details: { matterId: m.id, revision: row.revision, comment: row.decision_comment },
    });
    return undefined;
  };

/** The provider's edit while returned: the matter's data (merged by the engine) becomes the source's. */
const amend: Effect = async (tx, m, input) => {
  const extra = Object.keys(input.data ?? {}).filter((k) => !(FIELD_KEYS as readonly string[]).includes(k));
  if (extra.length)
    throw validationFailed(extra.map((k) => ({ field: `data.${k}`, message: '此操作不接受该字段' })));
  const next = checkLogicalFields(m.data as Partial<LogicalFields>, 'data.');
  const before = await sourceRow(tx.db, datasetOf(m));
  const changed = before ? FIELD_KEYS.filter((k) => fieldsOf(before)[k] !== next[k]) : [];
  if (!changed.length)
    throw ruleViolated('aggregation-logical-unchanged', '登记信息未作修改', 'Art. 18', {
      detail: '请按退回意见修改接口地址、接口说明或法律法规依据',
    });
  const row = await setStatus(tx, m, 'returned', {
    status: 'returned',
    endpoint_url: next.endpointUrl,
    method: next.method,
    description: next.description,
    legal_basis: next.legalBasis,
    reason: next.reason,
    revision: (before?.revision ?? 0) + 1,
    updated_at: tx.now,
  });
  tx.record({
    action: 'aggregation.logical.update',
    subject: `dataset:${row.dataset_id}`,
    details: { matterId: m.id, revision: row.revision, changed, ...next },
  });
  return undefined;
};

const resubmit: Effect = async (tx, m, input) => {
  noData(input);
  const r = await sourceRow(tx.db, datasetOf(m));
  if (r && r.revision <= (r.returned_revision ?? 0))
    throw ruleViolated('aggregation-logical-unchanged', '退回后尚未修改登记信息', 'Art. 18', {
      detail: '请先按退回意见修改接口地址、接口说明或法律法规依据，再重新提交',
    });
  await setStatus(tx, m, 'returned', {
    status: 'confirming',
    decided_at: null,
    decided_by_agency_id: null,
    decision_comment: null,
  });
  return undefined;
};

const withdraw: Effect = async (tx, m, input) => {
  noData(input);
  const r = await sourceRow(tx.db, datasetOf(m));
  const row = await setStatus(tx, m, r?.status === 'returned' ? 'returned' : 'confirming', {
    status: 'withdrawn',
  });
  tx.record({
    action: 'aggregation.logical.withdrawn',
    subject: `dataset:${row.dataset_id}`,
    details: { matterId: m.id, revision: row.revision },
  });
  return undefined;
};

const BASIS_HELP = '第十八条：仅限法律法规不允许复制汇聚的数据；写明法律法规名称及条款';

// No state has a deadline: Art. 18 sets no time limit for the authority's confirmation (nor does the
// rulebook), so the matter waits on the todo lists, not on the board.
export const logicalType = defineMatterType({
  type: LOGICAL_TYPE,
  name: '逻辑汇聚确认',
  states: {
    confirming: { name: '确认中', tone: 'processing' },
    returned: { name: '退回修改', tone: 'warning' },
    confirmed: { name: '已确认', tone: 'success', terminal: true },
    withdrawn: { name: '已撤回', tone: 'default', terminal: true },
  },
  initial: 'confirming',
  fields: {
    entryName: { label: '目录名称' },
    entryCode: { label: '资源代码' },
    endpointUrl: { label: '接口地址' },
    method: { label: '请求方式' },
    description: { label: '接口说明' },
    legalBasis: { label: '不允许复制汇聚的法律法规依据' },
    reason: { label: '逻辑汇聚说明' },
    datasetId: { label: '数据集编号', hidden: true },
    entryId: { label: '目录编号', hidden: true },
  },
  transitions: {
    confirm: { label: '确认逻辑汇聚', from: ['confirming'], to: 'confirmed', by: REVIEWER, tone: 'primary' },
    return: {
      label: '退回修改',
      from: ['confirming'],
      to: 'returned',
      by: REVIEWER,
      requires: { reason: { article: 'Art. 18' } },
      reasonLabel: '退回意见',
      tone: 'danger',
    },
    amend: {
      label: '修改登记信息',
      from: ['returned'],
      to: 'returned',
      by: PROVIDER,
      inputs: [
        {
          key: 'endpointUrl',
          label: '接口地址',
          kind: 'text',
          max: LIMITS.endpointUrl,
          help: '仅限 http/https，不得含用户名、密码或令牌；不修改的项留空',
        },
        { key: 'description', label: '接口说明', kind: 'text', max: LIMITS.description },
        {
          key: 'legalBasis',
          label: '法律法规依据',
          kind: 'text',
          min: BASIS_MIN,
          max: LIMITS.legalBasis,
          help: BASIS_HELP,
        },
        { key: 'reason', label: '逻辑汇聚说明', kind: 'text', max: LIMITS.reason },
      ],
    },
    resubmit: {
      label: '修改后重新提交',
      from: ['returned'],
      to: 'confirming',
      by: PROVIDER,
      tone: 'primary',
    },
    withdraw: {
      label: '撤回登记',
      from: ['confirming', 'returned'],
      to: 'withdrawn',
      by: PROVIDER,
      tone: 'danger',
    },
  },
  effects: { confirm: decide('confirmed'), return: decide('returned'), amend, resubmit, withdraw },
});

// ——— the provider's actions ———

/**
 * Art. 18: the provider's data officer registers a logical source for its own published entry that
 * has no dataset yet: the dataset (mode 'logical'), the source and the confirmation matter opened to
 * the reviewing authority, in one transaction.
 */
export async function registerLogicalSource(
  ctx: Ctx,
  actor: Actor,
  input: NewLogicalSource,
): Promise<LogicalSource> {
  if (!actor.roles.includes('data_officer'))
    throw forbidden('只有提供部门的数据管理员可以登记逻辑汇聚（第十八条）');
  const datasetId = await inTransaction(ctx, actor, async (tx) => {
    // Ownership, publication and "no dataset yet" first: a stranger learns nothing from field errors.
    const id = await insertDataset(
      tx,
      actor,
      { entryId: input.entryId, keyItems: input.keyItems },
      'logical',
    );
    const fields = checkLogicalFields(input);
    const ds = (await readDataset(tx.db, id))!;
    const entry = await viewEntry(tx.db, ds.entryId, 'current');
    const m = await openMatter(tx, actor, {
      type: LOGICAL_TYPE,
      title: `逻辑汇聚确认：${ds.name}`,
      subject: `dataset:${id}`,
      parties: { provider: ds.providerAgencyId, authority: await reviewerOf(tx, ds.providerAgencyId) },
      data: { datasetId: id, entryId: entry.id, entryCode: entry.code, entryName: ds.name, ...fields },
    });
    await tx.db
      .insertInto('agg_logical_source')
      .values({
        dataset_id: id,
        endpoint_url: fields.endpointUrl,
        method: fields.method,
        description: fields.description,
        legal_basis: fields.legalBasis,
        reason: fields.reason,
        status: 'confirming',
        matter_id: m.id,
        registered_at: tx.now,
        registered_by: actor.username,
        updated_at: tx.now,
      })
      .execute();
    tx.record({
      action: 'aggregation.logical.register',
      subject: `dataset:${id}`,
      details: { matterId: m.id, entryId: entry.id, entryCode: entry.code, ...fields },
    });
    return id;
  });
  return (await logicalSourceOf(ctx.db, datasetId))!;
}

/** The source of a dataset the actor sees (the provider and its reviewing authority, as getDataset). */
export async function getLogicalSource(ctx: Ctx, actor: Actor, datasetId: number): Promise<LogicalSource> {
  await getDataset(ctx, actor, datasetId);
  const s = await logicalSourceOf(ctx.db, datasetId);
  if (!s) throw notFound('逻辑汇聚登记');
  return s;
}

/**
 * The provider edits a returned registration: taken as the matter's 'amend' transition, so the edit is
 * in the matter's timeline and its data; it is then resubmitted through the matter.
 */
export async function updateLogicalSource(
  ctx: Ctx,
  actor: Actor,
  datasetId: number,
  changes: Partial<LogicalFields>,
): Promise<LogicalSource> {
  const given = Object.fromEntries(
    FIELD_KEYS.filter((k) => changes[k] !== undefined).map((k) => [k, changes[k]]),
  );
  if (!Object.keys(given).length)
    throw validationFailed([{ field: 'body', message: '请至少修改一项登记信息' }]);
  await inTransaction(ctx, actor, async (tx) => {
    const ds = await readDataset(tx.db, datasetId);
    if (!ds || !(await seesWorkingVersions(tx.db, actor, ds.providerAgencyId))) throw notFound('数据集');
    const r = await sourceRow(tx.db, datasetId);
    if (!r) throw notFound('逻辑汇聚登记');
    if (ds.providerAgencyId !== actor.agencyId)
      throw forbidden('只有数据集的提供部门可以修改逻辑汇聚登记（第十八条）');
    const before = fieldsOf(r);
    // Checked here with the body's own field names; the matter's effect checks the same again.
    const next = checkLogicalFields({ ...before, ...given });
    // Only what changed goes into the matter's timeline (a form sends every field).
    const changed = FIELD_KEYS.filter((k) => next[k] !== before[k]).map((k) => [k, next[k]]);
    await applyTransition(tx, actor, r.matter_id, 'amend', { data: Object.fromEntries(changed) });
  });
  return (await logicalSourceOf(ctx.db, datasetId))!;
}
