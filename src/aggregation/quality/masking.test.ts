import { describe, expect, it } from 'vitest';
import { maskValue } from './masking.ts';

describe('maskValue', () => {
  it('ID numbers keep the address code and the last four (src/agencies maskIdCard)', () => {
    expect(maskValue('11010519491231002x', 'id_number')).toBe('110105********002X');
    expect(maskValue('230103198506152313', 'id_number')).toBe('230103********2313');
    expect(maskValue('230103850615231', 'id_number')).toBe('230103*****5231');
    expect(maskValue('12345', 'id_number')).toBe('******');
  });

  it('phones: mobile 3+4, landline area code + last two', () => {
    expect(maskValue('13812345678', 'phone')).toBe('138****5678');
    expect(maskValue('+86 138-1234-5678', 'phone')).toBe('138****5678');
    expect(maskValue('0451-86412345', 'phone')).toBe('0451-******45');
    expect(maskValue('(010)62345678转806', 'phone')).toBe('010-******78');
    expect(maskValue('12345', 'phone')).toBe('******');
  });

  it('names keep the surname (two characters for a compound surname with a two-character given name)', () => {
    expect(maskValue('张三', 'name')).toBe('张*');
    expect(maskValue('王小明', 'name')).toBe('王**');
    expect(maskValue('欧阳娜娜', 'name')).toBe('欧阳**');
    expect(maskValue('欧阳修', 'name')).toBe('欧**');
    expect(maskValue('买买提·吐尔逊', 'name')).toBe('买******');
  });

  it('addresses keep the levels up to the county', () => {
    expect(maskValue('黑龙江省哈尔滨市南岗区学府路52号', 'address')).toBe('黑龙江省哈尔滨市南岗区******');
    expect(maskValue('黑龙江省大兴安岭地区漠河市北极镇北极村', 'address')).toBe(
      '黑龙江省大兴安岭地区漠河市******',
    );
    expect(maskValue('北京市朝阳区建国路88号', 'address')).toBe('北京市朝阳区******');
    expect(maskValue('哈尔滨市道里区中央大街1号', 'address')).toBe('哈尔滨市道里区******');
    expect(maskValue('黑龙江省五常市山河镇', 'address')).toBe('黑龙江省五常市******');
    expect(maskValue('内蒙古自治区呼和浩特市新城区', 'address')).toBe('内蒙古自治区呼和浩特市新城区******');
    // 动力区 was merged into 香坊区 in 2006: what is not in the current table is masked.
    expect(maskValue('黑龙江省哈尔滨市动力区和平路8号', 'address')).toBe('黑龙江省哈尔滨市******');
    // A street number and 小区 are not a district.
    expect(maskValue('学府路52号院小区3栋', 'address')).toBe('******');
  });

  it('bank cards, e-mail, birth dates and other PI', () => {
    expect(maskValue('6222 0212 3456 7894', 'financial')).toBe('622202******7894');
    expect(maskValue('6212261202011584349', 'financial')).toBe('621226*********4349');
    expect(maskValue('zhangsan@hlj.gov.cn', 'email')).toBe('z***@hlj.gov.cn');
    expect(maskValue('1949-12-31', 'birth_date')).toBe('1949-**-**');
    expect(maskValue('19491231', 'birth_date')).toBe('1949****');
    expect(maskValue('乙肝阳性', 'health')).toBe('******');
    expect(maskValue('某项', 'other')).toBe('******');
  });

  it('leaves non-PI values and empty values as they are', () => {
    expect(maskValue('哈尔滨市南岗区人民政府', null)).toBe('哈尔滨市南岗区人民政府');
    expect(maskValue(null, 'name')).toBeNull();
    expect(maskValue('  ', 'name')).toBe('');
  });
});
