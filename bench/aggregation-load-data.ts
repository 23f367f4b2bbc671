import fs from 'node:fs';
import { idCardCheckChar } from '../src/agencies/id-card.ts';
import { regionRows } from '../src/agencies/region-codes.ts';
import { orgCodeCheckChar, usccCheckChar } from '../src/agencies/uscc.ts';

// The issue 5 load benchmark's files: a 10-column population register of Harbin as a province
// department would export it (UTF-8 CSV with a header row), and the same rows again with 10 % of the
// people moved house, for the incremental load. Streamed to disk (never held whole) and
// deterministic: every cell is a hash of the row number, so two runs load the same bytes.

export const LOAD_HEADER = [
  '公民身份号码',
  '姓名',
  '性别代码',
  '出生日期',
  '户籍地址',
  '手机号码',
  '人口类型',
  '登记日期',
  '统一社会信用代码',
  '备注',
];

/** The catalog items of the entry: the seeded data elements bind by name, two items are the entry's own. */
export const LOAD_ITEMS = [
  { name: '公民身份号码' },
  { name: '姓名' },
  { name: '性别代码' },
  { name: '出生日期' },
  { name: '户籍地址' },
  { name: '手机号码' },
  { name: '人口类型', code: 'RKLX', dataType: 'string', grade: 'general', length: 10 },
  { name: '登记日期' },
  { name: '统一社会信用代码' },
  { name: '备注', code: 'BZ', dataType: 'string', grade: 'general', length: 200 },
];

/** 32-bit integer hash (lowbias32): row number and salt to a well-spread number. */
function mix(i: number, salt: number): number {
  let x = (i ^ Math.imul(salt, 0x9e3779b9)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

const pick = <T>(xs: readonly T[], i: number, salt: number) => xs[mix(i, salt) % xs.length];

// Harbin's districts and counties from the shipped GB/T 2260 table, so every ID and USCC region is real.
const DISTRICTS = regionRows()
  .filter((r) => r.parent_code === '230100')
  .map((r) => ({ code: r.code, name: r.name }));
const STREETS = [
  '中山路',
  '学府路',
  '红旗大街',
  '长江路',
  '中央大街',
  '西大直街',
  '和兴路',
  '哈平路',
  '友谊路',
  '新阳路',
  '文昌街',
  '珠江路',
  '黄河路',
  '先锋路',
  '建国街',
  '果戈里大街',
];
const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志宏海波宇晨欣怡子涵浩然思雨佳琪',
];
const MOBILE = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152']
  .concat(['155', '156', '157', '158', '159', '176', '177', '178', '180', '181', '182', '183'])
  .concat(['185', '186', '187', '188', '189', '199']);
// Weighted: most registered people are 户籍人口.
const KINDS = [...Array(7).fill('户籍人口'), '常住人口', '常住人口', '流动人口'] as string[];
const REMARKS = [
  '已核验，信息一致',
  '户主',
  '2019年迁入',
  '集体户口',
  '信息变更已登记',
  '本人申请补录，"现住址"待核实',
  '随迁子女',
  '军人退役落户',
];

const DAY_MS = 86_400_000;
const BIRTH_FROM = Date.UTC(1950, 0, 1) / DAY_MS;
const REG_FROM = Date.UTC(2000, 0, 1) / DAY_MS;
const REG_TO = Date.UTC(2024, 11, 31) / DAY_MS;
const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

// 20,000 employers, each with a valid GB 32100 code of an enterprise (登记管理部门 9, 类别 1) registered
// in a Harbin district; the body is a GB 11714 organisation code with its own check character.
const EMPLOYERS = Array.from({ length: 20_000 }, (_, e) => {
  const body8 = String(30_000_000 + e * 97).padStart(8, '0');
  const first17 = `91${DISTRICTS[e % DISTRICTS.length].code}${body8}${orgCodeCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
});

/** The generator for n rows: births spread over ~55 years, a thousand sequence numbers per day. */
export function rowMaker(n: number) {
  const days = Math.ceil(n / 1000);
  const spacing = Math.floor(20_000 / days);
  if (spacing < 1) throw new Error(`at most 20,000,000 rows (asked for ${n})`);
  const address = (i: number, district: string, moved: boolean) => {
    // A move always changes the street, so the changed row differs for sure.
    const street = (mix(i, 10) + (moved ? 1 + (mix(i, 20) % (STREETS.length - 1)) : 0)) % STREETS.length;
    const s = moved ? 10 : 0;
    return `黑龙江省哈尔滨市${district}${STREETS[street]}${(mix(i, 11 + s) % 300) + 1}号${(mix(i, 12 + s) % 20) + 1}栋${(mix(i, 13 + s) % 6) + 1}单元${(mix(i, 14 + s) % 30) + 1}0${(mix(i, 15 + s) % 4) + 1}室`;
  };
  /** Row i; `moved` gives the person a new 户籍地址 (the incremental file's change). */
  return (i: number, moved = false): string[] => {
    // Unique: distinct days for distinct thousands, distinct sequence numbers within a thousand.
    const d = Math.floor(i / 1000);
    const birthDay = BIRTH_FROM + d * spacing + (mix(d, 1) % spacing);
    const birth = iso(birthDay);
    const seq = i % 1000;
    const district = pick(DISTRICTS, i, 2);
    const first17 = `${district.code}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    const regFrom = Math.max(REG_FROM, birthDay);
    const remark = mix(i, 9) % 10 < 6 ? '' : pick(REMARKS, i, 8);
    return [
      first17 + idCardCheckChar(first17),
      pick(SURNAMES, i, 3) + pick(GIVEN, i, 4) + (mix(i, 5) % 3 ? pick(GIVEN, i, 6) : ''),
      // GB 11643: an odd sequence number is a man's.
      seq % 2 ? '1' : '2',
      birth,
      address(i, district.name, moved),
      `${pick(MOBILE, i, 7)}${String(mix(i, 16) % 100_000_000).padStart(8, '0')}`,
      pick(KINDS, i, 17),
      iso(regFrom + (mix(i, 18) % (REG_TO - regFrom + 1))),
      pick(EMPLOYERS, i, 19),
      remark,
    ];
  };
}

/** The rows the incremental file changes: exactly one in ten. */
export const isMoved = (i: number) => i % 10 === 7;

const cell = (c: string) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
const line = (row: string[]) => `${row.map(cell).join(',')}\n`;

export interface LoadFiles {
  full: string;
  changed: string;
  rows: number;
  changedRows: number;
  bytes: number;
  seconds: number;
}

/** Writes both files (world-readable, for the server-side COPY) in one pass, ~1 MB at a time. */
export function writeLoadFiles(dir: string, n: number): LoadFiles {
  const t0 = performance.now();
  const full = `${dir}/population.csv`;
  const changed = `${dir}/population-changed.csv`;
  const fa = fs.openSync(full, 'w', 0o644);
  const fb = fs.openSync(changed, 'w', 0o644);
  const make = rowMaker(n);
  let a = line(LOAD_HEADER);
  let b = a;
  let changedRows = 0;
  try {
    for (let i = 0; i < n; i++) {
      const l = line(make(i));
      a += l;
      if (isMoved(i)) {
        b += line(make(i, true));
        changedRows++;
      } else b += l;
      if (a.length >= 1 << 19) {
        fs.writeSync(fa, a);
        fs.writeSync(fb, b);
        a = '';
        b = '';
      }
    }
    fs.writeSync(fa, a);
    fs.writeSync(fb, b);
  } finally {
    fs.closeSync(fa);
    fs.closeSync(fb);
  }
  fs.chmodSync(full, 0o644);
  fs.chmodSync(changed, 0o644);
  return {
    full,
    changed,
    rows: n,
    changedRows,
    bytes: fs.statSync(full).size,
    seconds: (performance.now() - t0) / 1000,
  };
}
