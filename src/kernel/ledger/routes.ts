import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-plugin.ts';
import { type Ctx, inTransaction } from '../context.ts';
import { conflict } from '../errors.ts';
import { runExclusive } from '../jobs/lease.ts';
import { chainHead, latestCheckpoint } from './checkpoint.ts';
import { verifyLedger } from './verify.ts';

const tags = ['留痕'];

const EventSchema = z.object({
  seq: z.number().int(),
  time: z.string().meta({ description: '事件所属事务的时间（ISO 8601）' }),
  actor: z.string().meta({ description: '操作人用户名，系统任务为 system' }),
  actorName: z.string().nullable(),
  agency: z.string().nullable().meta({ description: '代表的机构编号' }),
  agencyName: z.string().nullable(),
  action: z.string().meta({ example: 'auth.login' }),
  subject: z.string().meta({ example: 'account:12' }),
  details: z.record(z.string(), z.unknown()),
  hash: z.string().meta({ description: 'SM3(规范化事件 + 前一事件哈希)' }),
});

const VerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int().meta({ description: '已重算哈希并核对链接的事件数' }),
  headSeq: z.number().int(),
  checkpoints: z.number().int().meta({ description: '已核验的检查点（库内）' }),
  outsideCopies: z.number().int().meta({ description: '已核验的库外检查点副本' }),
  lastCheckpointSeq: z.number().int().nullable(),
  firstBadSeq: z.number().int().optional(),
  reason: z.string().optional(),
});

// Verifying a long chain takes a while: one run at a time across all server processes.
const VERIFY_LEASE = 'ledger.verify';
const VERIFY_LEASE_MS = 30 * 60_000;

export function ledgerRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/ledger/events',
      {
        config: { permission: 'ledger.read' },
        schema: {
          tags,
          summary: '查询留痕记录',
          description: '按序号倒序分页；action 可写完整动作，或以 .* 结尾按前缀匹配（如 auth.*）。',
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(200).default(50),
            beforeSeq: z.coerce.number().int().min(1).optional(),
            action: z.string().min(1).max(100).optional(),
            subject: z.string().min(1).max(200).optional(),
          }),
          response: {
            200: z.object({ items: z.array(EventSchema), nextBeforeSeq: z.number().int().nullable() }),
          },
        },
      },
      async (req) => {
        const { limit, beforeSeq, action, subject } = req.query;
        let q = ctx.db
          .selectFrom('ledger_event as e')
          .select(['e.seq', 'e.time', 'e.actor', 'e.agency', 'e.action', 'e.subject', 'e.details', 'e.hash']);
        if (beforeSeq !== undefined) q = q.where('e.seq', '<', beforeSeq);
        if (subject !== undefined) q = q.where('e.subject', '=', subject);
        if (action?.endsWith('.*')) {
          const prefix = action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`);
          q = q.where('e.action', 'like', `${prefix}%`);
        } else if (action !== undefined) q = q.where('e.action', '=', action);
        const rows = await q
          .orderBy('e.seq', 'desc')
          .limit(limit + 1)
          .execute();
        const more = rows.length > limit;
        const page = rows.slice(0, limit);
        // Names through the directory port: the kernel does not read the agencies module's tables.
        const names = await ctx.directory.names(ctx.db, {
          usernames: page.map((r) => r.actor),
          agencyIds: page.map((r) => Number(r.agency)),
        });
        const items = page.map((r) => ({
          ...r,
          actorName: names.people.get(r.actor) ?? null,
          agencyName: r.agency === null ? null : (names.agencies.get(Number(r.agency)) ?? null),
          time: r.time.toISOString(),
          details: (r.details ?? {}) as Record<string, unknown>,
        }));
        return { items, nextBeforeSeq: more ? items[items.length - 1].seq : null };
      },
    );

    app.get(
      '/ledger/status',
      {
        config: { permission: 'ledger.read' },
        schema: {
          tags,
          summary: '留痕链状态',
          response: {
            200: z.object({
              events: z.number().int().meta({ description: '事件数（seq 自 1 连续，等于链头序号）' }),
              headSeq: z.number().int(),
              headHash: z.string().nullable(),
              lastCheckpoint: z.object({ seq: z.number().int(), time: z.string() }).nullable(),
            }),
          },
        },
      },
      async () => {
        // events = headSeq, not count(*): seq is contiguous from 1 (verify proves it) and a count
        // would read the whole table on every look at this page.
        const head = await chainHead(ctx.db);
        const cp = await latestCheckpoint(ctx.db);
        return {
          events: head?.seq ?? 0,
          headSeq: head?.seq ?? 0,
          headHash: head?.hash ?? null,
          lastCheckpoint: cp ? { seq: cp.seq, time: cp.time.toISOString() } : null,
        };
      },
    );

    app.post(
      '/ledger/verify',
      {
        config: { permission: 'ledger.verify' },
        schema: {
          tags,
          summary: '校验留痕链',
          description:
            '重算每个事件的 SM3 哈希与链接，并以库外密钥核验各检查点。发现篡改时 ok 为 false，并给出首个异常序号和原因。每次校验本身记入留痕。',
          response: { 200: VerifySchema },
        },
      },
      async (req) => {
        const p = principalOf(req);
        const holder = `api:${os.hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;
        const result = await runExclusive(ctx, VERIFY_LEASE, holder, VERIFY_LEASE_MS, () =>
          verifyLedger(ctx),
        );
        if (!result) throw conflict('ledger-verify-running', '留痕链校验正在进行', { detail: '请稍后再试' });
        // An auditor's check is itself an access to the audit trail and its finding must stay on
        // record; page views are not recorded (each would add to what the next view shows).
        await inTransaction(ctx, p, async (tx) => {
          tx.record({ action: 'ledger.verify', subject: 'ledger', details: { ...result } });
        });
        return result;
      },
    );
  };
}
