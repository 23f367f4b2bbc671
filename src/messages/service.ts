// The in-app message centre. Other modules write messages inside their own transaction (a transition
// and the todo it raises commit together); people read their inbox through the routes.
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { ROLES } from '../agencies/roles.ts';
import { type Ctx, inTransaction, type Tx } from '../kernel/context.ts';
import type { Database } from '../kernel/db/schema.ts';
import { type FieldError, notFound, validationFailed } from '../kernel/errors.ts';
import { MESSAGE_CATEGORIES, type MessageCategory } from './schema.ts';
import { queueMessageDelivery } from './webhook.ts';

/** One account (with its agency, so the agency's webhook is reached without an account lookup). */
export interface ToAccount {
  accountId: number;
  agencyId?: number | null;
}
/** Everyone in an agency, or only those holding one of `roles` there. */
export interface ToAgency {
  agencyId: number;
  roles?: string[];
}

export interface NewMessage {
  to: ToAccount | ToAgency;
  category: MessageCategory;
  title: string;
  body: string;
  /** A console path, e.g. /console/matters/12. */
  link?: string | null;
  matterId?: number | null;
  /** The todo's time limit (for its countdown badge). */
  dueAt?: Date | null;
}

export interface SentMessage {
  id: number;
  /** The webhook delivery queued with it, if the agency has an enabled webhook for the category. */
  deliveryId: number | null;
}

/** Who reads: taken from the session's principal, never looked up in the account tables. */
export interface Reader {
  accountId: number;
  agencyId: number | null;
  roles: readonly string[];
}

export const TITLE_MAX = 200;
export const BODY_MAX = 5000;
export const LINK_MAX = 500;

function validate(m: NewMessage): FieldError[] {
  const errors: FieldError[] = [];
  const to = m.to as Partial<ToAccount & ToAgency>;
  if ('accountId' in m.to) {
    if (!Number.isInteger(to.accountId)) errors.push({ field: 'to.accountId', message: '须为账号编号' });
    if ('roles' in m.to) errors.push({ field: 'to.roles', message: '发给个人的消息不能再限定角色' });
  } else if (!Number.isInteger(to.agencyId)) {
    errors.push({ field: 'to', message: '须指定收件账号或收件机构' });
  }
  if (to.agencyId != null && !Number.isInteger(to.agencyId))
    errors.push({ field: 'to.agencyId', message: '须为机构编号' });
  if (to.roles !== undefined) {
    if (!to.roles.length) errors.push({ field: 'to.roles', message: '限定角色时至少须有一个角色' });
    for (const r of to.roles)
      if (!(r in ROLES)) errors.push({ field: 'to.roles', message: `未知角色：${r}` });
  }
  if (!MESSAGE_CATEGORIES.includes(m.category))
    errors.push({ field: 'category', message: '类别须为 todo（待办）、notice（通知）或 warning（预警）' });
  if (!m.title?.trim()) errors.push({ field: 'title', message: '标题不能为空' });
  else if (m.title.length > TITLE_MAX) errors.push({ field: 'title', message: `不得超过${TITLE_MAX}个字符` });
  if (typeof m.body !== 'string') errors.push({ field: 'body', message: '正文须为文本' });
  else if (m.body.length > BODY_MAX) errors.push({ field: 'body', message: `不得超过${BODY_MAX}个字符` });
  // Only paths inside the console: a message must never carry a link off the platform.
  if (m.link != null && (!/^\/(?!\/)[^\s\\]*$/.test(m.link) || m.link.length > LINK_MAX))
    errors.push({ field: 'link', message: '须为控制台内的路径，如 /console/matters/12' });
  if (m.matterId != null && !Number.isSafeInteger(m.matterId))
    errors.push({ field: 'matterId', message: '须为事项编号' });
  if (m.dueAt != null && !(m.dueAt instanceof Date && !Number.isNaN(m.dueAt.getTime())))
    errors.push({ field: 'dueAt', message: '须为有效时间' });
  return errors;
}

/**
 * Writes a message in the caller's transaction, ledgers it (`message.send`) and, when the addressee
 * agency has an enabled webhook for the category, queues its delivery in the same transaction.
 */
export async function sendMessage(tx: Tx, m: NewMessage): Promise<SentMessage> {
  const errors = validate(m);
  if (errors.length) throw validationFailed(errors);
  const toAccount = 'accountId' in m.to ? m.to.accountId : null;
  const agencyId = m.to.agencyId ?? null;
  const roles = 'roles' in m.to && m.to.roles ? [...new Set(m.to.roles)].sort() : null;
  const row = await tx.db
    .insertInto('message')
    .values({
      category: m.category,
      title: m.title.trim(),
      body: m.body,
      link: m.link ?? null,
      matter_id: m.matterId ?? null,
      due_at: m.dueAt ?? null,
      to_account_id: toAccount,
      to_agency_id: agencyId,
      to_roles: roles,
      created_at: tx.now,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  const deliveryId =
    agencyId === null
      ? null
      : await queueMessageDelivery(tx, agencyId, {
          id: row.id,
          category: m.category,
          title: m.title.trim(),
          body: m.body,
          link: m.link ?? null,
          matterId: m.matterId ?? null,
          dueAt: m.dueAt ? m.dueAt.toISOString() : null,
          createdAt: row.created_at.toISOString(),
        });
  tx.record({
    action: 'message.send',
    subject: `message:${row.id}`,
    details: {
      category: m.category,
      to: toAccount !== null ? { accountId: toAccount, agencyId } : { agencyId, roles },
      title: m.title.trim(),
      ...(m.matterId != null ? { matterId: m.matterId } : {}),
      ...(m.dueAt ? { dueAt: m.dueAt.toISOString() } : {}),
      ...(deliveryId !== null ? { webhookDelivery: deliveryId } : {}),
    },
  });
  return { id: row.id, deliveryId };
}

/**
 * Marks the matter's live todos done for everyone, so the 待办 list shows only live ones. Call it
 * before sending the todos of the matter's next state (it would close those too). Returns how many.
 */
export async function resolveTodos(tx: Tx, q: { matterId: number }): Promise<number> {
  const res = await tx.db
    .updateTable('message')
    .set({ done_at: tx.now })
    .where('matter_id', '=', q.matterId)
    .where('category', '=', 'todo')
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

type MessageEb = ExpressionBuilder<Database & { m: Database['message'] }, 'm'>;

// Art. 6 names a department's people by role: an agency-wide message reaches those of its roles.
function addressedTo(eb: MessageEb, r: Reader): Expression<SqlBool> {
  const mine = eb('m.to_account_id', '=', r.accountId);
  if (r.agencyId === null) return mine;
  const roles = r.roles.length ? sql`array[${sql.join([...r.roles])}]::text[]` : sql`'{}'::text[]`;
  return eb.or([
    mine,
    eb.and([
      eb('m.to_account_id', 'is', null),
      eb('m.to_agency_id', '=', r.agencyId),
      eb.or([eb('m.to_roles', 'is', null), sql<SqlBool>`m.to_roles && ${roles}`]),
    ]),
  ]);
}

const notReadBy = (r: Reader) =>
  sql<SqlBool>`not exists (select 1 from message_receipt r where r.message_id = m.id and r.account_id = ${r.accountId})`;

export interface UnreadCount {
  /** Unread messages that still matter (a todo whose matter moved on no longer counts). */
  unread: number;
  /** Live todos, read or not. */
  todos: number;
}

/** The console's badge, polled often: one query over the two addressee indexes and the receipt key. */
export async function unreadCount(ctx: Ctx, r: Reader): Promise<UnreadCount> {
  const row = await ctx.db
    .selectFrom('message as m')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere(notReadBy(r)).as('unread'),
      eb.fn.countAll<number>().filterWhere('m.category', '=', 'todo').as('todos'),
    ])
    .where('m.done_at', 'is', null)
    .where((eb) => addressedTo(eb, r))
    .executeTakeFirstOrThrow();
  return { unread: Number(row.unread), todos: Number(row.todos) };
}

export interface InboxQuery {
  category?: MessageCategory;
  /** Only unread messages that still matter (as counted by the badge). */
  unread?: boolean;
  /** true: only finished todos; false: only live messages (the 待办 list); absent: both. */
  done?: boolean;
  page: number;
  pageSize: number;
}

export interface InboxItem {
  id: number;
  category: MessageCategory;
  title: string;
  body: string;
  link: string | null;
  matterId: number | null;
  dueAt: string | null;
  createdAt: string;
  read: boolean;
  done: boolean;
}

export interface InboxPage {
  items: InboxItem[];
  total: number;
  /** Unread within the same category and done filter. */
  unread: number;
}

export async function listInbox(ctx: Ctx, r: Reader, q: InboxQuery): Promise<InboxPage> {
  let base = ctx.db.selectFrom('message as m').where((eb) => addressedTo(eb, r));
  if (q.category) base = base.where('m.category', '=', q.category);
  if (q.done !== undefined) base = base.where('m.done_at', q.done ? 'is not' : 'is', null);
  const counts = await base
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) => w.and([w('m.done_at', 'is', null), notReadBy(r)]))
        .as('unread'),
    ])
    .executeTakeFirstOrThrow();
  let page = base;
  if (q.unread) page = page.where('m.done_at', 'is', null).where(notReadBy(r));
  const rows = await page
    .leftJoin('message_receipt as rc', (j) =>
      j.onRef('rc.message_id', '=', 'm.id').on('rc.account_id', '=', r.accountId),
    )
    .select([
      'm.id',
      'm.category',
      'm.title',
      'm.body',
      'm.link',
      'm.matter_id',
      'm.due_at',
      'm.created_at',
      'm.done_at',
      'rc.read_at',
    ])
    .orderBy('m.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const unread = Number(counts.unread);
  return {
    items: rows.map((m) => ({
      id: m.id,
      category: m.category,
      title: m.title,
      body: m.body,
      link: m.link,
      matterId: m.matter_id,
      dueAt: m.due_at ? m.due_at.toISOString() : null,
      createdAt: m.created_at.toISOString(),
      read: m.read_at !== null,
      done: m.done_at !== null,
    })),
    total: q.unread ? unread : Number(counts.total),
    unread,
  };
}

/** Marks one message read for this person; a message not addressed to them does not exist for them. */
export async function markRead(ctx: Ctx, r: Reader & { username: string }, messageId: number): Promise<void> {
  await inTransaction(ctx, readerActor(r), async (tx) => {
    const m = await tx.db
      .selectFrom('message as m')
      .select('m.id')
      .where('m.id', '=', messageId)
      .where((eb) => addressedTo(eb, r))
      .executeTakeFirst();
    if (!m) throw notFound('消息');
    await tx.db
      .insertInto('message_receipt')
      .values({ message_id: m.id, account_id: r.accountId, read_at: tx.now })
      .onConflict((oc) => oc.doNothing())
      .execute();
  });
}

/** Marks every message of this person (optionally of one category) read; returns how many. */
export async function markAllRead(
  ctx: Ctx,
  r: Reader & { username: string },
  category?: MessageCategory,
): Promise<number> {
  return inTransaction(ctx, readerActor(r), async (tx) => {
    let unread = tx.db
      .selectFrom('message as m')
      .select([
        'm.id',
        sql<number>`${r.accountId}::int`.as('account_id'),
        sql<Date>`${tx.now}::timestamptz`.as('read_at'),
      ])
      .where((eb) => addressedTo(eb, r))
      .where(notReadBy(r));
    if (category) unread = unread.where('m.category', '=', category);
    const res = await tx.db
      .insertInto('message_receipt')
      .columns(['message_id', 'account_id', 'read_at'])
      .expression(unread)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0);
  });
}

// Reading one's own inbox is not data access: no ledger event, so the actor only names the transaction.
const readerActor = (r: Reader & { username: string }) => ({
  accountId: r.accountId,
  username: r.username,
  agencyId: r.agencyId,
  agencyLevel: null,
  agencyKind: null,
  roles: [...r.roles],
});
