import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/auth-plugin.ts';
import type { Ctx } from '../kernel/context.ts';
import { createAgency, getAgency, listAgencies, setOfficers, updateAgency } from './agencies.ts';
import { getRegion, listRegions } from './regions.ts';

const LEVEL = z.enum(['province', 'city', 'county']);
const KIND = z.enum(['authority', 'department', 'coordination']);
const REGION_CODE = z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字');
const IdParams = z.object({ id: z.coerce.number().int().positive() });

const RegionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: LEVEL,
  parent: z.string().nullable(),
});

const OfficerSchema = z.object({
  id: z.number(),
  name: z.string(),
  title: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  isPrimary: z.boolean(),
});

export const AgencySchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: KIND,
  level: LEVEL,
  regionCode: z.string(),
  regionName: z.string(),
  supervisingAgencyId: z.number().nullable(),
  supervisingAgencyName: z.string().nullable(),
  uscc: z.string().nullable(),
  displayOrder: z.number(),
  officers: z.array(OfficerSchema),
});

const OfficerInput = z.object({
  name: z.string().max(50),
  title: z.string().max(100),
  phone: z
    .string()
    .regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不正确')
    .nullish(),
  email: z.email('电子邮箱格式不正确').nullish(),
  isPrimary: z.boolean().optional(),
});

const USCC = z.string().length(18, '统一社会信用代码应为18位');

const AgencyCreate = z.object({
  name: z.string().min(2).max(100),
  shortName: z.string().min(1).max(30),
  kind: KIND,
  regionCode: REGION_CODE,
  code: z
    .string()
    .regex(/^[a-z][a-z0-9.-]{1,39}$/, '机构编码由小写字母、数字、点和连字符组成')
    .optional(),
  uscc: USCC.nullish(),
  displayOrder: z.number().int().min(0).max(99_999).optional(),
  officers: z.array(OfficerInput).max(20).optional(),
});

const AgencyUpdate = AgencyCreate.pick({
  name: true,
  shortName: true,
  uscc: true,
  displayOrder: true,
}).partial();

const tags = ['机构'];

/** Officers' phone and e-mail are for logged-in staff; the portal shows names and titles only. */
const staffCaller = (req: FastifyRequest) => {
  const p = req.principal;
  return Boolean(p && !p.mustChangePassword && p.permissions.includes('agency.read'));
};

export function agencyRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/regions',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['行政区划'],
          summary: '行政区划（GB/T 2260）：指定上级的下级区划，或某一层级的全部区划；均不指定时为各省',
          querystring: z.object({ parent: REGION_CODE.optional(), level: LEVEL.optional() }),
          response: { 200: z.object({ items: z.array(RegionSchema) }) },
        },
      },
      async (req) => ({ items: await listRegions(ctx, req.query) }),
    );
    app.get(
      '/regions/:code',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['行政区划'],
          summary: '单个行政区划及其上级路径',
          params: z.object({ code: REGION_CODE }),
          response: { 200: RegionSchema.extend({ path: z.array(RegionSchema) }) },
        },
      },
      async (req) => getRegion(ctx.db, req.params.code),
    );
    app.get(
      '/agencies',
      {
        config: { permission: 'public' },
        schema: {
          tags,
          summary: '机构名录（按层级、区划、排序号排列；责任人联系方式仅对登录的政务用户返回）',
          querystring: z.object({
            level: LEVEL.optional(),
            kind: KIND.optional(),
            regionCode: REGION_CODE.optional(),
          }),
          response: { 200: z.object({ items: z.array(AgencySchema), total: z.number() }) },
        },
      },
      async (req) => listAgencies(ctx, req.query, staffCaller(req)),
    );
    app.get(
      '/agencies/:id',
      {
        config: { permission: 'public' },
        schema: { tags, summary: '机构详情', params: IdParams, response: { 200: AgencySchema } },
      },
      async (req) => getAgency(ctx.db, req.params.id, staffCaller(req)),
    );
    app.post(
      '/agencies',
      {
        config: { permission: 'agency.manage' },
        schema: { tags, summary: '登记机构', body: AgencyCreate, response: { 201: AgencySchema } },
      },
      async (req, reply) => reply.code(201).send(await createAgency(ctx, principalOf(req), req.body)),
    );
    app.put(
      '/agencies/:id',
      {
        config: { permission: 'agency.manage' },
        schema: {
          tags,
          summary: '修改机构名称、简称、统一社会信用代码或排序号',
          params: IdParams,
          body: AgencyUpdate,
          response: { 200: AgencySchema },
        },
      },
      async (req) => updateAgency(ctx, principalOf(req), req.params.id, req.body),
    );
    app.put(
      '/agencies/:id/officers',
      {
        config: { permission: 'agency.manage' },
        schema: {
          tags,
          summary: '登记部门政务数据工作责任人（第六条），整体替换',
          params: IdParams,
          body: z.object({ officers: z.array(OfficerInput).max(20) }),
          response: { 200: AgencySchema },
        },
      },
      async (req) => setOfficers(ctx, principalOf(req), req.params.id, req.body.officers),
    );
  };
}
