import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Principal, resolveSession } from '../agencies/auth.ts';
import type { Ctx } from '../kernel/context.ts';
import { DomainError, forbidden, unauthenticated } from '../kernel/errors.ts';
import type { RoutePermission } from '../kernel/permissions.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
    /** Reachable while a password change is pending (me, change-password, logout). */
    duringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every /api route with its declared permission (the permission test walks it). */
    routeTable: RouteEntry[];
  }
}

export const SESSION_COOKIE = 'govdata_session';
export const CSRF_COOKIE = 'govdata_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes the framework adds itself (docs UI, static files) and are public by nature. */
export const isFrameworkRoute = (url: string) => url.startsWith('/api/docs') || !url.startsWith('/api/');

export interface RouteEntry {
  method: string;
  url: string;
  permission: RoutePermission;
}

export const authPlugin = fp(async (app: FastifyInstance, opts: { ctx: Ctx }) => {
  const { ctx } = opts;
  const routeTable: RouteEntry[] = [];
  app.decorateRequest('principal', null);
  // Every route must declare its permission: an undeclared one fails at start-up, not in production.
  app.addHook('onRoute', (route) => {
    if (isFrameworkRoute(route.url)) return;
    const permission = route.config?.permission;
    if (!permission) throw new Error(`route ${route.method} ${route.url} declares no permission`);
    routeTable.push({ method: String(route.method), url: route.url, permission });
  });
  // Authentication and permission are checked on request, before the body is even validated:
  // a caller without the right gets 401/403, never a hint about the shape of the data.
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const token = bearer || req.cookies?.[SESSION_COOKIE];
    const p = token ? await resolveSession(ctx, token) : null;
    // Cookie-authenticated writes must echo the CSRF token (double submit); bearer calls need not.
    if (p && !bearer && !SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== p.csrfToken) {
      throw new DomainError(403, 'csrf-token-invalid', 'CSRF 校验失败', {
        detail: '请求缺少有效的 X-CSRF-Token 头',
      });
    }
    req.principal = p;
    const need = req.routeOptions.config?.permission;
    if (!need || need === 'public') return;
    if (!p) throw unauthenticated();
    if (p.mustChangePassword && !req.routeOptions.config.duringPasswordChange) {
      throw new DomainError(403, 'password-change-required', '请先修改密码', {
        detail: '初始密码或已超过90天的密码须修改后才能继续使用',
      });
    }
    if (need !== 'authenticated' && !p.permissions.includes(need)) throw forbidden();
  });
  app.decorate('routeTable', routeTable);
});

export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthenticated();
  return req.principal;
}
