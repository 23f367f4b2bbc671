import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/auth-plugin.ts';
import type { Ctx } from '../kernel/context.ts';
import { PERMISSIONS } from '../kernel/permissions.ts';
import {
  changeAccountState,
  createAccount,
  getAccount,
  listAccounts,
  resetPassword,
  setRoles,
} from './accounts.ts';
import { registerPublicAccount } from './public-accounts.ts';
import { AUTHORITY_ONLY, ROLE_CODES, ROLE_PERMISSIONS, ROLES, SEPARATED_ADMIN_ROLES } from './roles.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const RoleRef = z.object({ code: z.string(), name: z.string() });

export const AccountSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(['staff', 'public']),
  agencyId: z.number().nullable(),
  agencyName: z.string().nullable(),
  roles: z.array(RoleRef),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

const Issued = z.object({
  account: AccountSchema,
  oneTimePassword: z.string().describe('一次性密码，仅此一次返回；首次登录须修改'),
});

const tags = ['账号'];

export function accountRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/roles',
      {
        config: { permission: 'account.read' },
        schema: {
          tags,
          summary: '角色清单（含权限及三员分立、主管部门专属约束）',
          response: {
            200: z.object({
              items: z.array(
                RoleRef.extend({
                  permissions: z.array(RoleRef),
                  separatedAdmin: z.boolean(),
                  authorityOnly: z.boolean(),
                }),
              ),
            }),
          },
        },
      },
      async () => ({
        items: ROLE_CODES.map((code) => ({
          code,
          name: ROLES[code],
          permissions: ROLE_PERMISSIONS[code].map((p) => ({ code: p, name: PERMISSIONS[p] })),
          separatedAdmin: SEPARATED_ADMIN_ROLES.includes(code),
          authorityOnly: AUTHORITY_ONLY.includes(code),
        })),
      }),
    );
    app.get(
      '/accounts',
      {
        config: { permission: 'account.read' },
        schema: {
          tags,
          summary: '账号列表（主管部门管理员仅见本机构及所监管机构的账号）',
          querystring: z.object({
            agencyId: z.coerce.number().int().positive().optional(),
            kind: z.enum(['staff', 'public']).optional(),
            q: z.string().max(64).optional(),
          }),
          response: { 200: z.object({ items: z.array(AccountSchema), total: z.number() }) },
        },
      },
      async (req) => listAccounts(ctx, principalOf(req), req.query),
    );
    app.get(
      '/accounts/:id',
      {
        config: { permission: 'account.read' },
        schema: { tags, summary: '账号详情', params: IdParams, response: { 200: AccountSchema } },
      },
      async (req) => getAccount(ctx.db, ctx.clock.now(), principalOf(req), req.params.id),
    );
    app.post(
      '/accounts',
      {
        config: { permission: 'account.manage' },
        schema: {
          tags,
          summary: '开设政务账号（系统管理员；角色由安全管理员分配）',
          body: z.object({
            username: z.string().min(3).max(32),
            displayName: z.string().min(1).max(50),
            agencyId: z.number().int().positive(),
          }),
          response: { 201: Issued },
        },
      },
      async (req, reply) => reply.code(201).send(await createAccount(ctx, principalOf(req), req.body)),
    );
    app.put(
      '/accounts/:id/roles',
      {
        config: { permission: 'role.assign' },
        schema: {
          tags,
          summary: '分配角色（安全管理员；三员不得兼任）',
          params: IdParams,
          body: z.object({ roles: z.array(z.string().max(40)).max(10) }),
          response: { 200: AccountSchema },
        },
      },
      async (req) => setRoles(ctx, principalOf(req), req.params.id, req.body.roles),
    );
    for (const [action, summary] of [
      ['disable', '停用账号'],
      ['enable', '启用账号'],
      ['unlock', '解除锁定'],
    ] as const) {
      app.post(
        `/accounts/:id/${action}`,
        {
          config: { permission: 'account.manage' },
          schema: { tags, summary, params: IdParams, response: { 200: AccountSchema } },
        },
        async (req) => changeAccountState(ctx, principalOf(req), req.params.id, action),
      );
    }
    app.post(
      '/accounts/:id/reset-password',
      {
        config: { permission: 'account.manage' },
        schema: { tags, summary: '重置为一次性密码', params: IdParams, response: { 200: Issued } },
      },
      async (req) => resetPassword(ctx, principalOf(req), req.params.id),
    );
    app.post(
      '/public/register',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['公众用户'],
          summary: '公众用户注册（自然人：身份证号码；法人或其他组织：统一社会信用代码）',
          body: z.object({
            subjectType: z.enum(['natural', 'legal']),
            username: z.string().max(32),
            password: z.string().max(256),
            phone: z.string().max(20),
            name: z.string().max(50).optional(),
            idCardNumber: z.string().max(18).optional(),
            organisationName: z.string().max(100).optional(),
            uscc: z.string().max(18).optional(),
            contactName: z.string().max(50).optional(),
          }),
          response: {
            201: z.object({
              id: z.number(),
              username: z.string(),
              subjectType: z.enum(['natural', 'legal']),
            }),
          },
        },
      },
      async (req, reply) => reply.code(201).send(await registerPublicAccount(ctx, req.body)),
    );
  };
}
