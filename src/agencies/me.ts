import { z } from 'zod';
import type { Ctx } from '../kernel/context.ts';
import { notFound } from '../kernel/errors.ts';
import { permissionsOf, ROLES, type Role } from './roles.ts';

export const AgencyBriefSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(['authority', 'department', 'coordination']),
  level: z.enum(['province', 'city', 'county']),
  regionCode: z.string(),
  regionName: z.string(),
});

export const MeSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(['staff', 'public']),
  roles: z.array(z.object({ code: z.string(), name: z.string() })),
  permissions: z.array(z.string()),
  mustChangePassword: z.boolean(),
  agency: AgencyBriefSchema.nullable(),
});

export async function describeAccount(
  ctx: Ctx,
  accountId: number,
  mustChangePassword: boolean,
): Promise<z.infer<typeof MeSchema>> {
  const a = await ctx.db
    .selectFrom('account')
    .leftJoin('agency', 'agency.id', 'account.agency_id')
    .leftJoin('region', 'region.code', 'agency.region_code')
    .select([
      'account.id',
      'account.username',
      'account.display_name',
      'account.kind',
      'agency.id as agency_id',
      'agency.name as agency_name',
      'agency.kind as agency_kind',
      'agency.level as agency_level',
      'agency.region_code',
      'region.name as region_name',
    ])
    .where('account.id', '=', accountId)
    .executeTakeFirst();
  if (!a) throw notFound('账号');
  const roles = (
    await ctx.db
      .selectFrom('account_role')
      .select('role')
      .where('account_id', '=', accountId)
      .orderBy('role')
      .execute()
  ).map((r) => r.role);
  return {
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    kind: a.kind,
    roles: roles.map((code) => ({ code, name: ROLES[code as Role] ?? code })),
    permissions: permissionsOf(roles),
    mustChangePassword,
    agency:
      a.agency_id !== null
        ? {
            id: a.agency_id,
            name: a.agency_name!,
            kind: a.agency_kind!,
            level: a.agency_level!,
            regionCode: a.region_code!,
            regionName: a.region_name ?? '',
          }
        : null,
  };
}
