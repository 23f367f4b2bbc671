import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/auth-plugin.ts';
import type { Ctx } from '../kernel/context.ts';
import { createDuty, deleteDuty, linkDutyEntries, listDuties, updateDuty } from './duties.ts';
import { designateLeadDepartment, listLeadDepartments } from './lead-departments.ts';
import { overlapsOf } from './overlap.ts';
import { catalogStatistics, completeness } from './statistics.ts';

// Catalog governance: no double collection and lead departments (Art. 17), duties and completeness
// (Art. 12 全量编目), statistics for the data authority.
const tags = ['政务数据目录'];
const Id = z.coerce.number().int().positive().max(2_147_483_647);
const IdParams = z.object({ id: Id });
const Named = z.object({ id: z.number(), name: z.string() });
const AgencyBrief = z.object({
  id: z.number(),
  name: z.string(),
  level: z.enum(['province', 'city', 'county']),
  regionCode: z.string(),
});

const LeadRef = z.object({ agency: Named, regionCode: z.string(), basis: z.string() });
const OverlapSchema = z.object({
  entry: z.object({ id: z.number(), code: z.string(), name: z.string(), provider: Named }),
  score: z
    .number()
    .meta({ description: '0–1：八成取决于本目录数据项被该目录覆盖的比例，两成取决于目录名称相似度' }),
  coverage: z.number().meta({ description: '本目录数据项中已由该目录采集的比例（0–1）' }),
  nameSimilarity: z.number(),
  items: z.array(
    z.object({
      draftItem: z.object({ name: z.string(), code: z.string() }),
      publishedItem: z.object({ name: z.string(), code: z.string() }),
      match: z.enum(['element', 'name', 'similar']).meta({
        description: 'element 同一数据元 · name 名称相同（忽略空格、标点、大小写） · similar 名称相似',
      }),
      similarity: z.number(),
      dataElement: Named.nullable(),
      leadDepartment: LeadRef.nullable().meta({ description: '第十七条：该数据元在本地区指定的牵头部门' }),
    }),
  ),
});

const LeadSchema = z.object({
  dataElement: Named,
  region: z.object({ code: z.string(), name: z.string() }),
  agency: Named,
  basis: z.string(),
  designatedBy: z.object({ agencyId: z.number(), agencyName: z.string(), username: z.string() }),
  designatedAt: z.string(),
});

const DutySchema = z.object({
  id: z.number(),
  agency: Named,
  name: z.string(),
  basis: z.string().nullable(),
  sortOrder: z.number(),
  entries: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), status: z.string() })),
  covered: z.boolean().meta({ description: '第十二条：已有（未撤销的）目录覆盖该职责' }),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
const DutyInput = z.object({
  name: z.string().min(1).max(200),
  basis: z.string().max(1000).nullish().meta({ description: '职责依据，如“三定”规定条款' }),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});

const Counts = {
  total: z.number(),
  published: z.number(),
  draft: z.number(),
  submitted: z.number(),
  returned: z.number(),
  revoking: z.number(),
  revoked: z.number(),
  open: z.number().meta({ description: '已发布目录中无条件开放与有条件开放的数量' }),
  unconditionalOpen: z.number(),
  conditionalOpen: z.number(),
  notOpen: z.number(),
  unconditionalShare: z.number(),
  conditionalShare: z.number(),
  notShared: z.number(),
};
const StatisticsSchema = z.object({
  totals: z.object({
    ...Counts,
    entries: z.number(),
    shared: z.number().meta({ description: '已发布目录中无条件共享与有条件共享的数量' }),
    duties: z.number(),
    dutiesWithoutEntry: z.number(),
  }),
  byAgency: z.array(
    z.object({ agency: AgencyBrief, ...Counts, duties: z.number(), dutiesWithoutEntry: z.number() }),
  ),
  byLevel: z.array(
    z.object({
      level: z.enum(['province', 'city', 'county']),
      total: z.number(),
      published: z.number(),
      open: z.number(),
    }),
  ),
  byGroup: z.array(z.object({ groupCode: z.string(), groupName: z.string(), published: z.number() })),
  byOpenType: z.array(z.object({ openType: z.string(), count: z.number() })),
  byShareType: z.array(z.object({ shareType: z.string(), count: z.number() })),
});

const CompletenessSchema = z.object({
  agency: AgencyBrief,
  duties: z.number(),
  dutiesWithoutEntry: z.number(),
  entries: z.number().meta({ description: '未撤销的目录数（含草稿、审核中）' }),
  published: z.number(),
  uncoveredDuties: z
    .array(z.object({ id: z.number(), name: z.string(), basis: z.string().nullable() }))
    .optional()
    .meta({ description: '仅按 agencyId 查询时返回：尚无目录覆盖的职责' }),
});

export function governanceRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/catalog/entries/:id/overlaps',
      {
        config: { permission: 'catalog.read' },
        schema: {
          tags,
          summary: '重复采集比对',
          description:
            '第十七条：列出其他部门已发布（现行版本、未撤销）的目录中，与本目录工作版本数据项重复的目录——同一数据元、名称相同或相近——及目录名称相似者，按相似度排序（最多20条）。仅目录提供部门及其审核部门可查看。',
          params: IdParams,
          response: { 200: z.object({ items: z.array(OverlapSchema) }) },
        },
      },
      async (req) => ({ items: await overlapsOf(ctx, principalOf(req), req.params.id) }),
    );
    app.get(
      '/catalog/lead-departments',
      {
        config: { permission: 'catalog.read' },
        schema: {
          tags,
          summary: '牵头部门列表',
          description: '第十七条：对本部门所在地区有效的数据元牵头部门；主管部门另见其下级地区的指定。',
          querystring: z.object({ dataElementId: Id.optional() }),
          response: { 200: z.object({ items: z.array(LeadSchema) }) },
        },
      },
      async (req) => ({ items: await listLeadDepartments(ctx, principalOf(req), req.query) }),
    );
    app.put(
      '/catalog/lead-departments/:dataElementId',
      {
        config: { permission: 'catalog.review' },
        schema: {
          tags,
          summary: '指定数据元的牵头部门',
          description:
            '第十七条：多个部门采集同一数据的，由政务数据主管部门在本行政区域内指定牵头部门（省级主管部门全省有效，市、县级主管部门本地区有效）。牵头部门须为本地区的政务部门，且已发布含该数据元的目录。',
          params: z.object({ dataElementId: Id }),
          body: z.object({ agencyId: z.number().int().positive(), basis: z.string().min(1).max(1000) }),
          response: { 200: LeadSchema },
        },
      },
      async (req) => designateLeadDepartment(ctx, principalOf(req), req.params.dataElementId, req.body),
    );
    app.get(
      '/catalog/duties',
      {
        config: { permission: 'catalog.duty.manage' },
        schema: {
          tags,
          summary: '部门职责目录',
          description:
            '第十二条：部门“三定”职责及其关联的目录。数据管理员查看本部门；主管部门管理员可指定本行政区域内的部门（agencyId）。',
          querystring: z.object({ agencyId: Id.optional() }),
          response: { 200: z.object({ items: z.array(DutySchema) }) },
        },
      },
      async (req) => ({ items: await listDuties(ctx, principalOf(req), req.query.agencyId) }),
    );
    app.post(
      '/catalog/duties',
      {
        config: { permission: 'catalog.duty.manage' },
        schema: {
          tags,
          summary: '新增部门职责',
          body: DutyInput.extend({ agencyId: z.number().int().positive() }),
          response: { 201: DutySchema },
        },
      },
      async (req, reply) => reply.code(201).send(await createDuty(ctx, principalOf(req), req.body)),
    );
    app.put(
      '/catalog/duties/:id',
      {
        config: { permission: 'catalog.duty.manage' },
        schema: {
          tags,
          summary: '修改部门职责',
          params: IdParams,
          body: DutyInput,
          response: { 200: DutySchema },
        },
      },
      async (req) => updateDuty(ctx, principalOf(req), req.params.id, req.body),
    );
    app.delete(
      '/catalog/duties/:id',
      {
        config: { permission: 'catalog.duty.manage' },
        schema: { tags, summary: '删除部门职责', params: IdParams },
      },
      async (req, reply) => {
        await deleteDuty(ctx, principalOf(req), req.params.id);
        return reply.code(204).send();
      },
    );
    app.put(
      '/catalog/duties/:id/entries',
      {
        config: { permission: 'catalog.duty.manage' },
        schema: {
          tags,
          summary: '关联职责与目录',
          description: '第十二条：以所给目录替换该职责关联的目录；只能关联该部门自己的、未撤销的目录。',
          params: IdParams,
          body: z.object({ entryIds: z.array(z.number().int().positive()).max(200) }),
          response: { 200: DutySchema },
        },
      },
      async (req) => linkDutyEntries(ctx, principalOf(req), req.params.id, req.body.entryIds),
    );
    app.get(
      '/catalog/completeness',
      {
        config: { permission: 'catalog.review' },
        schema: {
          tags,
          summary: '全量编目情况',
          description:
            '第十二条：本行政区域及下级地区各部门的职责数、尚无目录覆盖的职责数、目录数和已发布目录数；指定 agencyId 时另列该部门未覆盖的职责。',
          querystring: z.object({ agencyId: Id.optional() }),
          response: { 200: z.object({ items: z.array(CompletenessSchema) }) },
        },
      },
      async (req) => ({ items: await completeness(ctx, principalOf(req), req.query.agencyId) }),
    );
    app.get(
      '/catalog/statistics',
      {
        config: { permission: 'catalog.review' },
        schema: {
          tags,
          summary: '目录统计',
          description:
            '本行政区域（省级主管部门为全省）的目录数量：按状态（互斥，合计为目录总数；published 为已发布，revoking 为撤销过渡期中）、按部门、按层级、按分组；开放与共享类型按已发布目录的现行版本统计。',
          response: { 200: StatisticsSchema },
        },
      },
      async (req) => catalogStatistics(ctx, principalOf(req)),
    );
  };
}
