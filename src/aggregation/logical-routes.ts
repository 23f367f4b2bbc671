import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/auth-plugin.ts';
import type { Ctx } from '../kernel/context.ts';
import { getLogicalSource, registerLogicalSource, updateLogicalSource } from './logical.ts';
import { LIMITS, LOGICAL_METHODS } from './schema-logical.ts';

// Art. 18 逻辑汇聚 over HTTP: register (the authority confirms in the 'aggregation.logical' matter,
// through the matters route), read, and edit while returned. Shapes here; the content rules (a
// usable URL without secrets, a legal basis naming the law) are the service's, answered 422.

const tags = ['数据汇聚'];
const Id = z.coerce.number().int().positive().max(2_147_483_647);
const DatasetParams = z.object({ id: Id });
const BASIS =
  '第十八条：仅限法律法规不允许复制汇聚的数据。写明禁止复制该数据的法律或法规名称及条款，至少10个字（必填）';

const Fields = {
  endpointUrl: z.string().max(LIMITS.endpointUrl).optional().meta({
    description: '数据源接口地址（必填）：http 或 https，不得含用户名、密码或令牌（密钥不随地址保存）',
  }),
  method: z.enum(LOGICAL_METHODS).optional().meta({ description: '请求方式，默认 GET' }),
  description: z
    .string()
    .max(LIMITS.description)
    .optional()
    .meta({ description: '接口说明（必填）：提供哪些数据、如何调用' }),
  legalBasis: z.string().max(LIMITS.legalBasis).optional().meta({ description: BASIS }),
  reason: z.string().max(LIMITS.reason).optional().meta({ description: '逻辑汇聚说明（选填）' }),
};

const LogicalSourceSchema = z.object({
  datasetId: z.number(),
  endpointUrl: z.string(),
  method: z.enum(LOGICAL_METHODS),
  description: z.string(),
  legalBasis: z.string(),
  reason: z.string().nullable(),
  status: z
    .enum(['confirming', 'confirmed', 'returned', 'withdrawn'])
    .meta({ description: '确认中 / 已确认 / 退回修改 / 已撤回' }),
  inService: z.boolean().meta({ description: '第十八条：经主管部门确认后方可提供服务' }),
  matterId: z.number().meta({ description: '逻辑汇聚确认事项' }),
  revision: z.number(),
  registeredAt: z.string(),
  registeredBy: z.string(),
  updatedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedByAgencyId: z.number().nullable().meta({ description: '作出确认或退回决定的主管部门' }),
  decisionComment: z.string().nullable(),
});

export function logicalSourceRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (parent) => {
    await parent.register(async (plain) => {
      const app = plain.withTypeProvider<ZodTypeProvider>();

      app.post(
        '/aggregation/logical-sources',
        {
          config: { permission: 'aggregation.load' },
          schema: {
            tags,
            summary: '登记逻辑汇聚',
            description:
              '第十八条：以物理汇聚为原则；法律法规不允许复制汇聚的数据，可逻辑汇聚——数据留在源端，通过接口提供。' +
              '提供部门的数据管理员为本部门已发布且尚未登记数据集的目录登记接口与法律法规依据，' +
              '同时向审核该部门目录的政务数据主管部门发起“逻辑汇聚确认”事项；经确认后方可提供服务。' +
              '登记信息不符合要求返回 422 并逐项说明。',
            body: z.object({
              entryId: Id,
              keyItems: z
                .array(z.string().min(1).max(60))
                .min(1)
                .max(10)
                .meta({ description: '主键数据项编码' }),
              ...Fields,
            }),
            response: { 201: LogicalSourceSchema },
          },
        },
        async (req, reply) =>
          reply.code(201).send(await registerLogicalSource(ctx, principalOf(req), req.body)),
      );

      app.get(
        '/aggregation/datasets/:id/logical-source',
        {
          config: { permission: 'aggregation.read' },
          schema: {
            tags,
            summary: '逻辑汇聚登记',
            description:
              '第十八条：接口地址、法律法规依据与主管部门确认情况。提供部门及其审核部门可见；物理汇聚的数据集返回 404。',
            params: DatasetParams,
            response: { 200: LogicalSourceSchema },
          },
        },
        async (req) => getLogicalSource(ctx, principalOf(req), req.params.id),
      );

      app.put(
        '/aggregation/datasets/:id/logical-source',
        {
          config: { permission: 'aggregation.load' },
          schema: {
            tags,
            summary: '修改逻辑汇聚登记',
            description:
              '第十八条：被主管部门退回后，提供部门的数据管理员修改登记信息（只传需修改的项），' +
              '修改记入确认事项的办理过程；改后通过事项的“修改后重新提交”送主管部门确认。',
            params: DatasetParams,
            body: z.object(Fields),
            response: { 200: LogicalSourceSchema },
          },
        },
        async (req) => updateLogicalSource(ctx, principalOf(req), req.params.id, req.body),
      );
    });
  };
}
