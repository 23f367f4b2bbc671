import type { Ctx } from '../context.ts';
// PLACEHOLDER — replaced by the ledger work.
export async function verifyLedgerCommand(_ctx: Ctx, _out: Console): Promise<number> {
  return 2;
}
export async function writeCheckpointCommand(_ctx: Ctx, _out: Console): Promise<number> {
  return 2;
}
