// The webhook delivery job. One process at a time (database lease); each row is also claimed before
// it is sent, so even a lease lost mid-batch cannot send a delivery twice at the same moment.
import { performance } from 'node:perf_hooks';
import { type Actor, type Ctx, inTransaction, systemActor } from '../kernel/context.ts';
import { hmacSm3 } from '../kernel/crypto/index.ts';
import { runExclusive, tryAcquireLease } from '../kernel/jobs/lease.ts';
import { openWebhookSecret } from './webhook.ts';

/** Waits before each retry: after the 1st failed attempt 1 minute, … then the delivery has failed. */
export const WEBHOOK_RETRY_MINUTES = [1, 5, 30, 120, 360] as const;
export const WEBHOOK_TIMEOUT_MS = 10_000;
export const WEBHOOK_LEASE = 'messages.webhook-delivery';
const LEASE_TTL_MS = 60_000;
/** A claimed row is left alone this long (a crash mid-send makes it due again, at least once). */
const CLAIM_MS = WEBHOOK_TIMEOUT_MS + 50_000;
const BATCH = 50;
const ERROR_MAX = 500;

export const SIGNATURE_HEADER = 'X-Govdata-Signature';
export const TIMESTAMP_HEADER = 'X-Govdata-Timestamp';

/** `hmac-sm3=<hex>` over `timestamp + '.' + body`, keyed with the secret's UTF-8 bytes. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `hmac-sm3=${hmacSm3(secret, `${timestamp}.${body}`).toString('hex')}`;
}

export interface DeliveryRun {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

type Outcome = 'delivered' | 'retrying' | 'failed' | 'skipped';

/** Sends every due delivery; null when another process holds the lease. Time comes from ctx.clock. */
export async function deliverWebhooks(ctx: Ctx, holder: string): Promise<DeliveryRun | null> {
  return runExclusive(ctx, WEBHOOK_LEASE, holder, LEASE_TTL_MS, async () => {
    const run: DeliveryRun = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
    const due = await ctx.db
      .selectFrom('webhook_delivery')
      .select(['id', 'agency_id', 'message_id', 'payload', 'attempts', 'next_attempt_at'])
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', ctx.clock.now())
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const d of due) {
      // Slow endpoints may outlast one lease term: renew before each send, stop if it was lost.
      if (!(await tryAcquireLease(ctx, WEBHOOK_LEASE, holder, LEASE_TTL_MS))) break;
      const outcome = await attempt(ctx, d as DueDelivery);
      if (outcome === 'skipped') continue;
      run.attempted += 1;
      run[outcome] += 1;
    }
    return run;
  });
}

interface DueDelivery {
  id: number;
  agency_id: number;
  message_id: number | null;
  payload: string;
  attempts: number;
  next_attempt_at: Date;
}

async function attempt(ctx: Ctx, d: DueDelivery): Promise<Outcome> {
  const now = ctx.clock.now();
  const claimed = await ctx.db
    .updateTable('webhook_delivery')
    .set({ next_attempt_at: new Date(now.getTime() + CLAIM_MS) })
    .where('id', '=', d.id)
    .where('status', '=', 'pending')
    .where('attempts', '=', d.attempts)
    .where('next_attempt_at', '<=', now)
    .returning('id')
    .executeTakeFirst();
  if (!claimed) return 'skipped';
  const hook = await ctx.db
    .selectFrom('agency_webhook')
    .select(['url', 'enabled', 'secret_sealed'])
    .where('agency_id', '=', d.agency_id)
    .executeTakeFirst();
  const n = d.attempts + 1;
  if (!hook?.enabled) {
    // Switched off or removed since it was queued: nothing is sent, and the record says why.
    return finish(
      ctx,
      d,
      n,
      { url: hook?.url ?? '', statusCode: null, error: '本机构消息推送已停用', ms: 0 },
      true,
    );
  }
  let secret: string;
  try {
    secret = openWebhookSecret(ctx.config, d.agency_id, hook.secret_sealed);
  } catch {
    return finish(
      ctx,
      d,
      n,
      { url: hook.url, statusCode: null, error: '签名密钥无法解封（密钥文件已更换？）', ms: 0 },
      true,
    );
  }
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const started = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'govdata-webhook/1',
        'x-govdata-delivery': String(d.id),
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhook(secret, timestamp, d.payload),
      },
      body: d.payload,
      // A redirect is an answer we do not follow: the signed body goes only where it was configured.
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    statusCode = res.status;
    await res.body?.cancel().catch(() => {});
    if (res.status < 200 || res.status > 299)
      error = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
  } catch (e) {
    error = describeFetchError(e);
  }
  const ms = Math.round(performance.now() - started);
  return finish(ctx, d, n, { url: hook.url, statusCode, error, ms }, false);
}

function describeFetchError(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError')
    return `超时（${WEBHOOK_TIMEOUT_MS / 1000}秒无响应）`;
  const cause = err?.cause?.code ?? err?.cause?.message;
  return `连接失败：${cause ?? err?.message ?? String(e)}`.slice(0, ERROR_MAX);
}

async function finish(
  ctx: Ctx,
  d: DueDelivery,
  n: number,
  a: { url: string; statusCode: number | null; error: string | null; ms: number },
  final: boolean,
): Promise<Outcome> {
  // The job acts for the system, on behalf of the webhook's agency.
  const actor: Actor = { ...systemActor, agencyId: d.agency_id };
  return inTransaction(ctx, actor, async (tx) => {
    const error = a.error?.slice(0, ERROR_MAX) ?? null;
    await tx.db
      .insertInto('webhook_attempt')
      .values({
        delivery_id: d.id,
        attempt: n,
        at: tx.now,
        url: a.url,
        status_code: a.statusCode,
        error,
        duration_ms: a.ms,
      })
      .execute();
    const base = { attempts: n, last_status_code: a.statusCode, last_error: error, last_attempt_at: tx.now };
    const subject = `webhook-delivery:${d.id}`;
    const details = { agencyId: d.agency_id, messageId: d.message_id, attempts: n, statusCode: a.statusCode };
    if (!error) {
      await tx.db
        .updateTable('webhook_delivery')
        .set({ ...base, status: 'delivered', delivered_at: tx.now, next_attempt_at: null })
        .where('id', '=', d.id)
        .execute();
      tx.record({ action: 'message.webhook.delivered', subject, details });
      return 'delivered';
    }
    const wait = final ? undefined : WEBHOOK_RETRY_MINUTES[n - 1];
    if (wait === undefined) {
      await tx.db
        .updateTable('webhook_delivery')
        .set({ ...base, status: 'failed', failed_at: tx.now, next_attempt_at: null })
        .where('id', '=', d.id)
        .execute();
      tx.record({ action: 'message.webhook.failed', subject, details: { ...details, error } });
      return 'failed';
    }
    await tx.db
      .updateTable('webhook_delivery')
      .set({ ...base, next_attempt_at: new Date(tx.now.getTime() + wait * 60_000) })
      .where('id', '=', d.id)
      .execute();
    return 'retrying';
  });
}
