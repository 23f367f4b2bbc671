import { describe, expect, it } from 'vitest';
import { governmentUscc, isValidUscc, orgCodeCheckChar, usccProblem } from './uscc.ts';

// Published codes of well-known companies (national enterprise credit publicity system; Huawei's and
// Tencent's are also cited by Wikipedia and public registries).
const REAL = [
  '914403001922038216', // 华为技术有限公司
  '91440300708461136T', // 腾讯科技（深圳）有限公司
  '91330100799655058B', // 阿里巴巴（中国）有限公司
  '91110108551385082Q', // 小米科技有限责任公司
  '91110000802100433B', // 百度在线网络技术（北京）有限公司
];

describe('统一社会信用代码 GB 32100 check digit', () => {
  it.each(REAL)('accepts the published code %s', (code) => {
    expect(isValidUscc(code)).toBe(true);
    expect(usccProblem(code)).toBeNull();
  });

  it.each([
    '914403001922038217', // Huawei, last digit changed
    '91440300708461136U', // Tencent, check letter changed
    '91330100799655058A',
  ])('rejects %s: wrong check character', (code) => {
    expect(isValidUscc(code)).toBe(false);
    expect(usccProblem(code)).toBe('统一社会信用代码校验位不正确');
  });

  it('rejects a transposition of two characters', () => {
    expect(isValidUscc('914403001922038126')).toBe(false);
  });

  it('rejects wrong length, lower case and excluded letters', () => {
    expect(usccProblem('91440300708461136')).toBe('统一社会信用代码应为18位');
    expect(isValidUscc('91440300708461136t')).toBe(false);
    expect(usccProblem('91440300708461136I')).toContain('不允许的字符');
    expect(isValidUscc('9144O300708461136T')).toBe(false);
  });

  it('builds government (11…) codes that pass, with a GB 11714 organisation-code check', () => {
    // GB 11714's worked example: D2143569 → check character X.
    expect(orgCodeCheckChar('D2143569')).toBe('X');
    const code = governmentUscc('230000', '00012345');
    expect(code).toMatch(/^11230000/);
    expect(isValidUscc(code)).toBe(true);
  });
});
