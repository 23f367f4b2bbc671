import { anonymousActor, type Ctx, inTransaction } from '../kernel/context.ts';
import { type FieldError, validationFailed } from '../kernel/errors.ts';
import { assertUsernameFree } from './accounts.ts';
import { idCardProblem, maskIdCard } from './id-card.ts';
import { USERNAME_PATTERN, USERNAME_RULE } from './one-time-password.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';
import { usccProblem } from './uscc.ts';

// Public accounts (公众用户): natural persons, and legal persons or other organisations identified
// by their USCC. They browse and download open data and apply for conditional open data (Art. 34).
export interface Registration {
  subjectType: 'natural' | 'legal';
  username: string;
  password: string;
  phone: string;
  /** Natural person. */
  name?: string;
  idCardNumber?: string;
  /** Legal person or other organisation. */
  organisationName?: string;
  uscc?: string;
  contactName?: string;
}

const MOBILE = /^1[3-9]\d{9}$/;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

const blank = (v: string | undefined) => !v?.trim();

function registrationErrors(r: Registration, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!USERNAME_PATTERN.test(r.username)) errors.push({ field: 'username', message: USERNAME_RULE });
  errors.push(...checkPasswordPolicy(r.username, r.password, 'password'));
  if (!MOBILE.test(r.phone)) errors.push({ field: 'phone', message: '手机号码应为11位，以1开头' });
  if (r.subjectType === 'natural') {
    if (blank(r.name)) errors.push({ field: 'name', message: '请填写姓名' });
    const id = r.idCardNumber ?? '';
    const problem = id ? idCardProblem(id, today) : '请填写身份证号码';
    if (problem) errors.push({ field: 'idCardNumber', message: problem });
  } else {
    if (blank(r.organisationName)) errors.push({ field: 'organisationName', message: '请填写单位名称' });
    const problem = r.uscc ? usccProblem(r.uscc) : '请填写统一社会信用代码';
    if (problem) errors.push({ field: 'uscc', message: problem });
    if (blank(r.contactName)) errors.push({ field: 'contactName', message: '请填写联系人姓名' });
  }
  return errors;
}

export async function registerPublicAccount(
  ctx: Ctx,
  r: Registration,
): Promise<{ id: number; username: string; subjectType: 'natural' | 'legal' }> {
  const today = new Date(ctx.clock.now().getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
  const errors = registrationErrors(r, today);
  if (errors.length) throw validationFailed(errors, { detail: '注册信息有误，请按提示修改' });
  const hashed = await hashPassword(r.password);
  const natural = r.subjectType === 'natural';
  return inTransaction(ctx, anonymousActor(r.username), async (tx) => {
    await assertUsernameFree(tx, r.username);
    const { id } = await tx.db
      .insertInto('account')
      .values({
        username: r.username,
        display_name: (natural ? r.name! : r.organisationName!).trim(),
        kind: 'public',
        agency_id: null,
        password_hash: hashed,
        password_changed_at: tx.now,
        must_change_password: false,
        public_subject: r.subjectType,
        uscc: natural ? null : r.uscc!,
        phone: r.phone,
        // Only a masked ID number is kept: the platform needs to recognise, not to hold, it.
        id_card_masked: natural ? maskIdCard(r.idCardNumber!) : null,
        contact_name: natural ? null : r.contactName!.trim(),
        created_at: tx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.db.insertInto('account_role').values({ account_id: id, role: 'public' }).execute();
    tx.record({
      action: 'account.register',
      subject: `account:${id}`,
      details: { subjectType: r.subjectType, ...(natural ? {} : { uscc: r.uscc }) },
    });
    return { id, username: r.username, subjectType: r.subjectType };
  });
}
