// Generated, realistic rows for the aggregation demo (Art. 18–19): people of Heilongjiang with valid
// GB 11643 ID numbers and plausible birth dates, enterprises with valid GB 32100 codes, phones, and
// addresses from the shipped region table — and the few percent of bad rows the quality rules must
// reject (a wrong check character, an impossible date, a letter O for 0, a digit missing). Seeded:
// every start, and every screenshot, has the same rows; dates follow the day the demo is loaded.
import { idCardCheckChar } from '../agencies/id-card.ts';
import { regionRows } from '../agencies/region-codes.ts';
import { orgCodeCheckChar, usccCheckChar } from '../agencies/uscc.ts';
import { addDays, type IsoDate } from '../kernel/calendar/index.ts';
import { SINGLE_SURNAMES } from './quality/surnames.ts';

export type Row = string[];

/** mulberry32: small, fast and good enough for demo data. */
export class Rng {
  constructor(private s: number) {}
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int = (n: number) => Math.floor(this.next() * n);
  between = (lo: number, hi: number) => lo + this.int(hi - lo + 1);
  chance = (p: number) => this.next() < p;
  pick = <T>(xs: readonly T[]): T => xs[this.int(xs.length)];
  char = (s: string) => s[this.int(s.length)];
  digits = (n: number) => Array.from({ length: n }, () => this.int(10)).join('');
  /** One of `xs`, by weight. */
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    let x = this.next() * xs.reduce((a, [, w]) => a + w, 0);
    for (const [v, w] of xs) {
      x -= w;
      if (x < 0) return v;
    }
    return xs[xs.length - 1][0];
  }
}

/** 'a:3 b:1' → [['a', 3], ['b', 1]] (tables stay one line each). */
const weights = (s: string): [string, number][] =>
  s.split(' ').map((w) => [w.slice(0, w.lastIndexOf(':')), Number(w.slice(w.lastIndexOf(':') + 1))]);
const words = (s: string) => s.split(' ');
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

// ---- places: the shipped GB/T 2260 table (development zones and forest districts left out) ----

/** A county: `urban` for a district (区): street addresses, the urban subsistence allowance. */
export type Place = { code: string; city: string; cityCode: string; county: string; urban: boolean };

// People per prefecture (about the 2020 census), and its telephone area code.
const PREFECTURES = words(
  '2301:31:0451 2302:13:0452 2303:5:0467 2304:3:0468 2305:4:0469 2306:9:0459 2307:3:0458 2308:7:0454 2309:2:0464 2310:7:0453 2311:4:0456 2312:12:0455 2327:1:0457',
).map((w) => w.split(':'));
const CITIES = PREFECTURES.map(([c, w]): [string, number] => [c, Number(w)]);
const AREA_CODES = Object.fromEntries(PREFECTURES.map(([c, , area]) => [c, area]));

let placesCache: Place[] | undefined;
function places(): Place[] {
  if (placesCache) return placesCache;
  const rows = regionRows().filter((r) => r.code.startsWith('23'));
  const name = new Map(rows.map((r) => [r.code, r.name]));
  placesCache = rows
    .filter((r) => r.level === 'county' && !/[67]/.test(r.code[4]))
    .map((r) => ({
      code: r.code,
      city: name.get(r.parent_code ?? '') ?? '',
      cityCode: r.parent_code ?? '',
      county: r.name,
      urban: r.name.endsWith('区'),
    }));
  return placesCache;
}

export const placeOf = (code: string) => places().find((p) => p.code === code)!;

const byCity = new Map<string, [all: Place[], urban: Place[]]>();

/** A county of the province by population, or of one prefecture (its 4-digit code). */
export function pickPlace(r: Rng, city = r.weighted(CITIES)): Place {
  let lists = byCity.get(city);
  if (!lists) {
    const all = places().filter((p) => p.code.startsWith(city));
    lists = [all, all.filter((p) => p.urban)];
    byCity.set(city, lists);
  }
  // Half of a prefecture's people live in its districts.
  return r.pick(lists[1].length && r.chance(0.5) ? lists[1] : lists[0]);
}

const STREETS = words(
  '中山路 学府路 红旗大街 长江路 友谊路 建设街 和平路 新华街 人民路 解放路 西大直街 东大直街 文化街 胜利路 光明街 北京路 铁路街 龙江街 兴华路 民主街',
);
const TOWNS = words('兴隆 太平 永和 新华 长发 红星 民主 建国 东升 富强 前进 永安');
const VILLAGES = words('永丰 东兴 向阳 新立 前进 靠山 双榆树 五家子 三合 长胜 红光');

export function address(r: Rng, p: Place): string {
  const head = `黑龙江省${p.city}${p.county}`;
  if (!p.urban && r.chance(0.5))
    return `${head}${r.pick(TOWNS)}镇${r.pick(VILLAGES)}村${r.between(1, 12)}组${r.between(1, 90)}号`;
  const flat = r.chance(0.7)
    ? `${r.between(1, 28)}栋${r.between(1, 6)}单元${r.between(1, 18)}0${r.between(1, 4)}室`
    : '';
  return `${head}${r.pick(STREETS)}${r.between(1, 360)}号${flat}`;
}

// ---- people ----

// The most frequent surnames first (quality/surnames.ts follows the national rankings).
const SURNAMES = Array.from(SINGLE_SURNAMES).slice(0, 160);
const MALE = '伟强磊军洋勇杰涛明超刚辉鑫宇浩博俊峰建国海波鹏飞志亮成林斌东晓春庆福德胜利文武振宏';
const FEMALE = '芳娜敏静丽艳娟秀霞平桂英华玉兰欣怡梓涵晨雨佳琪思颖婷雪丹倩萍红梅凤云燕慧淑珍琳';

export function personName(r: Rng, male: boolean): string {
  const [chars, surname] = [male ? MALE : FEMALE, SURNAMES[Math.floor(r.next() ** 2.2 * SURNAMES.length)]];
  return surname + r.char(chars) + (r.chance(0.65) ? r.char(chars) : '');
}

// The province's age pyramid by decade (older than the national one).
const DECADES = weights('0:6 10:8 20:11 30:14 40:15 50:18 60:15 70:9 80:4').map(
  ([d, w]) => [Number(d), w] as const,
);

/** A birth date `minAge`–`maxAge` years before `day`, never on `day` itself (data arrives the day after). */
export function birthDate(r: Rng, day: IsoDate, minAge: number, maxAge: number): IsoDate {
  const decade = r.weighted(DECADES.filter(([d]) => d + 9 >= minAge && d <= maxAge));
  const age = Math.min(maxAge, Math.max(minAge, decade + r.int(10)));
  return addDays(day, -(age * 365 + r.between(1, 364)));
}

export const ageOn = (birth: IsoDate, day: IsoDate) =>
  Number(day.slice(0, 4)) - Number(birth.slice(0, 4)) - (day.slice(5) < birth.slice(5) ? 1 : 0);

/** A valid, unused GB 11643 number: region, birth date, sequence (odd for men), check character. */
export function idNumber(r: Rng, region: string, birth: IsoDate, male: boolean, used: Set<string>): string {
  for (;;) {
    const first17 = `${region}${birth.replace(/-/g, '')}${String(r.int(500) * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
    const id = first17 + idCardCheckChar(first17);
    if (!used.has(id)) return used.add(id) && id;
  }
}

/** The row with its ID number (column `i`) made invalid: mostly a wrong check character, else an impossible date. */
export function withBadId(r: Rng, x: Row, i: number): Row {
  const id = x[i];
  if (r.chance(0.7)) x[i] = id.slice(0, 17) + r.pick([...'0123456789X'].filter((c) => c !== id[17]));
  else {
    const first17 = `${id.slice(0, 10)}${r.pick(words('0230 0231 1301 0431 0000'))}${id.slice(14, 17)}`;
    x[i] = first17 + idCardCheckChar(first17);
  }
  return x;
}

// ---- enterprises ----

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid, unused GB 32100 code of a market-supervision registration (9, category 1: 企业) in `region`. */
export function uscc(r: Rng, region: string, modern: boolean, used: Set<string>): string {
  for (;;) {
    // Codes issued since 2015 carry a new 主体标识码 (MA…); older ones the organisation code.
    const body = modern
      ? `MA${r.char('123456789ABCDEFGH')}${times(5, () => r.char(USCC_CHARS)).join('')}`
      : r.digits(8);
    const first17 = `91${region}${body}${orgCodeCheckChar(body)}`;
    const code = first17 + usccCheckChar(first17);
    if (!used.has(code)) return used.add(code) && code;
  }
}

/** The row with its USCC (column 0) made invalid: a wrong check character, or the letter O typed for 0. */
export function withBadUscc(r: Rng, x: Row): Row {
  const c = x[0];
  const zero = c.indexOf('0', 2);
  x[0] =
    r.chance(0.75) || zero < 0
      ? c.slice(0, 17) + r.pick([...USCC_CHARS].filter((ch) => ch !== c[17]))
      : `${c.slice(0, zero)}O${c.slice(zero + 1)}`;
  return x;
}

// ---- phones ----

const MOBILE_PREFIXES = words(
  '130 131 132 133 135 136 137 138 139 150 151 152 155 156 157 158 159 166 176 177 178 180 181 185 186 187 189 199',
);
export const mobile = (r: Rng) => r.pick(MOBILE_PREFIXES) + r.digits(8);
/** A landline of the place's area code; Harbin's numbers have eight digits. */
export const landline = (r: Rng, p: Place) =>
  `${AREA_CODES[p.code.slice(0, 4)]}-${r.between(2, 8)}${r.digits(p.cityCode === '230100' ? 7 : 6)}`;

// ---- a provider's source system ----

/** The records a provider's own system holds, by key (column 0), and the rows its exports are made of. */
export class Source {
  readonly r: Rng;
  readonly used = new Set<string>();
  readonly rows = new Map<string, Row>();
  constructor(seed: number) {
    this.r = new Rng(seed);
  }
  put(row: Row): Row {
    this.rows.set(row[0], row);
    return row;
  }
  /** `n` new records made by `make`. */
  add(n: number, make: () => Row): Row[] {
    return times(n, () => this.put(make()));
  }
  /** `n` rows made by `make` that the quality rules reject: not records. */
  bad(n: number, make: () => Row): Row[] {
    return times(n, make);
  }
  /** `n` distinct records at random. */
  sample(n: number): Row[] {
    const all = [...this.rows.values()];
    for (let i = 0; i < n && i < all.length; i++) {
      const j = i + this.r.int(all.length - i);
      [all[i], all[j]] = [all[j], all[i]];
    }
    return all.slice(0, n);
  }
  /** Edits `n` records (`edit` must change something); kept unless `keep` is false; returns the new rows. */
  change(n: number, edit: (row: Row) => Row, keep = true): Row[] {
    return this.sample(n).map((old) => {
      const row = edit([...old]);
      if (row.join() === old.join()) throw new Error('demo: a change that changes nothing');
      return keep ? this.put(row) : row;
    });
  }
  /** A cell drawn again until it differs. */
  redraw(x: Row, i: number, make: () => string): Row {
    for (const old = x[i]; x[i] === old; ) x[i] = make();
    return x;
  }
  remove(n: number): void {
    for (const row of this.sample(n)) this.rows.delete(row[0]);
  }
  all(): Row[] {
    return [...this.rows.values()];
  }
  person(day: IsoDate, minAge: number, maxAge: number, city?: string) {
    const p = pickPlace(this.r, city);
    const male = this.r.chance(0.5);
    const birth = birthDate(this.r, day, minAge, maxAge);
    const id = idNumber(this.r, p.code, birth, male, this.used);
    return { p, male, birth, id, name: personName(this.r, male) };
  }
}

// ---- the datasets' records ----

const NATIONS = weights('01:920 11:50 10:12 02:8 03:6 31:2 52:1 53:1'); // GB/T 3304: 汉 满 朝鲜 蒙古 回 达斡尔 鄂伦春 赫哲

function marital(r: Rng, age: number): string {
  if (age < 20) return '10';
  if (age < 30) return r.weighted(weights('10:60 20:38 40:2'));
  return r.weighted(weights(age < 60 ? '10:8 20:80 40:9 30:3' : '20:70 30:22 40:5 10:3'));
}

/** 户籍人口基本信息: 公民身份号码 姓名 性别 民族 出生日期 户籍地址 婚姻状况 (codes of GB/T 2261). */
export function resident(s: Source, day: IsoDate, newborn = false): Row {
  const { id, name, male, birth, p } = s.person(day, 0, newborn ? 0 : 95);
  const nation = s.r.weighted(NATIONS);
  return [id, name, male ? '1' : '2', nation, birth, address(s.r, p), marital(s.r, ageOn(birth, day))];
}

/** A married, divorced or widowed resident, or one who moved within the county. */
export function residentChange(s: Source, day: IsoDate) {
  return (x: Row): Row => {
    const age = ageOn(x[4], day);
    if (x[6] === '10' && age >= 22 && s.r.chance(0.6)) x[6] = '20';
    else if (x[6] === '20' && s.r.chance(0.25)) x[6] = age > 65 ? '30' : '40';
    else s.redraw(x, 5, () => address(s.r, placeOf(x[0].slice(0, 6))));
    return x;
  };
}

const TRADES = `
商贸=一般项目：日用百货销售；五金产品批发；办公用品销售；针纺织品销售
科技=一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发
建筑工程=许可项目：建设工程施工。一般项目：园林绿化工程施工；土石方工程施工
农业开发=一般项目：谷物种植；豆类种植；农产品的生产、销售、加工、运输、贮藏及其他相关服务
物流=一般项目：普通货物仓储服务；国内货物运输代理；装卸搬运
餐饮管理=许可项目：餐饮服务。一般项目：餐饮管理；食品销售（仅销售预包装食品）
食品=许可项目：食品生产；食品销售。一般项目：食用农产品初加工
石油技术服务=一般项目：石油天然气技术服务；陆地管道运输；专用设备修理
汽车销售=一般项目：汽车新车销售；汽车旧车销售；汽车零配件零售；机动车修理和维护
粮食贸易=许可项目：粮食收购。一般项目：农副产品销售；谷物销售
新能源=一般项目：太阳能发电技术服务；风力发电技术服务；储能技术服务
冰雪旅游=一般项目：旅游开发项目策划咨询；游览景区管理；体育场地设施经营`
  .trim()
  .split('\n')
  .map((l) => l.split('='));
const BRANDS = words(
  '宏达 鑫源 恒通 龙腾 金诚 华信 北方 冰城 雪原 瑞丰 天润 博远 众鑫 嘉禾 德信 盛世 万通 鼎盛 兴隆 永顺 合力 东升 新宇 泰和 广源 聚源 海川 松江 远航 正阳 宏图 金桥 丰收 沃土 亿达 利民 富民 天成 中润 融通 百盛 晟泰 和顺 隆基 益民 华宇 金源 润达 腾飞 凯盛 安泰 昌盛 顺达 恒昌 龙源 佳禾 金穗 北辰 兴安 三江',
);
const COMPANY_TYPES = weights(
  '有限责任公司（自然人投资或控股）:55 有限责任公司（自然人独资）:25 有限责任公司（非自然人投资或控股的法人独资）:12 股份有限公司（非上市、自然人投资或控股）:5 有限责任公司（国有控股）:3',
);
const CAPITALS = weights('10:8 30:10 50:18 100:22 200:12 300:9 500:10 1000:7 2000:3 5000:1'); // 万元

/**
 * 企业登记信息: 统一社会信用代码 企业名称 企业类型 注册资本 成立日期 住所 经营范围 登记机关 登记状态.
 * A third are registered by the city's bureau, the rest by the district's or county's.
 */
export function company(s: Source, day: IsoDate, recent: boolean): Row {
  const { r } = s;
  const p = pickPlace(r);
  const byCity = r.chance(0.3);
  const founded = addDays(day, recent ? -r.between(1, 20) : -r.between(30, 9000));
  const [trade, scope] = r.pick(TRADES);
  let name = '';
  // Named after the city (a few after the province); a taken name gets a longer 字号.
  for (let tries = 0; !name || s.used.has(name); tries++) {
    const brand = r.pick(BRANDS) + (tries > 10 ? r.pick(BRANDS) : '');
    name = `${r.chance(0.15) ? '黑龙江' : p.city.replace(/(市|地区)$/, '')}${brand}${trade}有限公司`;
  }
  s.used.add(name);
  const authority = byCity ? p.city : p.urban ? p.city + p.county : p.county;
  const status = recent ? '存续' : r.weighted(weights('存续:88 注销:7 吊销，未注销:5'));
  const code = uscc(r, byCity ? p.cityCode : p.code, founded >= '2015-10-01', s.used);
  const [type, capital, bureau] = [
    r.weighted(COMPANY_TYPES),
    r.weighted(CAPITALS),
    `${authority}市场监督管理局`,
  ];
  return [code, name, type, capital, founded, address(r, p), scope, bureau, status];
}

/** Deregistered, capital increased, or moved (within the registering bureau's area). */
export function companyChange(s: Source) {
  return (x: Row): Row => {
    if (x[8] === '存续' && s.r.chance(0.4)) x[8] = '注销';
    else if (s.r.chance(0.5)) x[3] = String(Number(x[3]) * 2);
    else s.redraw(x, 5, () => address(s.r, pickPlace(s.r, x[0].slice(2, 6))));
    return x;
  };
}

/** 最低生活保障对象信息: 公民身份号码 姓名 户籍地址 保障类别 保障人数 月保障金额 联系电话. */
export function recipient(s: Source, day: IsoDate): Row {
  const { r } = s;
  const x = s.person(day, 18, 90);
  const persons = Number(r.weighted(weights('1:45 2:28 3:17 4:7 5:3')));
  // The local standard per head less the household's income, in whole yuan.
  const perHead = x.p.urban ? r.between(58, 72) * 10 : r.between(38, 52) * 10;
  const phone = r.chance(0.85) ? mobile(r) : landline(r, x.p);
  const kind = x.p.urban ? '城市低保' : '农村低保';
  return [x.id, x.name, address(r, x.p), kind, String(persons), String(persons * perHead), phone];
}

/** The yearly rise of the standard: 20 yuan a head. */
export const allowanceRise = (x: Row): Row => {
  x[5] = String(Number(x[5]) + 20 * Number(x[4]));
  return x;
};

/** A phone number cut short in the export: a mobile of 10 digits, a landline of 6. */
export const phoneCut = (x: Row): Row => {
  x[6] = x[6].includes('-') ? x[6].replace(/-(\d{6})\d+$/, '-$1') : x[6].slice(0, -1);
  return x;
};

/** The allowance adjusted, the household grown or shrunk, or a new phone number. */
export function recipientChange(s: Source) {
  return (x: Row): Row => {
    if (s.r.chance(0.5)) return allowanceRise(x);
    const persons = Number(x[4]);
    if (s.r.chance(0.5)) x[4] = String(persons === 1 ? 2 : persons - 1);
    else s.redraw(x, 6, () => mobile(s.r));
    return x;
  };
}

const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const VEHICLE_TYPES = weights('小型汽车:84 大型汽车:5 小型新能源汽车:11');

/** 大庆市机动车登记信息: 号牌号码 号牌种类 所有人名称 公民身份号码 初次登记日期 (黑E: 大庆). */
export function vehicle(s: Source, day: IsoDate, recent: boolean): Row {
  const { r } = s;
  const type = r.weighted(VEHICLE_TYPES);
  const electric = type === '小型新能源汽车';
  let plate = '';
  while (!plate || s.used.has(plate))
    plate = `黑E${electric ? r.char('DF') + r.digits(5) : times(5, (i) => (i < 2 && r.chance(0.35) ? r.char(PLATE_LETTERS) : r.digits(1))).join('')}`;
  s.used.add(plate);
  const owner = s.person(day, 20, 75, '2306');
  const since = addDays(day, recent ? -r.between(1, 6) : -r.between(20, electric ? 2500 : 7000));
  return [plate, type, owner.name, owner.id, since];
}

/** 过户: the vehicle has a new owner. */
export function transfer(s: Source, day: IsoDate) {
  return (x: Row): Row => {
    const owner = s.person(day, 20, 75, '2306');
    return [x[0], x[1], owner.name, owner.id, x[4]];
  };
}

const OCCUPATIONS = words(
  '电工 焊工 养老护理员 保育师 育婴员 中式烹调师 中式面点师 汽车维修工 家政服务员 健康管理师 电子商务师 农业技术员 茶艺师 美容师 钳工 车工 消防设施操作员 互联网营销师 快递员 西式面点师',
);
const LEVELS = weights('五级/初级工:30 四级/中级工:35 三级/高级工:22 二级/技师:10 一级/高级技师:3');

/** 职业技能等级证书信息: 证书编号 姓名 公民身份号码 职业名称 技能等级 发证日期. */
export function certificate(s: Source, day: IsoDate, recent: boolean): Row {
  const { r } = s;
  const x = s.person(day, 18, 58);
  const issued = addDays(day, recent ? -r.between(1, 6) : -r.between(8, 1000));
  let no = '';
  while (!no || s.used.has(no)) no = `Y23${issued.slice(0, 4)}${r.digits(7)}`;
  s.used.add(no);
  return [no, x.name, x.id, r.pick(OCCUPATIONS), r.weighted(LEVELS), issued];
}
