import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/auth-plugin.ts';
import type { Ctx } from '../kernel/context.ts';
import { getRevocation, requestRevocation } from './revocation.ts';
import { listEntryUsers, listSubscriptions, subscribe, unsubscribe } from './subscriptions.ts';
import { recordChange } from './update.ts';

// Catalog lifecycle: users (subscriptions), updates after a change (Art. 15), revocation (Art. 16).
// The update and revocation matters then move through the generic matter routes.

const tags = ['政务数据目录'];
const IdParams = z.object({ id: z.coerce.number().int().positive() });

const SubscriptionSchema = z.object({
  entryId: z.number(),
  agencyId: z.number(),
  agencyName: z.string(),
  since: z.string(),
});
const SubscribedEntry = z.object({
  entryId: z.number(),
  code: z.string(),
  name: z.string(),
  providerName: z.string(),
  status: z.string().meta({ description: 'published 已发布 · revoking 撤销过渡期 · revoked 已撤销' }),
  since: z.string(),
});
const EntryUser = z.object({
  agency: z.object({ id: z.number(), name: z.string() }),
  kind: z.enum(['subscription']).meta({ description: '使用方式：subscription 订阅（以后增加共享授权）' }),
  since: z.string(),
});
const ChangeBody = z.object({
  kind: z.enum(['law', 'duty']).meta({ description: 'law 法律法规调整 · duty 职责变化' }),
  description: z.string().min(1).max(2000),
  changedOn: z.iso.date().meta({ description: '变化之日（北京时间），更新期限自该日起算' }),
});
const MatterRef = z.object({ matterId: z.number() });
const RevocationSchema = z.object({
  matterId: z.number(),
  status: z.enum(['requested', 'refused', 'revoking', 'revoked']),
  reason: z.string(),
  requestedAt: z.string(),
  effectiveOn: z
    .string()
    .nullable()
    .meta({ description: '第十六条：继续提供至该日（批准之日起6个月），期满后撤销' }),
  userCount: z.number().nullable(),
});

export function lifecycleRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/catalog/entries/:id/subscriptions',
      {
        config: { permission: 'catalog.subscribe' },
        schema: {
          tags,
          summary: '订阅目录（本部门）',
          description:
            '本部门订阅其他部门已发布的目录，成为目录的使用部门；目录撤销时将收到通知（第十六条）。',
          params: IdParams,
          response: { 201: SubscriptionSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await subscribe(ctx, principalOf(req), req.params.id)),
    );
    app.delete(
      '/catalog/entries/:id/subscriptions',
      {
        config: { permission: 'catalog.subscribe' },
        schema: { tags, summary: '取消订阅目录（本部门）', params: IdParams },
      },
      async (req, reply) => {
        await unsubscribe(ctx, principalOf(req), req.params.id);
        return reply.code(204).send();
      },
    );
    app.get(
      '/catalog/subscriptions',
      {
        config: { permission: 'catalog.read' },
        schema: {
          tags,
          summary: '本部门订阅的目录',
          response: { 200: z.object({ items: z.array(SubscribedEntry) }) },
        },
      },
      async (req) => ({ items: await listSubscriptions(ctx, principalOf(req)) }),
    );
    app.get(
      '/catalog/entries/:id/users',
      {
        config: { permission: 'catalog.read' },
        schema: {
          tags,
          summary: '目录的使用部门',
          description:
            '仅数据提供部门及其审核目录的政务数据主管部门可查看（第十六条：撤销前须通知使用部门）。',
          params: IdParams,
          response: { 200: z.object({ items: z.array(EntryUser), total: z.number() }) },
        },
      },
      async (req) => listEntryUsers(ctx, principalOf(req), req.params.id),
    );
    app.post(
      '/catalog/entries/:id/changes',
      {
        config: { permission: 'catalog.edit' },
        schema: {
          tags,
          summary: '登记目录变化（目录更新）',
          description:
            '第十五条：因法律法规调整或职责变化致使目录发生变化的，自变化之日起3个工作日内完成更新；提交更新后的目录版本审核即办结。',
          params: IdParams,
          body: ChangeBody,
          response: { 201: MatterRef },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send({ matterId: await recordChange(ctx, principalOf(req), req.params.id, req.body) }),
    );
    app.post(
      '/catalog/entries/:id/change-notices',
      {
        config: { permission: 'catalog.review' },
        schema: {
          tags,
          summary: '通知部门更新目录（主管部门）',
          description:
            '第十五条：审核该目录的政务数据主管部门登记法律法规或职责的变化，部门自变化之日起3个工作日内完成更新。',
          params: IdParams,
          body: ChangeBody,
          response: { 201: MatterRef },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send({ matterId: await recordChange(ctx, principalOf(req), req.params.id, req.body) }),
    );
    app.post(
      '/catalog/entries/:id/revocation',
      {
        config: { permission: 'catalog.edit' },
        schema: {
          tags,
          summary: '申请撤销目录',
          description:
            '第十六条：目录无法更新的，提交撤销申请，经政务数据主管部门审核后撤销；已被使用的，继续提供6个月后再撤销。',
          params: IdParams,
          body: z.object({ reason: z.string().min(1).max(2000) }),
          response: { 201: MatterRef },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send({ matterId: await requestRevocation(ctx, principalOf(req), req.params.id, req.body) }),
    );
    app.get(
      '/catalog/entries/:id/revocation',
      {
        config: { permission: 'catalog.read' },
        schema: {
          tags,
          summary: '目录的撤销情况',
          description: '提供部门及其主管部门可见各阶段；其他部门仅在批准撤销、继续提供期间可见撤销生效日。',
          params: IdParams,
          response: { 200: z.object({ revocation: RevocationSchema.nullable() }) },
        },
      },
      async (req) => ({ revocation: await getRevocation(ctx, principalOf(req), req.params.id) }),
    );
  };
}
