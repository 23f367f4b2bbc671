import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/auth-plugin.ts';
import type { Ctx } from '../kernel/context.ts';
import { conflict } from '../kernel/errors.ts';
import { deletePull, getPull, putPull, runPullNow } from './pulls.ts';

const tags = ['数据汇聚'];
const Params = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const PullSchema = z.object({
  datasetId: z.number(),
  url: z.string(),
  kind: z.enum(['full', 'incremental']),
  everyMinutes: z.number(),
  arrayPath: z.string().nullable(),
  headerNames: z.array(z.string()).meta({ description: '已保存的请求头名称（取值加密保存，不再显示）' }),
  enabled: z.boolean(),
  runAs: z.string(),
  nextRunAt: z.string(),
  lastRunAt: z.string().nullable(),
  lastLoadId: z.string().nullable(),
  lastError: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

// Art. 18 定时拉取 of a dataset from its department's HTTP JSON interface (pulls.ts).
export function pullRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/aggregation/datasets/:id/pull',
      {
        config: { permission: 'aggregation.read' },
        schema: {
          tags,
          summary: '定时拉取配置',
          params: Params,
          response: { 200: z.object({ pull: PullSchema.nullable() }) },
        },
      },
      async (req) => ({ pull: await getPull(ctx, principalOf(req), req.params.id) }),
    );

    app.put(
      '/aggregation/datasets/:id/pull',
      {
        config: { permission: 'aggregation.load' },
        schema: {
          tags,
          summary: '设置定时拉取',
          description:
            '第十八条：按设定间隔从本部门业务系统的 HTTP JSON 接口拉取数据，每次拉取是一次完整的汇聚批次（质量检查、全量保护、留痕）。' +
            '接口主机须在运维配置的允许清单（GOVDATA_PULL_HOSTS）中；请求头（如访问令牌）加密保存，不再显示。',
          params: Params,
          body: z.object({
            url: z.string().min(1).max(2000),
            kind: z.enum(['full', 'incremental']),
            everyMinutes: z.number().int().meta({ description: '拉取间隔（分钟，15 分钟至 31 天）' }),
            arrayPath: z
              .string()
              .max(200)
              .nullable()
              .optional()
              .meta({ description: '记录数组路径，如 data.records' }),
            headers: z
              .record(z.string(), z.string())
              .nullable()
              .optional()
              .meta({ description: '请求头；省略则保留原值，null 则清除' }),
            enabled: z.boolean().default(true),
          }),
          response: { 200: z.object({ pull: PullSchema }) },
        },
      },
      async (req) => ({ pull: await putPull(ctx, principalOf(req), req.params.id, req.body) }),
    );

    app.delete(
      '/aggregation/datasets/:id/pull',
      {
        config: { permission: 'aggregation.load' },
        schema: { tags, summary: '删除定时拉取', params: Params, response: { 204: z.null() } },
      },
      async (req, reply) => {
        await deletePull(ctx, principalOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/aggregation/datasets/:id/pull/run',
      {
        config: { permission: 'aggregation.load' },
        schema: {
          tags,
          summary: '立即拉取一次',
          description: '第十八条：不等下次计划时间，立即按配置拉取一次；返回批次编号，进度见批次详情。',
          params: Params,
          response: { 202: z.object({ loadId: z.string() }) },
        },
      },
      async (req, reply) => {
        const actor = principalOf(req);
        const loadId = await runPullNow(ctx, actor, req.params.id);
        if (!loadId) {
          const p = await getPull(ctx, actor, req.params.id);
          throw conflict('aggregation-pull-failed', '拉取未能开始', { detail: p?.lastError ?? undefined });
        }
        return reply.code(202).send({ loadId });
      },
    );
  };
}
