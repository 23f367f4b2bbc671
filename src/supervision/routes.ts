import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/auth-plugin.ts';
import type { Ctx } from '../kernel/context.ts';
import { boardQuery, DeadlineViewSchema, getMatter, MatterDetailSchema } from '../matters/index.ts';
import { DESCRIPTION_MAX, DESCRIPTION_MIN, issueRectification } from './issue.ts';
import { GROUND_CODES, groundText } from './rectification.ts';

const tags = ['督办'];

const groundList = GROUND_CODES.map((c) => `${c}：${groundText(c)}`).join('；');

const Counts = { open: z.number().int(), overdue: z.number().int(), met: z.number().int() };

const BoardItemSchema = DeadlineViewSchema.extend({
  matterTitle: z.string(),
  matterType: z.string(),
  typeName: z.string(),
  agencyId: z.number().int().meta({ description: '责任机构' }),
  agencyName: z.string(),
  link: z.string().meta({ example: '/console/matters/12' }),
});

export function supervisionRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/supervision/deadlines',
      {
        config: { permission: 'supervision.read' },
        schema: {
          tags,
          summary: '办理期限督办看板',
          description:
            '第四十二条：对目录维护、共享申请、新增需求审核、数据提供等有明确办理时限的事项跟踪督办。主管部门看本机构及其监管的本级、下级机构，政府部门看本部门。' +
            'counts 统计筛选范围（机构、条款）内的全部期限，按状态分列，不受 status 和分页影响。未指定 status 时列出未届满、已超期和已办结的期限。',
          querystring: z.object({
            status: z.enum(['open', 'overdue', 'met', 'cancelled']).optional(),
            agencyId: z.coerce.number().int().min(1).optional(),
            article: z.string().max(20).optional().meta({ example: 'Art. 12' }),
            page: z.coerce.number().int().min(1).max(100_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: {
            200: z.object({
              items: z.array(BoardItemSchema),
              total: z.number().int(),
              counts: z.object({
                byAgency: z.array(
                  z.object({ agencyId: z.number().int(), agencyName: z.string(), ...Counts }),
                ),
                byArticle: z.array(z.object({ article: z.string(), articleText: z.string(), ...Counts })),
              }),
            }),
          },
        },
      },
      async (req) => boardQuery(ctx, principalOf(req), req.query),
    );

    app.post(
      '/supervision/rectifications',
      {
        config: { permission: 'rectification.issue' },
        schema: {
          tags,
          summary: '下达整改通知',
          description:
            '第四十一条、第四十二条：政务数据主管部门责令其监管的机构（第五条：本行政区域内本级及下级）限期整改。' +
            '期限由通知确定（工作日，不超过时限规则“限期整改期限”的上限，现行60个工作日），自送达起算；' +
            '被责令机构收到待办，整改后反馈，主管部门验收办结或退回重新整改。超出管辖范围返回403。',
          body: z.object({
            agencyId: z.number().int().min(1).meta({ description: '被责令整改的机构' }),
            ground: z.enum(GROUND_CODES).meta({
              description: `整改情形（第四十一条适用于政府部门，第四十二条适用于政务数据主管部门）。${groundList}`,
            }),
            description: z
              .string()
              .max(DESCRIPTION_MAX)
              .meta({
                description: `存在的问题和整改要求（${DESCRIPTION_MIN}至${DESCRIPTION_MAX}字）`,
                example:
                  '你单位2026年第三季度目录更新不及时，户籍人口基本信息目录项与现行法规不符，请限期整改。',
              }),
            workingDays: z.number().int().min(1).meta({ description: '整改期限（工作日）', example: 10 }),
          }),
          response: { 201: MatterDetailSchema },
        },
      },
      async (req, reply) => {
        const p = principalOf(req);
        const id = await issueRectification(ctx, p, req.body);
        return reply.code(201).send(await getMatter(ctx, p, id));
      },
    );
  };
}
