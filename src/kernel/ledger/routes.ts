import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
// PLACEHOLDER — replaced by the ledger work.
export function ledgerRoutes(_ctx: Ctx): FastifyPluginAsyncZod {
  return async () => {};
}
