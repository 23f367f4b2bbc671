import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../kernel/context.ts';
import { accountRoutes } from './account-routes.ts';
import { agencyRoutes } from './agency-routes.ts';
import { authRoutes } from './auth-routes.ts';

export function agenciesRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(authRoutes(ctx));
    await app.register(agencyRoutes(ctx));
    await app.register(accountRoutes(ctx));
  };
}
