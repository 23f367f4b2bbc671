import { randomBytes } from 'node:crypto';
import { type Actor, anonymousActor, type Ctx, inTransaction } from '../kernel/context.ts';
import { sm3Hex } from '../kernel/crypto/index.ts';
import { DomainError, unauthenticated, validationFailed } from '../kernel/errors.ts';
import type { Permission } from '../kernel/permissions.ts';
import {
  checkPasswordPolicy,
  dummyHash,
  hashPassword,
  LOCKOUT_MINUTES,
  MAX_FAILED_LOGINS,
  PASSWORD_MAX_AGE_DAYS,
  verifyPassword,
} from './passwords.ts';
import { permissionsOf } from './roles.ts';

/** The person behind a request, as resolved from a session. */
export interface Principal extends Actor {
  accountId: number;
  displayName: string;
  kind: 'staff' | 'public';
  agencyId: number | null;
  permissions: Permission[];
  mustChangePassword: boolean;
  csrfToken: string;
  tokenHash: string;
}

const DAY_MS = 86_400_000;
const LAST_SEEN_RESOLUTION_MS = 60_000;

const passwordExpired = (changedAt: Date, now: Date) =>
  now.getTime() - changedAt.getTime() > PASSWORD_MAX_AGE_DAYS * DAY_MS;

const badCredentials = () =>
  new DomainError(401, 'invalid-credentials', '用户名或密码错误', {
    detail: `连续${MAX_FAILED_LOGINS}次错误将锁定账号${LOCKOUT_MINUTES}分钟`,
  });

const lockedError = (until: Date, now: Date) =>
  new DomainError(423, 'account-locked', '账号已锁定', {
    detail: `密码连续错误${MAX_FAILED_LOGINS}次，账号锁定至 ${until.toISOString()}（约${Math.ceil((until.getTime() - now.getTime()) / 60_000)}分钟后解锁）`,
    extra: { lockedUntil: until.toISOString() },
  });

export interface LoginResult {
  token: string;
  csrfToken: string;
  accountId: number;
  mustChangePassword: boolean;
}

export async function login(ctx: Ctx, username: string, password: string): Promise<LoginResult> {
  const acct = await ctx.db
    .selectFrom('account')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  const now = ctx.clock.now();
  if (!acct || acct.disabled) {
    await verifyPassword(await dummyHash(), password);
    await inTransaction(ctx, anonymousActor(username), async (tx) => {
      tx.record({
        action: 'auth.login.failed',
        subject: `username:${username}`,
        details: { reason: acct ? 'disabled' : 'unknown' },
      });
    });
    throw badCredentials();
  }
  if (acct.locked_until && acct.locked_until > now) throw lockedError(acct.locked_until, now);
  const ok = await verifyPassword(acct.password_hash, password);
  const actor: Actor = { ...anonymousActor(acct.username), accountId: acct.id, agencyId: acct.agency_id };
  // The outcome is committed first and the error thrown after: a failed attempt must be counted.
  const outcome = await inTransaction(ctx, actor, async (tx) => {
    if (!ok) {
      // The database increments, so concurrent failures through several processes are all counted.
      const { failed_attempts: failed } = await tx.db
        .updateTable('account')
        .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
        .where('id', '=', acct.id)
        .returning('failed_attempts')
        .executeTakeFirstOrThrow();
      const lock = failed >= MAX_FAILED_LOGINS ? new Date(tx.now.getTime() + LOCKOUT_MINUTES * 60_000) : null;
      if (lock) {
        await tx.db
          .updateTable('account')
          .set({ failed_attempts: 0, locked_until: lock })
          .where('id', '=', acct.id)
          .execute();
      }
      tx.record({
        action: lock ? 'auth.locked' : 'auth.login.failed',
        subject: `account:${acct.id}`,
        details: { failed },
      });
      return { lock };
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await tx.db
      .updateTable('account')
      .set({ failed_attempts: 0, locked_until: null, last_login_at: tx.now })
      .where('id', '=', acct.id)
      .execute();
    await tx.db
      .insertInto('session')
      .values({
        token_hash: sm3Hex(token),
        account_id: acct.id,
        csrf_token: csrfToken,
        created_at: tx.now,
        last_seen_at: tx.now,
      })
      .execute();
    tx.record({ action: 'auth.login', subject: `account:${acct.id}` });
    return { token, csrfToken };
  });
  if ('lock' in outcome) {
    if (outcome.lock) throw lockedError(outcome.lock, now);
    throw badCredentials();
  }
  return {
    token: outcome.token,
    csrfToken: outcome.csrfToken,
    accountId: acct.id,
    mustChangePassword: acct.must_change_password || passwordExpired(acct.password_changed_at, now),
  };
}

/** Resolves a bearer/cookie token; a session idle longer than the limit is ended. */
export async function resolveSession(ctx: Ctx, token: string): Promise<Principal | null> {
  const tokenHash = sm3Hex(token);
  const row = await ctx.db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .leftJoin('agency', 'agency.id', 'account.agency_id')
    .select([
      'session.last_seen_at',
      'session.csrf_token',
      'account.id',
      'account.username',
      'account.display_name',
      'account.kind',
      'account.agency_id',
      'account.must_change_password',
      'account.password_changed_at',
      'account.disabled',
      'agency.level as agency_level',
      'agency.kind as agency_kind',
    ])
    .where('session.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  const now = ctx.clock.now();
  const idleMs = now.getTime() - row.last_seen_at.getTime();
  if (row.disabled || idleMs > ctx.config.sessionIdleMinutes * 60_000) {
    await ctx.db.deleteFrom('session').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  if (idleMs > LAST_SEEN_RESOLUTION_MS) {
    await ctx.db
      .updateTable('session')
      .set({ last_seen_at: now })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
  const roles = (
    await ctx.db.selectFrom('account_role').select('role').where('account_id', '=', row.id).execute()
  ).map((r) => r.role);
  return {
    accountId: row.id,
    username: row.username,
    displayName: row.display_name,
    kind: row.kind,
    agencyId: row.agency_id,
    agencyLevel: row.agency_level,
    agencyKind: row.agency_kind,
    roles,
    permissions: permissionsOf(roles),
    mustChangePassword: row.must_change_password || passwordExpired(row.password_changed_at, now),
    csrfToken: row.csrf_token,
    tokenHash,
  };
}

export async function logout(ctx: Ctx, p: Principal): Promise<void> {
  await inTransaction(ctx, p, async (tx) => {
    await tx.db.deleteFrom('session').where('token_hash', '=', p.tokenHash).execute();
    tx.record({ action: 'auth.logout', subject: `account:${p.accountId}` });
  });
}

export async function changePassword(
  ctx: Ctx,
  p: Principal,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const acct = await ctx.db
    .selectFrom('account')
    .select(['password_hash'])
    .where('id', '=', p.accountId)
    .executeTakeFirst();
  if (!acct) throw unauthenticated();
  if (!(await verifyPassword(acct.password_hash, currentPassword))) {
    throw validationFailed([{ field: 'currentPassword', message: '当前密码不正确' }]);
  }
  const errors = checkPasswordPolicy(p.username, newPassword);
  if (currentPassword === newPassword)
    errors.push({ field: 'newPassword', message: '新密码不得与当前密码相同' });
  if (errors.length) throw validationFailed(errors, { detail: '新密码不符合密码策略' });
  const hashed = await hashPassword(newPassword);
  await inTransaction(ctx, p, async (tx) => {
    await tx.db
      .updateTable('account')
      .set({ password_hash: hashed, password_changed_at: tx.now, must_change_password: false })
      .where('id', '=', p.accountId)
      .execute();
    // Other sessions of this account end: whoever knew the old password is out.
    await tx.db
      .deleteFrom('session')
      .where('account_id', '=', p.accountId)
      .where('token_hash', '!=', p.tokenHash)
      .execute();
    tx.record({ action: 'auth.password.change', subject: `account:${p.accountId}` });
  });
}
