// Compiled checks for the coded identifiers (Art. 19: ID-card and USCC check digits, region codes).
import { idCardCheckChar } from '../../agencies/id-card.ts';
import { usccCheckChar } from '../../agencies/uscc.ts';
import { idNumberFinding, type RegionIndex, usccFinding, usccFormatMessage } from './codes.ts';
import type { Failure, Severity } from './types.ts';

export type CellCheck = (v: string, row: number) => Failure | null;

const warn = (ruleId: string, message: string): Failure =>
  Object.freeze({ ruleId, severity: 'warning', message });

export function idNumberCheck(severity: Severity, todayKey: number, regions: RegionIndex): CellCheck {
  const hard = (ruleId: string, message: string): Failure => Object.freeze({ ruleId, severity, message });
  const legacy = hard(
    'id_number.legacy_15',
    '公民身份号码为15位旧号码（第一代居民身份证已于2013年1月1日停止使用），应为18位',
  );
  const format = hard('id_number.format', '公民身份号码应为18位，前17位为数字，末位为数字或X');
  const birth = hard('id_number.birth_date', '公民身份号码中的出生日期不是有效日期');
  const future = hard('id_number.birth_future', '公民身份号码中的出生日期晚于今天');
  return (v) => {
    switch (idNumberFinding(v, todayKey, regions)) {
      case null:
        return null;
      case 'legacy_15':
        return legacy;
      case 'format':
        return format;
      case 'birth_date':
        return birth;
      case 'birth_future':
        return future;
      case 'check_digit':
        return hard('id_number.check_digit', `公民身份号码校验位错误（应为 ${idCardCheckChar(v)}）`);
      case 'region_unknown':
        // Art. 19 with GB 11643: the address code records where the number was first issued; codes since
        // abolished stay on valid cards, so an unknown prefix cannot reject the row.
        return warn(
          'id_number.region_unknown',
          v[0] === '9'
            ? `公民身份号码地址码 ${v.slice(0, 6)} 不在行政区划代码表中；以9开头的可能为外国人永久居留身份证号码，请核实`
            : `公民身份号码地址码 ${v.slice(0, 6)} 不在现行行政区划代码表中（已撤销区划的旧代码仍然有效），请核实`,
        );
    }
  };
}

export function usccCheck(severity: Severity, regions: RegionIndex): CellCheck {
  const legacyReg = warn(
    'uscc.legacy_registration_number',
    '为15位旧版工商注册号（三证合一前颁发），不是统一社会信用代码；校验位正确，请补充统一社会信用代码',
  );
  const legacyOrg = warn(
    'uscc.legacy_org_code',
    '为9位组织机构代码（GB 11714，三证合一前颁发），不是统一社会信用代码；校验位正确，请补充统一社会信用代码',
  );
  return (v) => {
    switch (usccFinding(v, regions)) {
      case null:
        return null;
      case 'format':
        return { ruleId: 'uscc.format', severity, message: usccFormatMessage(v) };
      case 'check_digit':
        return {
          ruleId: 'uscc.check_digit',
          severity,
          message: `统一社会信用代码校验位错误（应为 ${usccCheckChar(v)}）`,
        };
      case 'legacy_registration_number':
        return legacyReg;
      case 'legacy_org_code':
        return legacyOrg;
      case 'department_unknown':
        return warn(
          'uscc.department_unknown',
          `登记管理部门码「${v[0]}」不在 GB 32100 及其后增补的代码表中，可能为新增的赋码部门，请核实`,
        );
      case 'category_unknown':
        return warn(
          'uscc.category_unknown',
          `机构类别码「${v[1]}」不在登记管理部门码「${v[0]}」的类别表中，可能为新增类别，请核实`,
        );
      case 'region_unknown':
        // The code is kept for life: a registration authority whose region was later merged keeps its code.
        return warn(
          'uscc.region_unknown',
          `登记管理机关行政区划码 ${v.slice(2, 8)} 不在现行行政区划代码表中（区划调整前赋予的代码终身不变），请核实`,
        );
    }
  };
}

export function regionCodeCheck(severity: Severity, regions: RegionIndex): CellCheck {
  const format: Failure = Object.freeze({
    ruleId: 'region_code.format',
    severity,
    message: '行政区划代码应为6位数字',
  });
  const unknown = warn('region_code.unknown', '行政区划代码不在现行代码表中（可能为已撤销的旧代码），请核实');
  return (v) => {
    if (v.length !== 6 || !/^\d{6}$/.test(v)) return format;
    return regions.hasAt(v, 0) ? null : unknown;
  };
}
