// An agency's outgoing webhook (SMS or government messaging gateways). The signing secret is shown
// once and kept SM4-GCM sealed under a key file outside the database: a stolen dump cannot sign.
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import { type Actor, type Ctx, inTransaction, type Tx } from '../kernel/context.ts';
import { hmacSm3, openSm4Gcm, sealSm4Gcm } from '../kernel/crypto/index.ts';
import { conflict, type FieldError, forbidden, notFound, validationFailed } from '../kernel/errors.ts';
import { secretKey } from '../kernel/keys.ts';
import { type DeliveryStatus, MESSAGE_CATEGORIES, type MessageCategory } from './schema.ts';

export const URL_MAX = 2000;

export interface WebhookInput {
  url: string;
  enabled: boolean;
  /** Only these categories are pushed; absent or null: all. */
  categories?: MessageCategory[] | null;
}

export interface WebhookView {
  agencyId: number;
  url: string;
  enabled: boolean;
  categories: MessageCategory[] | null;
  secretRotatedAt: string;
  updatedAt: string;
  updatedBy: string;
}

/** The JSON pushed to the gateway (`id` is null on a test delivery). */
export interface WebhookPayload {
  id: number | null;
  category: MessageCategory;
  title: string;
  body: string;
  link: string | null;
  agencyId: number;
  createdAt: string;
  matterId?: number | null;
  dueAt?: string | null;
  test?: boolean;
}

/** Only the agency's own managers, or a system administrator for any agency. */
export function assertMayManageWebhook(actor: Actor, agencyId: number): void {
  if (actor.roles.includes('sys_admin')) return;
  if (actor.agencyId !== agencyId) throw forbidden('只能管理本机构的消息推送配置');
}

// The key file may hold any length of secret: SM4 takes 16 bytes derived from it.
function sealingKey(config: Config): Buffer {
  return hmacSm3(secretKey(config, 'webhook'), 'govdata webhook secret sealing').subarray(0, 16);
}
const aadOf = (agencyId: number) => `agency_webhook:${agencyId}`;

export function sealWebhookSecret(config: Config, agencyId: number, secret: string): Buffer {
  return sealSm4Gcm(sealingKey(config), secret, aadOf(agencyId));
}
export function openWebhookSecret(config: Config, agencyId: number, sealed: Buffer): string {
  return openSm4Gcm(sealingKey(config), sealed, aadOf(agencyId)).toString('utf8');
}

const newSecret = () => `whsec_${randomBytes(32).toString('hex')}`;

function validateInput(w: WebhookInput): FieldError[] {
  const errors: FieldError[] = [];
  let u: URL | null = null;
  try {
    u = new URL(w.url);
  } catch {
    errors.push({ field: 'url', message: '须为完整的 http 或 https 地址' });
  }
  if (u && u.protocol !== 'http:' && u.protocol !== 'https:')
    errors.push({ field: 'url', message: '只支持 http 或 https 地址' });
  // The URL is shown to every manager and in logs; the signature is what authenticates the platform.
  if (u && (u.username || u.password))
    errors.push({ field: 'url', message: '地址中不得包含用户名或密码（以签名密钥验证来源）' });
  if (w.url.length > URL_MAX) errors.push({ field: 'url', message: `不得超过${URL_MAX}个字符` });
  if (w.categories) {
    if (!w.categories.length)
      errors.push({ field: 'categories', message: '至少选择一个类别，或不填表示全部' });
    for (const c of w.categories)
      if (!MESSAGE_CATEGORIES.includes(c)) errors.push({ field: 'categories', message: `未知类别：${c}` });
  }
  return errors;
}

type WebhookRow = {
  agency_id: number;
  url: string;
  enabled: boolean;
  categories: string[] | null;
  secret_rotated_at: Date;
  updated_at: Date;
  updated_by: string;
};
const viewOf = (r: WebhookRow): WebhookView => ({
  agencyId: r.agency_id,
  url: r.url,
  enabled: r.enabled,
  categories: r.categories as MessageCategory[] | null,
  secretRotatedAt: r.secret_rotated_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  updatedBy: r.updated_by,
});
const VIEW_COLUMNS = [
  'agency_id',
  'url',
  'enabled',
  'categories',
  'secret_rotated_at',
  'updated_at',
  'updated_by',
] as const;

export async function getWebhook(ctx: Ctx, actor: Actor, agencyId: number): Promise<WebhookView> {
  assertMayManageWebhook(actor, agencyId);
  const r = await ctx.db
    .selectFrom('agency_webhook')
    .select(VIEW_COLUMNS)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  if (!r) throw notFound('本机构的消息推送配置');
  return viewOf(r);
}

/**
 * Creates or replaces the agency's webhook. On creation a signing secret is made and returned this
 * once (`secret`); a replacement keeps the secret.
 */
export async function putWebhook(
  ctx: Ctx,
  actor: Actor,
  agencyId: number,
  input: WebhookInput,
): Promise<{ webhook: WebhookView; created: boolean; secret?: string }> {
  assertMayManageWebhook(actor, agencyId);
  const errors = validateInput(input);
  if (errors.length) throw validationFailed(errors);
  const categories = input.categories
    ? MESSAGE_CATEGORIES.filter((c) => input.categories!.includes(c))
    : null;
  return inTransaction(ctx, actor, async (tx) => {
    const old = await tx.db
      .selectFrom('agency_webhook')
      .select('agency_id')
      .where('agency_id', '=', agencyId)
      .forUpdate()
      .executeTakeFirst();
    const secret = old ? undefined : newSecret();
    const fields = {
      url: input.url,
      enabled: input.enabled,
      categories,
      updated_at: tx.now,
      updated_by: actor.username,
    };
    const row = old
      ? await tx.db
          .updateTable('agency_webhook')
          .set(fields)
          .where('agency_id', '=', agencyId)
          .returning(VIEW_COLUMNS)
          .executeTakeFirstOrThrow()
      : await tx.db
          .insertInto('agency_webhook')
          .values({
            ...fields,
            agency_id: agencyId,
            secret_sealed: sealWebhookSecret(ctx.config, agencyId, secret!),
            secret_rotated_at: tx.now,
          })
          .onConflict((oc) => oc.column('agency_id').doNothing())
          .returning(VIEW_COLUMNS)
          .executeTakeFirst();
    // Two first-time settings at once: the other one won, and its secret is the one shown.
    if (!row) throw conflict('webhook-concurrent-change', '推送配置正被同时修改', { detail: '请刷新后重试' });
    tx.record({
      action: 'message.webhook.configure',
      subject: `agency-webhook:${agencyId}`,
      details: { url: input.url, enabled: input.enabled, categories, created: !old },
    });
    return { webhook: viewOf(row), created: !old, ...(secret ? { secret } : {}) };
  });
}

/** Replaces the signing secret and returns the new one; it is never shown again. */
export async function rotateWebhookSecret(
  ctx: Ctx,
  actor: Actor,
  agencyId: number,
): Promise<{ secret: string; rotatedAt: string }> {
  assertMayManageWebhook(actor, agencyId);
  return inTransaction(ctx, actor, async (tx) => {
    const secret = newSecret();
    const r = await tx.db
      .updateTable('agency_webhook')
      .set({ secret_sealed: sealWebhookSecret(ctx.config, agencyId, secret), secret_rotated_at: tx.now })
      .where('agency_id', '=', agencyId)
      .returning('secret_rotated_at')
      .executeTakeFirst();
    if (!r) throw notFound('本机构的消息推送配置');
    tx.record({ action: 'message.webhook.secret.rotate', subject: `agency-webhook:${agencyId}` });
    return { secret, rotatedAt: r.secret_rotated_at.toISOString() };
  });
}

async function insertDelivery(tx: Tx, agencyId: number, messageId: number | null, payload: WebhookPayload) {
  const d = await tx.db
    .insertInto('webhook_delivery')
    .values({
      agency_id: agencyId,
      message_id: messageId,
      payload: JSON.stringify(payload),
      status: 'pending',
      attempts: 0,
      next_attempt_at: tx.now,
      created_at: tx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return d.id;
}

/** Queues a test push to the agency's webhook (the delivery job sends it). */
export async function queueTestDelivery(
  ctx: Ctx,
  actor: Actor,
  agencyId: number,
): Promise<{ deliveryId: number }> {
  assertMayManageWebhook(actor, agencyId);
  return inTransaction(ctx, actor, async (tx) => {
    const w = await tx.db
      .selectFrom('agency_webhook')
      .select('enabled')
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    if (!w) throw notFound('本机构的消息推送配置');
    if (!w.enabled) throw conflict('webhook-disabled', '消息推送未启用', { detail: '请先启用后再测试' });
    const deliveryId = await insertDelivery(tx, agencyId, null, {
      id: null,
      category: 'notice',
      title: '消息推送测试',
      body: `这是一条测试消息，由 ${actor.username} 发起。`,
      link: null,
      agencyId,
      createdAt: tx.now.toISOString(),
      test: true,
    });
    tx.record({
      action: 'message.webhook.test',
      subject: `agency-webhook:${agencyId}`,
      details: { deliveryId },
    });
    return { deliveryId };
  });
}

/** Called by sendMessage: queues the push if the agency has an enabled webhook for the category. */
export async function queueMessageDelivery(
  tx: Tx,
  agencyId: number,
  m: Omit<WebhookPayload, 'agencyId' | 'id'> & { id: number },
): Promise<number | null> {
  const w = await tx.db
    .selectFrom('agency_webhook')
    .select('categories')
    .where('agency_id', '=', agencyId)
    .where('enabled', '=', true)
    .executeTakeFirst();
  if (!w || (w.categories && !w.categories.includes(m.category))) return null;
  const { id, category, title, body, link, createdAt, ...rest } = m;
  return insertDelivery(tx, agencyId, id, { id, category, title, body, link, agencyId, createdAt, ...rest });
}

export interface DeliveryView {
  id: number;
  messageId: number | null;
  test: boolean;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  createdAt: string;
  history: {
    attempt: number;
    at: string;
    url: string;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
  }[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The agency's recent deliveries, newest first, each with its attempts. */
export async function listDeliveries(
  ctx: Ctx,
  actor: Actor,
  agencyId: number,
  q: { status?: DeliveryStatus; page: number; pageSize: number },
): Promise<{ items: DeliveryView[]; total: number }> {
  assertMayManageWebhook(actor, agencyId);
  let base = ctx.db.selectFrom('webhook_delivery').where('agency_id', '=', agencyId);
  if (q.status) base = base.where('status', '=', q.status);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const attempts = rows.length
    ? await ctx.db
        .selectFrom('webhook_attempt')
        .selectAll()
        .where(
          'delivery_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('delivery_id')
        .orderBy('attempt')
        .execute()
    : [];
  return {
    total: Number(total),
    items: rows.map((r) => ({
      id: r.id,
      messageId: r.message_id,
      test: r.message_id === null,
      status: r.status,
      attempts: r.attempts,
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      lastAttemptAt: iso(r.last_attempt_at),
      nextAttemptAt: iso(r.next_attempt_at),
      deliveredAt: iso(r.delivered_at),
      failedAt: iso(r.failed_at),
      createdAt: r.created_at.toISOString(),
      history: attempts
        .filter((a) => a.delivery_id === r.id)
        .map((a) => ({
          attempt: a.attempt,
          at: a.at.toISOString(),
          url: a.url,
          statusCode: a.status_code,
          error: a.error,
          durationMs: a.duration_ms,
        })),
    })),
  };
}
