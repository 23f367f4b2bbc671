import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/auth-plugin.ts';
import { onCalendarChanged } from '../kernel/calendar/index.ts';
import type { Ctx } from '../kernel/context.ts';
import {
  MatterDetailSchema,
  MatterSummarySchema,
  RulebookVersionSchema,
  TodoItemSchema,
} from './api-schemas.ts';
import { recomputeProvisionalDeadlines } from './deadlines-sweep.ts';
import { transition } from './engine.ts';
import { addRulebookVersion, assertMayManageRulebook, listRulebook } from './rulebook.ts';
import type { RuleInput } from './rulebook-v1.ts';
import { getMatter, listMatters, todoList } from './views.ts';

const tags = ['事项'];
const ruleTags = ['时限规则'];

const IdParam = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

export function mattersRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    // The prompt path for provisional deadlines (the sweep is the durable one, in every process).
    const unsubscribe = onCalendarChanged(ctx, async () => {
      await recomputeProvisionalDeadlines(ctx);
    });
    app.addHook('onClose', async () => unsubscribe());

    app.get(
      '/matters/todo',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '我的待办',
          description: '本人现在可以办理的事项，最紧迫的在前（期限最早届满者优先）。',
          response: { 200: z.object({ items: z.array(TodoItemSchema), total: z.number().int() }) },
        },
      },
      async (req) => todoList(ctx, principalOf(req)),
    );

    app.get(
      '/matters',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '事项列表',
          description:
            '本机构为当事方的事项，以及本主管部门监管的机构为当事方的事项（第五条），最近更新的在前。',
          querystring: z.object({
            type: z.string().max(64).optional(),
            state: z.string().max(64).optional(),
            page: z.coerce.number().int().min(1).max(100_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: z.object({ items: z.array(MatterSummarySchema), total: z.number().int() }) },
        },
      },
      async (req) => listMatters(ctx, principalOf(req), req.query),
    );

    app.get(
      '/matters/:id',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '事项详情',
          description: '含办理记录、办理期限和本人现在可办理的操作。非当事方且不负监管之责的，返回404。',
          params: IdParam,
          response: { 200: MatterDetailSchema },
        },
      },
      async (req) => getMatter(ctx, principalOf(req), req.params.id),
    );

    app.post(
      '/matters/:id/transitions/:name',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '办理事项（状态流转）',
          description:
            '一次办理为一个事务：权限（角色与本机构对事项的关系）、理由或依据、状态变更、办理期限、留痕和消息。退回或拒绝未说明理由返回422并注明条款。',
          params: z.object({ id: IdParam.shape.id, name: z.string().min(1).max(64) }),
          body: z
            .object({
              reason: z.string().max(2000).optional().meta({ description: '理由（退回、拒绝时必填）' }),
              legalBasis: z.string().max(1000).optional().meta({ description: '法律法规或政策依据' }),
              data: z.record(z.string(), z.unknown()).optional(),
            })
            .nullish()
            .meta({ description: '不需理由或依据的操作可不带请求体' }),
          response: { 200: MatterDetailSchema },
        },
      },
      async (req) => {
        const p = principalOf(req);
        await transition(ctx, p, req.params.id, req.params.name, req.body ?? {});
        return getMatter(ctx, p, req.params.id);
      },
    );

    app.get(
      '/rulebook',
      {
        config: { permission: 'rulebook.read' },
        schema: {
          tags: ruleTags,
          summary: '办理时限规则',
          description:
            '各版本及其规则，新的在前。期限按其起算日适用的版本计算，规则修订不改变已开始计算的期限。',
          response: { 200: z.object({ versions: z.array(RulebookVersionSchema) }) },
        },
      },
      async () => ({ versions: await listRulebook(ctx) }),
    );

    app.post(
      '/rulebook/versions',
      {
        config: { permission: 'rulebook.manage' },
        preValidation: async (req) => assertMayManageRulebook(principalOf(req)),
        schema: {
          tags: ruleTags,
          summary: '新增时限规则版本',
          description:
            '仅省级政务数据主管部门管理员可操作；须列出全部规则（含现行各项），生效日期不得早于今天且须晚于现有版本。',
          body: z.object({
            name: z.string().max(200),
            source: z.string().max(1000).meta({ description: '依据的文件：名称、文号、日期' }),
            effectiveFrom: z.string().meta({ example: '2027-01-06' }),
            validUntil: z.string().nullable().optional(),
            rules: z
              .array(
                z.object({
                  key: z.string(),
                  name: z.string(),
                  article: z.string(),
                  articleText: z.string(),
                  amount: z.number(),
                  unit: z.string().meta({ description: 'working_days（工作日）或 months（月）' }),
                }),
              )
              .max(200),
          }),
          response: { 201: RulebookVersionSchema },
        },
      },
      async (req, reply) =>
        reply.code(201).send(
          await addRulebookVersion(ctx, principalOf(req), {
            ...req.body,
            rules: req.body.rules as RuleInput[],
          }),
        ),
    );
  };
}
