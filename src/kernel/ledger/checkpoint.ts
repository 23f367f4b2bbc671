import type { Ctx } from '../context.ts';
// PLACEHOLDER — replaced by the ledger work.
export async function checkpointJob(_ctx: Ctx, _holder: string): Promise<void> {}
