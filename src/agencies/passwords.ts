import { hash, verify } from '@node-rs/argon2';
import type { FieldError } from '../kernel/errors.ts';

// 等保 level 3 habits: argon2id hashes, a length and class policy, and periodic change.
export const PASSWORD_MAX_AGE_DAYS = 90;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

// algorithm 2 = Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const ARGON2 = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (pw: string) => hash(pw, ARGON2);
export const verifyPassword = (hashed: string, pw: string) => verify(hashed, pw).catch(() => false);

// A real hash to verify against when the username is unknown, so timing does not reveal accounts.
let dummy: Promise<string> | null = null;
export const dummyHash = () => {
  dummy ??= hashPassword('unused-Dummy#password');
  return dummy;
};

export function checkPasswordPolicy(username: string, pw: string, field = 'newPassword'): FieldError[] {
  const errors: FieldError[] = [];
  if (pw.length < 10) errors.push({ field, message: '密码长度不得少于10位' });
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  if (classes < 3) errors.push({ field, message: '密码须包含大写字母、小写字母、数字、符号中的至少三类' });
  if (username && pw.toLowerCase().includes(username.toLowerCase())) {
    errors.push({ field, message: '密码不得包含用户名' });
  }
  return errors;
}
