import type { Ctx } from '../kernel/context.ts';
// PLACEHOLDER — replaced by the agencies work.
export async function loadDemoProvince(_ctx: Ctx, _password: string): Promise<boolean> {
  return false;
}
