import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../kernel/context.ts';

export function searchRoutes(_ctx: Ctx): FastifyPluginAsyncZod {
  return async (_app) => {};
}
