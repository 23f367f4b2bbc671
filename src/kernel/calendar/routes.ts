import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
// PLACEHOLDER — replaced by the calendar work.
export function calendarRoutes(_ctx: Ctx): FastifyPluginAsyncZod {
  return async () => {};
}
