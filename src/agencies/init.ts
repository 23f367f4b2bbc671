import { sql } from 'kysely';
import { type Ctx, inTransaction, systemActor } from '../kernel/context.ts';
import { conflict, validationFailed } from '../kernel/errors.ts';
import { assertUsernameFree } from './accounts.ts';
import { PROVINCE, PROVINCIAL_AUTHORITY_NAME } from './demo-data.ts';
import { oneTimePassword, USERNAME_PATTERN, USERNAME_RULE } from './one-time-password.ts';
import { hashPassword } from './passwords.ts';
import { loadRegionCodes } from './region-codes.ts';

const INIT_LOCK_KEY = 0x696e6974; // 'init'

/**
 * `govdata init` on an empty production database: the first system administrator, on the
 * provincial data authority (created if missing), with a one-time password to change at first login.
 * Every further account is opened by that administrator (三员分立: roles by the security administrator).
 */
export async function createAdministrator(
  ctx: Ctx,
  username: string,
  displayName: string,
): Promise<{ username: string; agencyName: string; password: string }> {
  if (!USERNAME_PATTERN.test(username))
    throw validationFailed([{ field: 'username', message: USERNAME_RULE }]);
  const password = oneTimePassword(username);
  const hashed = await hashPassword(password);
  return inTransaction(ctx, systemActor, async (tx) => {
    await sql`select pg_advisory_xact_lock(${INIT_LOCK_KEY})`.execute(tx.db);
    const existing = await tx.db
      .selectFrom('account_role')
      .innerJoin('account', 'account.id', 'account_role.account_id')
      .select('account.username')
      .where('account_role.role', '=', 'sys_admin')
      .executeTakeFirst();
    if (existing) {
      throw conflict('administrator-exists', '系统管理员已存在', {
        detail: `已有系统管理员账号 ${existing.username}。其他账号请由系统管理员登录后在“账号管理”中开设。`,
      });
    }
    await assertUsernameFree(tx, username);
    // The region codes come with the migrations; restore them should they be missing.
    if (!(await tx.db.selectFrom('region').select('code').where('code', '=', PROVINCE).executeTakeFirst())) {
      await loadRegionCodes(tx.db);
    }
    let authority = await tx.db
      .selectFrom('agency')
      .select(['id', 'name'])
      .where('kind', '=', 'authority')
      .where('region_code', '=', PROVINCE)
      .executeTakeFirst();
    const created = !authority;
    if (!authority) {
      authority = await tx.db
        .insertInto('agency')
        .values({
          code: 'hlj',
          name: PROVINCIAL_AUTHORITY_NAME,
          short_name: '省数据主管部门',
          kind: 'authority',
          level: 'province',
          region_code: PROVINCE,
          supervising_agency_id: null,
          uscc: null,
          display_order: 1,
          created_at: tx.now,
        })
        .returning(['id', 'name'])
        .executeTakeFirstOrThrow();
      tx.record({
        action: 'agency.create',
        subject: `agency:${authority.id}`,
        details: { name: authority.name },
      });
    }
    const { id } = await tx.db
      .insertInto('account')
      .values({
        username,
        display_name: displayName,
        kind: 'staff',
        agency_id: authority.id,
        password_hash: hashed,
        password_changed_at: tx.now,
        must_change_password: true,
        created_at: tx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.db.insertInto('account_role').values({ account_id: id, role: 'sys_admin' }).execute();
    tx.record({
      action: 'account.init',
      subject: `account:${id}`,
      details: { username, role: 'sys_admin', agencyId: authority.id, agencyCreated: created },
    });
    return { username, agencyName: authority.name, password };
  });
}
