import { describe, expect, it } from 'vitest';
import { idCardCheckChar, idCardProblem, isValidIdCard, maskIdCard } from './id-card.ts';

describe('公民身份号码 GB 11643 check character', () => {
  it("accepts the standard's own examples", () => {
    // GB 11643-1999 annex examples: Beijing 朝阳区 with check X, Guangdong 汕头 with check 4.
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('440524188001010014')).toBe(true);
  });

  it('accepts a lower-case x and a Heilongjiang number', () => {
    expect(isValidIdCard('11010519491231002x')).toBe(true);
    const first17 = '23010219900307123';
    expect(isValidIdCard(first17 + idCardCheckChar(first17))).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(idCardProblem('110105194912310021')).toBe('身份证号码校验位不正确');
    expect(idCardProblem('440524188001010015')).toBe('身份证号码校验位不正确');
  });

  it('rejects malformed numbers and impossible or future birth dates', () => {
    expect(idCardProblem('11010519491231002')).toContain('18位');
    expect(idCardProblem('1101051949123100AX')).toContain('18位');
    const feb30 = '23010219900230123';
    expect(idCardProblem(feb30 + idCardCheckChar(feb30))).toBe('出生日期不是有效日期');
    const future = '23010220300101123';
    expect(idCardProblem(future + idCardCheckChar(future), '2026-01-05')).toBe('出生日期晚于今天');
  });

  it('masks all but the address code and the last four', () => {
    expect(maskIdCard('11010519491231002x')).toBe('110105********002X');
  });
});
