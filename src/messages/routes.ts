import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/auth-plugin.ts';
import type { Ctx } from '../kernel/context.ts';
import { MESSAGE_CATEGORIES } from './schema.ts';
import { listInbox, markAllRead, markRead, unreadCount } from './service.ts';
import {
  getWebhook,
  listDeliveries,
  putWebhook,
  queueTestDelivery,
  rotateWebhookSecret,
  URL_MAX,
} from './webhook.ts';

const tags = ['消息中心'];
const hookTags = ['消息推送'];

const Category = z.enum(MESSAGE_CATEGORIES).meta({ description: 'todo 待办、notice 通知、warning 预警' });
const Page = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const MessageSchema = z.object({
  id: z.number().int(),
  category: Category,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().meta({ description: '控制台路径，如 /console/matters/12' }),
  matterId: z.number().int().nullable(),
  dueAt: z.string().nullable().meta({ description: '待办的办理时限' }),
  createdAt: z.string(),
  read: z.boolean(),
  done: z.boolean().meta({ description: '待办已办结（事项已流转）' }),
});

const AgencyParam = z.object({ agencyId: z.coerce.number().int().min(1) });

const WebhookSchema = z.object({
  agencyId: z.number().int(),
  url: z.string(),
  enabled: z.boolean(),
  categories: z.array(Category).nullable().meta({ description: '推送的消息类别，null 为全部' }),
  secretRotatedAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

const DeliverySchema = z.object({
  id: z.number().int(),
  messageId: z.number().int().nullable(),
  test: z.boolean(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  failedAt: z.string().nullable(),
  createdAt: z.string(),
  history: z.array(
    z.object({
      attempt: z.number().int(),
      at: z.string(),
      url: z.string(),
      statusCode: z.number().int().nullable(),
      error: z.string().nullable(),
      durationMs: z.number().int(),
    }),
  ),
});

const SIGNING = [
  '每次推送以 POST 发送 JSON：{ id, category, title, body, link, agencyId, createdAt, matterId?, dueAt? }，',
  '请求头 X-Govdata-Timestamp 为 Unix 秒，X-Govdata-Signature 为 hmac-sm3=<十六进制>，',
  "即以签名密钥（UTF-8 字节）对 “时间戳 + '.' + 请求体原文” 计算的 HMAC-SM3。",
  '非 2xx 响应或 10 秒无响应视为失败，按 1、5、30、120、360 分钟后重试，仍失败则记为失败。',
].join('');

export function messagesRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/messages',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '我的消息',
          description:
            '发给本人、本机构或本人在本机构所任角色的消息，新的在前。unread 只计尚需处理的未读消息。',
          querystring: z.object({
            category: Category.optional(),
            unread: Flag.optional().meta({ description: 'true：只看未读' }),
            done: Flag.optional().meta({ description: 'false：只看未办结（待办列表）；true：只看已办结' }),
            ...Page,
          }),
          response: {
            200: z.object({
              items: z.array(MessageSchema),
              total: z.number().int(),
              unread: z.number().int(),
            }),
          },
        },
      },
      async (req) => listInbox(ctx, principalOf(req), req.query),
    );

    app.get(
      '/messages/unread-count',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '未读消息数与待办数',
          description: '控制台角标轮询此接口。',
          response: { 200: z.object({ unread: z.number().int(), todos: z.number().int() }) },
        },
      },
      async (req) => unreadCount(ctx, principalOf(req)),
    );

    app.post(
      '/messages/:id/read',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '标记已读',
          params: z.object({ id: z.coerce.number().int().min(1) }),
          response: { 204: z.null().meta({ description: '已标记' }) },
        },
      },
      async (req, reply) => {
        await markRead(ctx, principalOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/messages/read-all',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '全部标记已读',
          querystring: z.object({ category: Category.optional() }),
          response: { 200: z.object({ marked: z.number().int() }) },
        },
      },
      async (req) => ({ marked: await markAllRead(ctx, principalOf(req), req.query.category) }),
    );

    app.get(
      '/agencies/:agencyId/webhook',
      {
        config: { permission: 'webhook.manage' },
        schema: {
          tags: hookTags,
          summary: '查看本机构消息推送配置',
          description: '只能查看本机构的配置（系统管理员可查看任一机构）。签名密钥不返回。',
          params: AgencyParam,
          response: { 200: WebhookSchema },
        },
      },
      async (req) => getWebhook(ctx, principalOf(req), req.params.agencyId),
    );

    app.put(
      '/agencies/:agencyId/webhook',
      {
        config: { permission: 'webhook.manage' },
        schema: {
          tags: hookTags,
          summary: '设置本机构消息推送（短信或政务消息网关）',
          description: `首次设置时生成签名密钥，仅在本次响应中返回一次（secret）。${SIGNING}`,
          params: AgencyParam,
          body: z.object({
            url: z
              .string()
              .max(URL_MAX)
              .meta({ description: 'http 或 https 地址', example: 'https://sms.example.gov.cn/hook' }),
            enabled: z.boolean(),
            categories: z.array(Category).min(1).nullable().optional(),
          }),
          response: {
            200: z.object({ webhook: WebhookSchema }),
            201: z.object({
              webhook: WebhookSchema,
              secret: z.string().meta({ description: '签名密钥，仅返回这一次' }),
            }),
          },
        },
      },
      async (req, reply) => {
        const r = await putWebhook(ctx, principalOf(req), req.params.agencyId, req.body);
        return r.created
          ? reply.code(201).send({ webhook: r.webhook, secret: r.secret! })
          : { webhook: r.webhook };
      },
    );

    app.post(
      '/agencies/:agencyId/webhook/rotate-secret',
      {
        config: { permission: 'webhook.manage' },
        schema: {
          tags: hookTags,
          summary: '更换签名密钥',
          description: '新密钥仅在本次响应中返回一次，此后的推送即以新密钥签名。',
          params: AgencyParam,
          response: { 200: z.object({ secret: z.string(), rotatedAt: z.string() }) },
        },
      },
      async (req) => rotateWebhookSecret(ctx, principalOf(req), req.params.agencyId),
    );

    app.post(
      '/agencies/:agencyId/webhook/test',
      {
        config: { permission: 'webhook.manage' },
        schema: {
          tags: hookTags,
          summary: '发送测试推送',
          description: '排入一条测试推送，由推送任务发送；结果见推送记录。',
          params: AgencyParam,
          response: { 202: z.object({ deliveryId: z.number().int() }) },
        },
      },
      async (req, reply) =>
        reply.code(202).send(await queueTestDelivery(ctx, principalOf(req), req.params.agencyId)),
    );

    app.get(
      '/agencies/:agencyId/webhook/deliveries',
      {
        config: { permission: 'webhook.manage' },
        schema: {
          tags: hookTags,
          summary: '推送记录',
          description: '本机构最近的推送，新的在前，含每次尝试的结果。',
          params: AgencyParam,
          querystring: z.object({ status: z.enum(['pending', 'delivered', 'failed']).optional(), ...Page }),
          response: { 200: z.object({ items: z.array(DeliverySchema), total: z.number().int() }) },
        },
      },
      async (req) => listDeliveries(ctx, principalOf(req), req.params.agencyId, req.query),
    );
  };
}
