import type { Ctx } from '../kernel/context.ts';
// PLACEHOLDER — replaced by the agencies work.
export async function createAdministrator(_ctx: Ctx, username: string, _displayName: string) {
  return { username, agencyName: '', password: '' };
}
