import type { Kysely } from 'kysely';

// The catalog standard as first issued (Art. 12, 13, 14, 20). Later changes go through the
// dictionary routes, versioned and ledgered. Stamped with the day the Measures took effect.
const ISSUED = new Date('2025-01-06T00:00:00+08:00');
const BY = 'system';

type Term = [code: string, name: string, parent?: string | null, rank?: number | null];

// 分类码: 类 (1 digit) + 项 (2) + 目 (3) (+ 细目, 2). An entry is filed under a 目 or 细目.
const CLASSES: Term[] = [
  ['1', '基础信息资源'],
  ['101', '人口', '1'],
  ['101001', '人口基本信息', '101'],
  ['101002', '户籍信息', '101'],
  ['101003', '婚姻登记信息', '101'],
  ['101004', '出生信息', '101'],
  ['102', '法人', '1'],
  ['102001', '法人基本信息', '102'],
  ['102002', '企业登记信息', '102'],
  ['103', '自然资源和空间地理', '1'],
  ['103001', '不动产登记信息', '103'],
  ['103002', '自然资源调查信息', '103'],
  ['104', '电子证照', '1'],
  ['104001', '个人证照信息', '104'],
  ['104002', '法人证照信息', '104'],
  ['2', '主题信息资源'],
  ['201', '医疗健康', '2'],
  ['201001', '医疗服务信息', '201'],
  ['202', '政务服务', '2'],
  ['202001', '政务服务办件信息', '202'],
  ['203', '社会保障', '2'],
  ['203001', '社会保险参保信息', '203'],
  ['203002', '社会救助信息', '203'],
  ['204', '生态环保', '2'],
  ['204001', '环境监测信息', '204'],
  ['205', '信用体系', '2'],
  ['205001', '公共信用信息', '205'],
  ['206', '应急管理', '2'],
  ['206001', '应急事件信息', '206'],
  ['207', '国资监管', '2'],
  ['207001', '国有资产信息', '207'],
  ['3', '部门信息资源'],
  ['301', '公安', '3'],
  ['301001', '治安管理信息', '301'],
  ['302', '民政', '3'],
  ['302001', '民政服务信息', '302'],
  ['303', '人力资源和社会保障', '3'],
  ['303001', '就业创业信息', '303'],
];

// Art. 20: base and theme databases.
const GROUPS: Term[] = [
  ['base', '基础库'],
  ['base.population', '人口', 'base'],
  ['base.legal-person', '法人', 'base'],
  ['base.geo', '自然资源和空间地理', 'base'],
  ['base.license', '电子证照', 'base'],
  ['theme', '主题库'],
  ['theme.health', '医疗健康', 'theme'],
  ['theme.service', '政务服务', 'theme'],
  ['theme.social-security', '社会保障', 'theme'],
  ['theme.ecology', '生态环保', 'theme'],
  ['theme.credit', '信用体系', 'theme'],
  ['theme.emergency', '应急管理', 'theme'],
  ['theme.state-assets', '国资监管', 'theme'],
  ['special', '专题库'],
  ['department', '部门目录'],
];

const FORMATS: Term[] = [
  ['table', '库表'],
  ['file', '文件'],
  ['api', '接口'],
];

const FREQUENCIES: Term[] = [
  ['realtime', '实时'],
  ['daily', '每日'],
  ['weekly', '每周'],
  ['monthly', '每月'],
  ['quarterly', '每季度'],
  ['yearly', '每年'],
  ['irregular', '不定期'],
];

// Art. 14: rank orders the grades; sub-levels of 一般 sit between 一般 and 重要.
const GRADES: Term[] = [
  ['core', '核心', null, 300],
  ['important', '重要', null, 200],
  ['general', '一般', null, 100],
  ['general-1', '一般-1', 'general', 101],
  ['general-2', '一般-2', 'general', 102],
];

type Element = {
  name: string;
  synonyms: string[];
  field: string;
  type: string;
  length: number | null;
  rule: string | null;
  standard: string | null;
  pi: string | null;
  grade: string | null;
};

const el = (
  name: string,
  synonyms: string[],
  field: string,
  type: string,
  length: number | null,
  rule: string | null,
  standard: string | null,
  pi: string | null,
  grade: string | null,
): Element => ({ name, synonyms, field, type, length, rule, standard, pi, grade });

// 数据元: the shared vocabulary data items bind to (Art. 12 standard, Art. 17 duplicate check later).
export const DATA_ELEMENTS: Element[] = [
  el(
    '公民身份号码',
    ['身份证号', '证件号码', '身份证号码'],
    'GMSFHM',
    'string',
    18,
    '6位行政区划码+8位出生日期+3位顺序码+1位校验码（ISO 7064 MOD 11-2）',
    'GB 11643-1999',
    'id_number',
    'important',
  ),
  el('姓名', ['名字', '人员姓名'], 'XM', 'string', 50, null, 'GA/T 2000.1', 'name', 'general-2'),
  el(
    '性别代码',
    ['性别'],
    'XBDM',
    'string',
    1,
    '0未知的性别 1男性 2女性 9未说明的性别',
    'GB/T 2261.1-2003',
    null,
    'general',
  ),
  el('出生日期', ['生日'], 'CSRQ', 'date', 8, 'YYYYMMDD', 'GB/T 7408', 'birth_date', 'general-2'),
  el(
    '联系电话',
    ['电话号码', '联系方式'],
    'LXDH',
    'string',
    20,
    '固定电话或移动电话号码',
    null,
    'phone',
    'general-2',
  ),
  el('手机号码', ['手机号', '移动电话'], 'SJHM', 'string', 11, '1开头的11位数字', null, 'phone', 'important'),
  el(
    '统一社会信用代码',
    ['社会信用代码', '信用代码'],
    'TYSHXYDM',
    'string',
    18,
    '18位，含登记管理部门码、机构类别码、行政区划码、主体标识码和校验码',
    'GB 32100-2015',
    null,
    'general',
  ),
  el('行政区划代码', ['区划代码'], 'XZQHDM', 'string', 6, '6位数字', 'GB/T 2260', null, 'general'),
  el('地址', ['住址', '详细地址', '居住地址'], 'DZ', 'string', 200, null, null, 'address', 'general-2'),
  el('户籍地址', ['户籍所在地', '户口所在地'], 'HJDZ', 'string', 200, null, null, 'address', 'general-2'),
  el('企业名称', ['单位名称', '法人名称'], 'QYMC', 'string', 200, null, null, null, 'general'),
  el('法定代表人', ['法人代表', '法定代表人姓名'], 'FDDBR', 'string', 50, null, null, 'name', 'general-1'),
  el('注册资本', ['注册资金'], 'ZCZB', 'decimal', 18, '单位：万元', null, null, 'general'),
  el('成立日期', ['注册日期'], 'CLRQ', 'date', 8, 'YYYYMMDD', 'GB/T 7408', null, 'general'),
  el(
    '不动产单元号',
    ['不动产单元代码'],
    'BDCDYH',
    'string',
    28,
    '28位：宗地（宗海）代码+定着物单元代码',
    'GB/T 37346-2019',
    null,
    'general-1',
  ),
  el(
    '婚姻登记类型',
    ['登记类型'],
    'HYDJLX',
    'string',
    2,
    '代码：结婚登记、离婚登记、补发结婚证、补发离婚证',
    null,
    null,
    'general',
  ),
  el(
    '婚姻状况代码',
    ['婚姻状况'],
    'HYZKDM',
    'string',
    2,
    '10未婚 20已婚 30丧偶 40离婚',
    'GB/T 2261.2-2003',
    null,
    'general-2',
  ),
  el('民族代码', ['民族'], 'MZDM', 'string', 2, '2位数字代码', 'GB/T 3304-1991', null, 'general'),
  el('登记日期', ['办理日期'], 'DJRQ', 'date', 8, 'YYYYMMDD', 'GB/T 7408', null, 'general'),
  el(
    '社会保障号码',
    ['社保号码', '社会保障卡号'],
    'SHBZHM',
    'string',
    18,
    '同公民身份号码',
    'GB 11643-1999',
    'id_number',
    'important',
  ),
  el(
    '电子邮箱',
    ['邮箱', '电子邮件'],
    'DZYX',
    'string',
    100,
    '符合 RFC 5322 的邮箱地址',
    null,
    'email',
    'general-2',
  ),
  el('证照编号', ['证书编号', '证照号码'], 'ZZBH', 'string', 64, null, null, null, 'general'),
];

export async function seedDictionaries(db: Kysely<any>): Promise<void> {
  const stamp = { version: 1, updated_at: ISSUED, updated_by: BY, retired_at: null };
  const terms = (dictionary: string, list: Term[]) =>
    list.map(([code, name, parent, rank], i) => ({
      dictionary,
      code,
      name,
      parent_code: parent ?? null,
      rank: rank ?? null,
      sort_order: i + 1,
      description: null,
      ...stamp,
    }));
  await db
    .insertInto('catalog_term')
    .values([
      ...terms('classes', CLASSES),
      ...terms('groups', GROUPS),
      ...terms('formats', FORMATS),
      ...terms('frequencies', FREQUENCIES),
      ...terms('grades', GRADES),
    ])
    .execute();
  await db
    .insertInto('catalog_data_element')
    .values(
      DATA_ELEMENTS.map((e, i) => ({
        identifier: `DE${String(i + 1).padStart(5, '0')}`,
        name: e.name,
        synonyms: e.synonyms,
        field_name: e.field,
        data_type: e.type,
        length: e.length,
        format_rule: e.rule,
        standard: e.standard,
        pi_kind: e.pi,
        default_grade: e.grade,
        ...stamp,
      })),
    )
    .execute();
}
