import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../kernel/context.ts';

export function lifecycleRoutes(_ctx: Ctx): FastifyPluginAsyncZod {
  return async (_app) => {};
}
