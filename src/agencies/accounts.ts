import { type Actor, type Ctx, inTransaction, type Tx } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import {
  conflict,
  DomainError,
  forbidden,
  notFound,
  ruleViolated,
  validationFailed,
} from '../kernel/errors.ts';
import type { Principal } from './auth.ts';
import { oneTimePassword, USERNAME_PATTERN, USERNAME_RULE } from './one-time-password.ts';
import { hashPassword } from './passwords.ts';
import { supervisedAgencyIds } from './relations.ts';
import { AUTHORITY_ONLY, assertRoleSetAllowed, ROLES, type Role } from './roles.ts';

type Queryable = Db | Trx;

export interface AccountView {
  id: number;
  username: string;
  displayName: string;
  kind: 'staff' | 'public';
  agencyId: number | null;
  agencyName: string | null;
  roles: { code: string; name: string }[];
  locked: boolean;
  lockedUntil: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface AccountFilter {
  agencyId?: number;
  kind?: 'staff' | 'public';
  /** Part of the username or display name. */
  q?: string;
}

const roleRef = (code: string) => ({ code, name: ROLES[code as Role] ?? code });

/**
 * The agencies whose accounts the caller may see: all for the system and security administrators
 * (三员 work province-wide); an authority administrator its own agency and those it supervises (Art. 5).
 * `null` means no restriction.
 */
async function visibleAgencyIds(db: Queryable, p: Principal): Promise<number[] | null> {
  if (p.roles.includes('sys_admin') || p.roles.includes('security_admin')) return null;
  if (p.roles.includes('authority_admin') && p.agencyKind === 'authority' && p.agencyId !== null) {
    return [p.agencyId, ...(await supervisedAgencyIds(db, p.agencyId))];
  }
  return [];
}

async function describe(db: Queryable, now: Date, ids: number[]): Promise<AccountView[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('account')
    .leftJoin('agency', 'agency.id', 'account.agency_id')
    .select([
      'account.id',
      'account.username',
      'account.display_name',
      'account.kind',
      'account.agency_id',
      'agency.name as agency_name',
      'account.locked_until',
      'account.disabled',
      'account.must_change_password',
      'account.last_login_at',
      'account.created_at',
    ])
    .where('account.id', 'in', ids)
    .orderBy('account.id')
    .execute();
  const roles = await db
    .selectFrom('account_role')
    .selectAll()
    .where('account_id', 'in', ids)
    .orderBy('role')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    kind: r.kind,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    roles: roles.filter((x) => x.account_id === r.id).map((x) => roleRef(x.role)),
    locked: Boolean(r.locked_until && r.locked_until > now),
    lockedUntil: r.locked_until && r.locked_until > now ? r.locked_until.toISOString() : null,
    disabled: r.disabled,
    mustChangePassword: r.must_change_password,
    lastLoginAt: r.last_login_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  }));
}

export async function listAccounts(
  ctx: Ctx,
  p: Principal,
  f: AccountFilter,
): Promise<{ items: AccountView[]; total: number }> {
  const scope = await visibleAgencyIds(ctx.db, p);
  if (scope && !scope.length) return { items: [], total: 0 };
  let q = ctx.db.selectFrom('account').select('id');
  if (scope) q = q.where('agency_id', 'in', scope);
  if (f.agencyId !== undefined) q = q.where('agency_id', '=', f.agencyId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('username', 'ilike', like), eb('display_name', 'ilike', like)]));
  }
  const ids = (await q.execute()).map((r) => r.id);
  const items = await describe(ctx.db, ctx.clock.now(), ids);
  return { items, total: items.length };
}

/** An account the caller may see; one outside its scope is reported as not found. */
export async function getAccount(db: Queryable, now: Date, p: Principal, id: number): Promise<AccountView> {
  const scope = await visibleAgencyIds(db, p);
  const row = await db.selectFrom('account').select('agency_id').where('id', '=', id).executeTakeFirst();
  if (!row || (scope && (row.agency_id === null || !scope.includes(row.agency_id)))) throw notFound('账号');
  return (await describe(db, now, [id]))[0];
}

export interface AccountInput {
  username: string;
  displayName: string;
  agencyId: number;
}

/**
 * 三员分立: the system administrator opens a staff account without roles and with a one-time
 * password; the security administrator grants the roles.
 */
export async function createAccount(
  ctx: Ctx,
  p: Principal,
  input: AccountInput,
): Promise<{ account: AccountView; oneTimePassword: string }> {
  if (!USERNAME_PATTERN.test(input.username)) {
    throw validationFailed([{ field: 'username', message: USERNAME_RULE }]);
  }
  const password = oneTimePassword(input.username);
  const hashed = await hashPassword(password);
  return inTransaction(ctx, p, async (tx) => {
    const agency = await tx.db
      .selectFrom('agency')
      .select(['id', 'name'])
      .where('id', '=', input.agencyId)
      .executeTakeFirst();
    if (!agency) throw validationFailed([{ field: 'agencyId', message: '所属机构不存在' }]);
    await assertUsernameFree(tx, input.username);
    const { id } = await tx.db
      .insertInto('account')
      .values({
        username: input.username,
        display_name: input.displayName,
        kind: 'staff',
        agency_id: agency.id,
        password_hash: hashed,
        password_changed_at: tx.now,
        must_change_password: true,
        created_at: tx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    tx.record({
      action: 'account.create',
      subject: `account:${id}`,
      details: { username: input.username, agencyId: agency.id, agencyName: agency.name },
    });
    return { account: (await describe(tx.db, tx.now, [id]))[0], oneTimePassword: password };
  });
}

export async function assertUsernameFree(tx: Tx, username: string): Promise<void> {
  const taken = await tx.db
    .selectFrom('account')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  if (taken) {
    throw conflict('username-taken', '用户名已被使用', {
      errors: [{ field: 'username', message: `用户名“${username}”已被使用` }],
    });
  }
}

async function targetAccount(tx: Tx, id: number) {
  const a = await tx.db
    .selectFrom('account')
    .leftJoin('agency', 'agency.id', 'account.agency_id')
    .select([
      'account.id',
      'account.username',
      'account.kind',
      'account.disabled',
      'agency.kind as agency_kind',
    ])
    .where('account.id', '=', id)
    .executeTakeFirst();
  if (!a) throw notFound('账号');
  return a;
}

/** 三员分立: the security administrator sets an account's roles, never its own. */
export async function setRoles(
  ctx: Ctx,
  p: Principal,
  id: number,
  requested: string[],
): Promise<AccountView> {
  const roles = [...new Set(requested)].sort();
  assertRoleSetAllowed(roles);
  if (id === p.accountId) throw forbidden('不得为本人账号分配角色（三员分立）');
  return inTransaction(ctx, p, async (tx) => {
    const a = await targetAccount(tx, id);
    if (a.kind === 'public' && roles.some((r) => r !== 'public')) {
      throw new DomainError(422, 'public-account-roles', '公众账号只能持有公众用户角色');
    }
    if (a.kind === 'staff' && roles.includes('public')) {
      throw new DomainError(422, 'staff-account-roles', '政务账号不得持有公众用户角色');
    }
    const authorityRoles = roles.filter((r) => AUTHORITY_ONLY.includes(r as Role));
    if (authorityRoles.length && a.agency_kind !== 'authority') {
      throw ruleViolated('authority-role-outside-authority', '该角色仅限政务数据主管部门的账号', 'Art. 5', {
        detail: `${authorityRoles.map((r) => ROLES[r as Role]).join('、')}只能授予政务数据主管部门的工作人员`,
      });
    }
    const before = (
      await tx.db
        .selectFrom('account_role')
        .select('role')
        .where('account_id', '=', id)
        .orderBy('role')
        .execute()
    ).map((r) => r.role);
    await tx.db.deleteFrom('account_role').where('account_id', '=', id).execute();
    if (roles.length) {
      await tx.db
        .insertInto('account_role')
        .values(roles.map((role) => ({ account_id: id, role })))
        .execute();
    }
    tx.record({ action: 'account.roles.set', subject: `account:${id}`, details: { before, after: roles } });
    return (await describe(tx.db, tx.now, [id]))[0];
  });
}

type AccountAction = 'disable' | 'enable' | 'unlock';

export async function changeAccountState(
  ctx: Ctx,
  p: Principal,
  id: number,
  action: AccountAction,
): Promise<AccountView> {
  if (action === 'disable' && id === p.accountId) {
    throw new DomainError(422, 'cannot-disable-self', '不能停用本人账号');
  }
  return inTransaction(ctx, p, async (tx) => {
    await targetAccount(tx, id);
    if (action === 'unlock') {
      await tx.db
        .updateTable('account')
        .set({ locked_until: null, failed_attempts: 0 })
        .where('id', '=', id)
        .execute();
    } else {
      await tx.db
        .updateTable('account')
        .set({ disabled: action === 'disable' })
        .where('id', '=', id)
        .execute();
      // A disabled account's sessions end at once.
      if (action === 'disable') await tx.db.deleteFrom('session').where('account_id', '=', id).execute();
    }
    tx.record({ action: `account.${action}`, subject: `account:${id}` });
    return (await describe(tx.db, tx.now, [id]))[0];
  });
}

/** Issues a new one-time password; the holder must change it at the next login. */
export async function resetPassword(
  ctx: Ctx,
  p: Principal,
  id: number,
): Promise<{ account: AccountView; oneTimePassword: string }> {
  const a0 = await ctx.db.selectFrom('account').select('username').where('id', '=', id).executeTakeFirst();
  if (!a0) throw notFound('账号');
  const password = oneTimePassword(a0.username);
  const hashed = await hashPassword(password);
  return inTransaction(ctx, p, async (tx) => {
    await targetAccount(tx, id);
    await tx.db
      .updateTable('account')
      .set({
        password_hash: hashed,
        password_changed_at: tx.now,
        must_change_password: true,
        failed_attempts: 0,
        locked_until: null,
      })
      .where('id', '=', id)
      .execute();
    await tx.db.deleteFrom('session').where('account_id', '=', id).execute();
    tx.record({ action: 'account.password.reset', subject: `account:${id}` });
    return { account: (await describe(tx.db, tx.now, [id]))[0], oneTimePassword: password };
  });
}

/**
 * The actor of a named, enabled account — for the command line, where an operator acts in a
 * person's name (and the ledger says so through each event's source). Null when there is none.
 */
export async function actorByUsername(db: Db | Trx, username: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('account')
    .leftJoin('agency', 'agency.id', 'account.agency_id')
    .select([
      'account.id',
      'account.username',
      'account.disabled',
      'account.agency_id',
      'agency.level as agency_level',
      'agency.kind as agency_kind',
    ])
    .where('account.username', '=', username)
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  const roles = (
    await db.selectFrom('account_role').select('role').where('account_id', '=', row.id).execute()
  ).map((r) => r.role);
  return {
    accountId: row.id,
    username: row.username,
    agencyId: row.agency_id,
    agencyLevel: row.agency_level ?? null,
    agencyKind: row.agency_kind ?? null,
    roles,
  };
}
