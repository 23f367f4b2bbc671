import { randomInt } from 'node:crypto';
import { checkPasswordPolicy } from './passwords.ts';

// Administrator-issued passwords (must be changed at first login). Look-alike characters are left
// out because these are read off a screen or a printout.
const CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=@!?'];
const ALL = CLASSES.join('');

/** A random password of every character class that passes the policy for `username`. */
export function oneTimePassword(username: string, length = 14): string {
  for (;;) {
    const chars = CLASSES.map((c) => c[randomInt(c.length)]);
    while (chars.length < length) chars.push(ALL[randomInt(ALL.length)]);
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    const pw = chars.join('');
    if (checkPasswordPolicy(username, pw).length === 0) return pw;
  }
}

export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;
export const USERNAME_RULE = '用户名须以小写字母开头，由3至32位小写字母、数字、点、下划线或连字符组成';
