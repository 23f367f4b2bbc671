// The demo province: a plausible Heilongjiang directory. Agency names follow the real institutions;
// data officers, phone numbers and USCCs are invented (the USCCs are built to pass the check digit).
import type { AgencyKind } from './schema.ts';

export interface DemoAgency {
  code: string;
  name: string;
  shortName: string;
  kind: AgencyKind;
  regionCode: string;
  /** 排序号 within its region. */
  order: number;
  /** Named officers (Art. 6); the first is the primary one. Left empty, two are invented. */
  officers?: { name: string; title: string }[];
}

export const PROVINCE = '230000';
export const PROVINCIAL_AUTHORITY_NAME = '黑龙江省政务数据主管部门';

const authority = (code: string, name: string, shortName: string, regionCode: string): DemoAgency => ({
  code,
  name,
  shortName,
  kind: 'authority',
  regionCode,
  order: 1,
});

// GB/T 2260 prefecture codes of Heilongjiang with the demo agency codes and long-distance area codes.
export const CITIES: { region: string; code: string; name: string; short: string; areaCode: string }[] = [
  { region: '230100', code: 'hrb', name: '哈尔滨市', short: '哈尔滨', areaCode: '0451' },
  { region: '230200', code: 'qqhr', name: '齐齐哈尔市', short: '齐齐哈尔', areaCode: '0452' },
  { region: '230300', code: 'jx', name: '鸡西市', short: '鸡西', areaCode: '0467' },
  { region: '230400', code: 'hg', name: '鹤岗市', short: '鹤岗', areaCode: '0468' },
  { region: '230500', code: 'sys', name: '双鸭山市', short: '双鸭山', areaCode: '0469' },
  { region: '230600', code: 'dq', name: '大庆市', short: '大庆', areaCode: '0459' },
  { region: '230700', code: 'yc', name: '伊春市', short: '伊春', areaCode: '0458' },
  { region: '230800', code: 'jms', name: '佳木斯市', short: '佳木斯', areaCode: '0454' },
  { region: '230900', code: 'qth', name: '七台河市', short: '七台河', areaCode: '0464' },
  { region: '231000', code: 'mdj', name: '牡丹江市', short: '牡丹江', areaCode: '0453' },
  { region: '231100', code: 'hh', name: '黑河市', short: '黑河', areaCode: '0456' },
  { region: '231200', code: 'sh', name: '绥化市', short: '绥化', areaCode: '0455' },
  { region: '232700', code: 'dxal', name: '大兴安岭地区', short: '大兴安岭', areaCode: '0457' },
];

const dept = (
  code: string,
  name: string,
  shortName: string,
  regionCode: string,
  order: number,
  officers?: DemoAgency['officers'],
): DemoAgency => ({ code, name, shortName, kind: 'department', regionCode, order, officers });

export const DEMO_AGENCIES: DemoAgency[] = [
  {
    ...authority('hlj', PROVINCIAL_AUTHORITY_NAME, '省数据主管部门', PROVINCE),
    order: 2,
    officers: [
      { name: '王立新', title: '数据资源处处长' },
      { name: '李雪梅', title: '数据资源处一级主任科员' },
    ],
  },
  {
    code: 'hlj.xtjz',
    name: '黑龙江省政务数据工作协调机制',
    shortName: '省协调机制',
    kind: 'coordination',
    regionCode: PROVINCE,
    order: 1,
    officers: [{ name: '高志远', title: '协调机制办公室联络员' }],
  },
  // Provincial departments in the provincial government's official order.
  dept('hlj.fgw', '黑龙江省发展和改革委员会', '省发展改革委', PROVINCE, 102),
  dept('hlj.jyt', '黑龙江省教育厅', '省教育厅', PROVINCE, 103),
  dept('hlj.gat', '黑龙江省公安厅', '省公安厅', PROVINCE, 107, [
    { name: '孙海涛', title: '数据管理员' },
    { name: '钱明', title: '科技信息化总队科长' },
  ]),
  dept('hlj.mzt', '黑龙江省民政厅', '省民政厅', PROVINCE, 108, [
    { name: '周丽娟', title: '数据管理员' },
    { name: '蒋文博', title: '信息中心科长' },
  ]),
  dept('hlj.czt', '黑龙江省财政厅', '省财政厅', PROVINCE, 110),
  dept('hlj.rst', '黑龙江省人力资源和社会保障厅', '省人社厅', PROVINCE, 111, [
    { name: '吴春雨', title: '数据管理员' },
    { name: '韩冬梅', title: '信息中心科长' },
  ]),
  dept('hlj.zrzyt', '黑龙江省自然资源厅', '省自然资源厅', PROVINCE, 112),
  dept('hlj.sthjt', '黑龙江省生态环境厅', '省生态环境厅', PROVINCE, 113),
  dept('hlj.zjt', '黑龙江省住房和城乡建设厅', '省住建厅', PROVINCE, 114),
  dept('hlj.jtyst', '黑龙江省交通运输厅', '省交通运输厅', PROVINCE, 115),
  dept('hlj.wjw', '黑龙江省卫生健康委员会', '省卫生健康委', PROVINCE, 120),
  dept('hlj.yjt', '黑龙江省应急管理厅', '省应急管理厅', PROVINCE, 122),
  dept('hlj.gzw', '黑龙江省人民政府国有资产监督管理委员会', '省国资委', PROVINCE, 125),
  dept('hlj.scjgj', '黑龙江省市场监督管理局', '省市场监管局', PROVINCE, 126),
  // One data authority per prefecture.
  ...CITIES.map((c) => ({
    ...authority(c.code, `${c.name}政务数据主管部门`, `${c.short}数据主管部门`, c.region),
    ...(c.code === 'hrb' ? { officers: [{ name: '张国庆', title: '数据资源科科长' }] } : {}),
    ...(c.code === 'dq' ? { officers: [{ name: '赵志刚', title: '数据资源科科长' }] } : {}),
  })),
  // 哈尔滨 and 大庆 departments, so region scoping has something to tell apart.
  dept('hrb.gaj', '哈尔滨市公安局', '哈尔滨市公安局', '230100', 7, [
    { name: '郑凯', title: '数据管理员' },
    { name: '冯晓光', title: '科技通信处科长' },
  ]),
  dept('hrb.mzj', '哈尔滨市民政局', '哈尔滨市民政局', '230100', 8),
  dept('hrb.rsj', '哈尔滨市人力资源和社会保障局', '哈尔滨市人社局', '230100', 11),
  dept('hrb.wjw', '哈尔滨市卫生健康委员会', '哈尔滨市卫生健康委', '230100', 20),
  dept('hrb.scjgj', '哈尔滨市市场监督管理局', '哈尔滨市市场监管局', '230100', 26),
  dept('dq.gaj', '大庆市公安局', '大庆市公安局', '230600', 7),
  dept('dq.mzj', '大庆市民政局', '大庆市民政局', '230600', 8),
  dept('dq.scjgj', '大庆市市场监督管理局', '大庆市市场监管局', '230600', 26),
  // County-level authorities (districts and county-level cities count as counties in GB/T 2260).
  authority('hrb.dl', '哈尔滨市道里区政务数据主管部门', '道里区数据主管部门', '230102'),
  authority('hrb.ng', '哈尔滨市南岗区政务数据主管部门', '南岗区数据主管部门', '230103'),
  authority('hrb.wc', '五常市政务数据主管部门', '五常市数据主管部门', '230184'),
  authority('dq.zz', '肇州县政务数据主管部门', '肇州县数据主管部门', '230621'),
  dept('hrb.dl.mzj', '哈尔滨市道里区民政局', '道里区民政局', '230102', 8),
  dept('dq.zz.gaj', '肇州县公安局', '肇州县公安局', '230621', 7),
];

// Invented officers for the agencies above that name none.
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = [
  '建华',
  '秀英',
  '志强',
  '桂兰',
  '海燕',
  '立军',
  '春梅',
  '国栋',
  '丽华',
  '宏伟',
  '红梅',
  '晓峰',
  '玉兰',
  '永刚',
  '淑珍',
  '振宇',
  '静怡',
  '德明',
  '雪松',
  '文静',
];
const TITLES = {
  authority: ['数据资源科科长', '数据管理员'],
  department: ['数据管理员', '信息中心科长'],
  coordination: ['协调机制办公室联络员', '数据管理员'],
};

export function inventedOfficers(index: number, kind: AgencyKind): { name: string; title: string }[] {
  return [0, 1].map((k) => {
    const n = index * 2 + k;
    return {
      name: SURNAMES[(n * 7) % SURNAMES.length] + GIVEN[(n * 3 + index) % GIVEN.length],
      title: TITLES[kind][k],
    };
  });
}

/** The area code of a region: its prefecture's, or Harbin's for the province. */
export function areaCodeOf(regionCode: string): string {
  const city = CITIES.find((c) => c.region.slice(0, 4) === regionCode.slice(0, 4));
  return city?.areaCode ?? '0451';
}

/** A fixed-line number that looks real and is stable across loads. */
export const demoPhone = (regionCode: string, n: number) =>
  `${areaCodeOf(regionCode)}-${82_000_000 + ((n * 104_729) % 7_999_999)}`;

/** Demo accounts: username, display name, agency code, roles. */
export const DEMO_ACCOUNT_SPECS: {
  username: string;
  displayName: string;
  agency: string | null;
  roles: string[];
  description: string;
}[] = [
  {
    username: 'sheng.admin',
    displayName: '王立新',
    agency: 'hlj',
    roles: ['authority_admin'],
    description: '省数据主管部门 · 主管部门管理员',
  },
  {
    username: 'sheng.reviewer',
    displayName: '李雪梅',
    agency: 'hlj',
    roles: ['authority_reviewer'],
    description: '省数据主管部门 · 目录审核员',
  },
  {
    username: 'hrb.admin',
    displayName: '张国庆',
    agency: 'hrb',
    roles: ['authority_admin'],
    description: '哈尔滨市政务数据主管部门 · 主管部门管理员',
  },
  {
    username: 'dq.admin',
    displayName: '赵志刚',
    agency: 'dq',
    roles: ['authority_admin'],
    description: '大庆市政务数据主管部门 · 主管部门管理员',
  },
  {
    username: 'gat.data',
    displayName: '孙海涛',
    agency: 'hlj.gat',
    roles: ['data_officer'],
    description: '黑龙江省公安厅 · 数据管理员',
  },
  {
    username: 'mzt.data',
    displayName: '周丽娟',
    agency: 'hlj.mzt',
    roles: ['data_officer'],
    description: '黑龙江省民政厅 · 数据管理员',
  },
  {
    username: 'rst.data',
    displayName: '吴春雨',
    agency: 'hlj.rst',
    roles: ['data_officer'],
    description: '黑龙江省人力资源和社会保障厅 · 数据管理员',
  },
  {
    username: 'hrb.gaj.data',
    displayName: '郑凯',
    agency: 'hrb.gaj',
    roles: ['data_officer'],
    description: '哈尔滨市公安局 · 数据管理员',
  },
  {
    username: 'gat.user',
    displayName: '钱明',
    agency: 'hlj.gat',
    roles: ['dept_user'],
    description: '黑龙江省公安厅 · 部门用户',
  },
  {
    username: 'auditor',
    displayName: '冯静',
    agency: 'hlj',
    roles: ['auditor'],
    description: '省数据主管部门 · 审计员',
  },
  {
    username: 'sysadmin',
    displayName: '陈平',
    agency: 'hlj',
    roles: ['sys_admin'],
    description: '系统管理员（三员之一：开设账号）',
  },
  {
    username: 'secadmin',
    displayName: '褚卫东',
    agency: 'hlj',
    roles: ['security_admin'],
    description: '安全管理员（三员之一：分配角色）',
  },
  {
    username: 'auditadmin',
    displayName: '卫红霞',
    agency: 'hlj',
    roles: ['audit_admin'],
    description: '审计管理员（三员之一：查阅留痕）',
  },
  {
    username: 'public.demo',
    displayName: '林晓东',
    agency: null,
    roles: ['public'],
    description: '公众用户（自然人）',
  },
];

/** public.demo's (invented) ID number: 哈尔滨市南岗区, born 1992-05-17; check character computed. */
export const PUBLIC_DEMO_ID_FIRST17 = '23010319920517421';
export const PUBLIC_DEMO_PHONE = '13804510517';
