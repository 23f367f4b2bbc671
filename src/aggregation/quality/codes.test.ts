import { describe, expect, it } from 'vitest';
import { idCardCheckChar, isValidIdCard } from '../../agencies/id-card.ts';
import { orgCodeCheckChar, usccCheckChar } from '../../agencies/uscc.ts';
import { registrationNumberValid } from './codes.ts';
import { compileColumnRules } from './rules.ts';
import type { Failure } from './types.ts';

const ctx = { today: '2026-01-05' };
const ids = (fs: readonly Failure[] | null) => (fs ?? []).map((f) => f.ruleId);

/** A USCC with a right check character: department+category+region (8), subject body (8), its GB 11714 character. */
function uscc(prefix8: string, body8: string, orgCheck = orgCodeCheckChar(body8)): string {
  const first17 = prefix8 + body8 + orgCheck;
  return first17 + usccCheckChar(first17);
}

describe('id_number rule (GB 11643)', () => {
  const check = compileColumnRules([{ kind: 'id_number' }], ctx);

  // Check characters below were computed with a separate Python implementation of ISO 7064 MOD 11-2
  // (weights 2^(17-i) mod 11), not with the code under test.
  it.each([
    '11010519491231002X', // GB 11643-1999's own example (北京市朝阳区)
    '11010519491231002x', // lower-case x is read as X
    '230103198506152313', // 哈尔滨市南岗区
    '230102199003071237', // 哈尔滨市道里区
    '231004200002290028', // 牡丹江市爱民区, born on a leap day
    '232701196310084526', // 漠河市
  ])('accepts %s', (id) => {
    expect(check(id, 1)).toBeNull();
  });

  it('names the right check character when it is wrong', () => {
    const f = check('230103198506152314', 1);
    expect(ids(f)).toEqual(['id_number.check_digit']);
    expect(f?.[0].message).toBe('公民身份号码校验位错误（应为 3）');
    expect(f?.[0].severity).toBe('error');
    expect(check('110105194912310021', 1)?.[0].message).toBe('公民身份号码校验位错误（应为 X）');
  });

  it('rejects bad shapes, impossible and future birth dates, and 15-digit first-generation numbers', () => {
    expect(ids(check('23010319850615231', 1))).toEqual(['id_number.format']);
    expect(ids(check('2301031985061523A3', 1))).toEqual(['id_number.format']);
    const feb30 = '23010319900230123';
    expect(ids(check(feb30 + idCardCheckChar(feb30), 1))).toEqual(['id_number.birth_date']);
    const tomorrow = '23010320260106123';
    expect(ids(check(tomorrow + idCardCheckChar(tomorrow), 1))).toEqual(['id_number.birth_future']);
    const today = '23010320260105123';
    expect(check(today + idCardCheckChar(today), 1)).toBeNull();
    expect(ids(check('230103850615231', 1))).toEqual(['id_number.legacy_15']);
  });

  it('only warns about an address code missing from the current table', () => {
    // GB 11643's second example: 440524 (汕头市潮阳县) was abolished and is no longer in GB/T 2260.
    const f = check('440524188001010014', 1);
    expect(f).toEqual([expect.objectContaining({ ruleId: 'id_number.region_unknown', severity: 'warning' })]);
    expect(f?.[0].message).toContain('440524');
    // 哈尔滨市动力区 (230107), merged into 香坊区 in 2006.
    const old = '23010719700101123';
    expect(ids(check(old + idCardCheckChar(old), 1))).toEqual(['id_number.region_unknown']);
    // 港澳台居民居住证 use 810000/820000/830000 and are valid without a warning.
    const hk = '81000019900101123';
    expect(check(hk + idCardCheckChar(hk), 1)).toBeNull();
  });

  it('agrees with src/agencies isValidIdCard on a sweep of numbers (errors only)', () => {
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 3000; i++) {
      const y = 1840 + Math.floor(rand() * 200);
      const m = 1 + Math.floor(rand() * 13);
      const d = 1 + Math.floor(rand() * 31);
      const body = `230103${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(Math.floor(rand() * 1000)).padStart(3, '0')}`;
      const last = rand() < 0.5 ? idCardCheckChar(body) : '0123456789X'[Math.floor(rand() * 11)];
      const id = body + last;
      const hasError = (check(id, 1) ?? []).some((f) => f.severity === 'error');
      expect(hasError, id).toBe(!isValidIdCard(id, '2026-01-05'));
    }
  });
});

describe('uscc rule (GB 32100)', () => {
  const check = compileColumnRules([{ kind: 'uscc' }], ctx);

  it.each([
    '91350100M000100Y43', // GB 32100-2015's example
    '914403001922038216', // 华为技术有限公司 (published)
    '91440300708461136T', // 腾讯科技（深圳）有限公司 (published)
  ])('accepts %s', (code) => {
    expect(check(code, 1)).toBeNull();
  });

  it('a wrong check character is an error naming the right one', () => {
    const f = check('91350100M000100Y44', 1);
    expect(f).toEqual([expect.objectContaining({ ruleId: 'uscc.check_digit', severity: 'error' })]);
    expect(f?.[0].message).toBe('统一社会信用代码校验位错误（应为 3）');
  });

  it('bad length and characters are format errors, in the agencies validator’s words', () => {
    expect(check('91350100M000100Y4', 1)?.[0]).toMatchObject({
      ruleId: 'uscc.format',
      message: '统一社会信用代码应为18位',
    });
    expect(check('91350100m000100y43', 1)?.[0].message).toContain('字母须大写');
  });

  it('reports lawful exceptions as warnings with a Chinese explanation', () => {
    // A 15-digit 工商注册号 from before 三证合一 (GS 15-2006, ISO 7064 MOD 11,10 check digit).
    expect(registrationNumberValid('321000400012591')).toBe(true);
    expect(registrationNumberValid('321000400012592')).toBe(false);
    expect(check('321000400012591', 1)?.[0]).toMatchObject({
      ruleId: 'uscc.legacy_registration_number',
      severity: 'warning',
    });
    expect(ids(check('321000400012592', 1))).toEqual(['uscc.format']);
    // A 9-character 组织机构代码: GB 11714's worked example D2143569-X.
    expect(check('D2143569-X', 1)?.[0]).toMatchObject({
      ruleId: 'uscc.legacy_org_code',
      severity: 'warning',
    });
    // Valid check digits, but a department (B), a category (9 under 工商) or a region outside the tables.
    expect(check(uscc('91230103', 'MA1B2C3D'), 1)).toBeNull();
    const dept = check(uscc('B1230103', 'MA1B2C3D'), 1);
    expect(dept).toEqual([
      expect.objectContaining({ ruleId: 'uscc.department_unknown', severity: 'warning' }),
    ]);
    expect(dept?.[0].message).toContain('登记管理部门码「B」');
    expect(ids(check(uscc('94230103', 'MA1B2C3D'), 1))).toEqual(['uscc.category_unknown']);
    expect(ids(check(uscc('N2230103', 'MA1B2C3D'), 1))).toEqual([]); // 农业: 村级集体经济组织
    // 230107 (哈尔滨市动力区) was merged in 2006; codes issued before keep it for life.
    expect(ids(check(uscc('91230107', 'MA1B2C3D'), 1))).toEqual(['uscc.region_unknown']);
    // The 主体标识码 is not held to GB 11714 separately: the USCC check character covers it.
    const wrongOrg = orgCodeCheckChar('MA1B2C3D') === '0' ? '1' : '0';
    expect(check(uscc('91230103', 'MA1B2C3D', wrongOrg), 1)).toBeNull();
  });

  it('central-level registrations (region 100000) are not flagged', () => {
    expect(check(uscc('11100000', '00001312'), 1)).toBeNull();
  });
});

describe('region_code rule (GB/T 2260)', () => {
  const check = compileColumnRules([{ kind: 'region_code' }], ctx);
  it('known codes pass, well-formed unknown ones warn, others are errors', () => {
    expect(check('230103', 1)).toBeNull();
    expect(check('230000', 1)).toBeNull();
    expect(check('230107', 1)?.[0]).toMatchObject({ ruleId: 'region_code.unknown', severity: 'warning' });
    expect(check('23010', 1)?.[0]).toMatchObject({ ruleId: 'region_code.format', severity: 'error' });
    expect(check('23A103', 1)?.[0].ruleId).toBe('region_code.format');
  });
  it('uses a given code list instead of the shipped table', () => {
    const own = compileColumnRules([{ kind: 'region_code' }], { ...ctx, regionCodes: ['999999'] });
    expect(own('999999', 1)).toBeNull();
    expect(own('230103', 1)?.[0].ruleId).toBe('region_code.unknown');
  });
});
