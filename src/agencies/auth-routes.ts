import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSRF_COOKIE, principalOf, SESSION_COOKIE } from '../http/auth-plugin.ts';
import type { Ctx } from '../kernel/context.ts';
import { changePassword, login, logout } from './auth.ts';
import { describeAccount, MeSchema } from './me.ts';

const tags = ['认证'];

export function authRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { permission: 'public' },
        schema: {
          tags,
          summary: '登录',
          body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
          response: { 200: z.object({ token: z.string(), mustChangePassword: z.boolean(), user: MeSchema }) },
        },
      },
      async (req, reply) => {
        const r = await login(ctx, req.body.username, req.body.password);
        const secure = req.protocol === 'https';
        reply.setCookie(SESSION_COOKIE, r.token, { path: '/', httpOnly: true, sameSite: 'strict', secure });
        reply.setCookie(CSRF_COOKIE, r.csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure });
        return {
          token: r.token,
          mustChangePassword: r.mustChangePassword,
          user: await describeAccount(ctx, r.accountId, r.mustChangePassword),
        };
      },
    );
    app.get(
      '/auth/me',
      {
        config: { permission: 'authenticated', duringPasswordChange: true },
        schema: { tags, summary: '当前用户', response: { 200: z.object({ user: MeSchema }) } },
      },
      async (req) => {
        const p = principalOf(req);
        return { user: await describeAccount(ctx, p.accountId, p.mustChangePassword) };
      },
    );
    app.post(
      '/auth/logout',
      {
        config: { permission: 'authenticated', duringPasswordChange: true },
        schema: { tags, summary: '退出登录' },
      },
      async (req, reply) => {
        await logout(ctx, principalOf(req));
        reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
        return reply.code(204).send();
      },
    );
    app.post(
      '/auth/change-password',
      {
        config: { permission: 'authenticated', duringPasswordChange: true },
        schema: {
          tags,
          summary: '修改密码',
          body: z.object({
            currentPassword: z.string().min(1).max(256),
            newPassword: z.string().min(1).max(256),
          }),
        },
      },
      async (req, reply) => {
        await changePassword(ctx, principalOf(req), req.body.currentPassword, req.body.newPassword);
        return reply.code(204).send();
      },
    );
  };
}
