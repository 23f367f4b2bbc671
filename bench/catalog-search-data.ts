import { sql } from 'kysely';
import type { Db } from '../src/kernel/db/schema.ts';

// A province-sized catalog for the search benchmark, written by set-based SQL straight into the
// catalog tables — so the search rows come from the real triggers, as they would after years of
// cataloguing — in batches of one transaction each. Deterministic: every choice is a hash of the
// entry's number, so two runs search the same data.

export interface BenchAgency {
  id: number;
  code: string;
  shortName: string;
  level: string;
  region: string;
}

// Arrays as ARRAY[...] of parameters: the same on PostgreSQL and PGlite.
const texts = (xs: string[]) => sql`array[${sql.join(xs.map((x) => sql`${x}::text`))}]`;
const ints = (xs: number[]) => sql`array[${sql.join(xs.map((x) => sql`${x}::int`))}]`;

interface Topic {
  subject: string;
  classCode: string;
  group: string;
  items: string[];
}

const t = (subject: string, classCode: string, group: string, items: string) => ({
  subject,
  classCode,
  group,
  items: items.split(' '),
});

export const TOPICS: Topic[] = [
  t('户籍人口', '101002', 'base.population', '公民身份号码 姓名 性别 出生日期 民族 户籍地址 户号 与户主关系'),
  t('常住人口', '101001', 'base.population', '公民身份号码 姓名 性别 居住地址 居住证编号 登记日期'),
  t('流动人口', '101001', 'base.population', '公民身份号码 姓名 暂住地址 暂住事由 登记日期 有效期限'),
  t(
    '人口出生',
    '101004',
    'base.population',
    '出生医学证明编号 新生儿姓名 出生日期 出生地点 母亲姓名 父亲姓名',
  ),
  t('婚姻登记', '101003', 'base.population', '男方姓名 女方姓名 登记日期 登记机关 结婚证字号 婚姻状况'),
  t(
    '企业登记',
    '102002',
    'base.legal-person',
    '统一社会信用代码 企业名称 法定代表人 注册资本 成立日期 经营范围 登记机关 住所',
  ),
  t(
    '社会组织登记',
    '102001',
    'base.legal-person',
    '统一社会信用代码 社会组织名称 业务主管单位 登记日期 法定代表人',
  ),
  t('不动产登记', '103001', 'base.geo', '不动产单元号 坐落 权利人 面积 用途 登记时间 不动产权证号'),
  t('自然资源调查', '103002', 'base.geo', '图斑编号 地类名称 图斑面积 权属单位 调查日期'),
  t('居民身份证', '104001', 'base.license', '公民身份号码 姓名 签发机关 有效期限 住址'),
  t('营业执照', '104002', 'base.license', '统一社会信用代码 企业名称 类型 法定代表人 发照日期'),
  t('食品经营许可', '104002', 'base.license', '许可证编号 经营者名称 经营场所 主体业态 有效期限'),
  t('医疗机构执业', '201001', 'theme.health', '医疗机构名称 登记号 诊疗科目 床位数 执业地址'),
  t('执业医师注册', '201001', 'theme.health', '医师姓名 执业证书编码 执业类别 执业范围 执业地点'),
  t('政务服务办件', '202001', 'theme.service', '办件编号 事项名称 申请人 受理时间 办结时间 办理结果'),
  t(
    '社会保险参保',
    '203001',
    'theme.social-security',
    '公民身份号码 姓名 参保险种 参保状态 缴费基数 缴费月数 参保单位',
  ),
  t('养老保险待遇', '203001', 'theme.social-security', '公民身份号码 姓名 待遇类型 发放金额 发放月份'),
  t(
    '低保救助对象',
    '203002',
    'theme.social-security',
    '公民身份号码 户主姓名 家庭人口数 保障金额 保障起始日期',
  ),
  t('环境质量监测', '204001', 'theme.ecology', '监测站点 监测时间 空气质量指数 二氧化硫浓度 细颗粒物浓度'),
  t('排污许可', '204001', 'theme.ecology', '排污单位名称 许可证编号 行业类别 排放口数量 有效期限'),
  t('气象观测', '204001', 'theme.ecology', '观测站号 观测时间 气温 降水量 风速 风向'),
  t('水文监测', '204001', 'theme.ecology', '测站编码 监测时间 水位 流量 含沙量'),
  t('公共信用', '205001', 'theme.credit', '统一社会信用代码 主体名称 信用等级 评价日期 评价机关'),
  t('行政处罚', '205001', 'theme.credit', '处罚决定书文号 当事人名称 违法事实 处罚类别 处罚日期'),
  t('纳税信用等级', '205001', 'theme.credit', '纳税人识别号 纳税人名称 评价年度 信用等级'),
  t('安全生产事故', '206001', 'theme.emergency', '事故编号 事故单位 发生时间 事故类型 死亡人数'),
  t('国有企业资产', '207001', 'theme.state-assets', '企业名称 资产总额 负债总额 所有者权益 报告期'),
  t('机动车登记', '301001', 'department', '号牌号码 号牌种类 车辆类型 所有人 注册登记日期'),
  t('驾驶证', '301001', 'department', '驾驶证号 姓名 准驾车型 初次领证日期 有效期限'),
  t('治安案件', '301001', 'department', '案件编号 案件类别 发案时间 发案地点 办案单位'),
  t('养老服务机构', '302001', 'department', '机构名称 机构地址 床位数 收住老人数 运营方式'),
  t('就业登记', '303001', 'department', '公民身份号码 姓名 就业单位 就业形式 登记日期'),
  t('公交线路', '202001', 'special', '线路名称 线路编号 站点名称 首班时间 末班时间 票价'),
  t('学校学籍', '202001', 'special', '学籍号 学生姓名 学校名称 年级 入学日期'),
];

const PREFIXES = ['', '', '', '全省', '哈尔滨市', '2025年', '历年', '城镇', '农村', '全市'];
const SUFFIXES = [
  '基本信息',
  '信息',
  '数据',
  '统计数据',
  '明细数据',
  '名录',
  '变更信息',
  '核验信息',
  '年度汇总',
  '查询服务',
];
const PURPOSES = [
  '用于政务服务事项办理时的信息核验',
  '支撑跨部门共享和业务协同',
  '为宏观决策和统计分析提供依据',
  '服务于监管执法和社会公众查询',
  '用于“一网通办”材料免提交',
];
const COMMON_ITEMS = ['数据更新时间', '行政区划代码', '数据来源单位', '备注'];
const FORMATS = ['table', 'table', 'file', 'api'];
const FREQUENCIES = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'irregular'];
const SHARE = ['无条件共享', '有条件共享', '有条件共享', '不予共享'];
const OPEN = ['不予开放', '不予开放', '有条件开放', '无条件开放'];
const GRADES = ['general', 'general-1', 'general-2', 'important', 'core'];

/** Inserts entries number `from`..`to` (inclusive), one transaction; the triggers build the search rows. */
async function batch(db: Db, agencies: BenchAgency[], from: number, to: number) {
  const topics = TOPICS;
  await db.transaction().execute(async (trx) => {
    // h(g, k): a deterministic pseudo-random non-negative integer for entry g and choice k.
    await sql`
      create temporary table bench_gen on commit drop as
      select g,
        (abs(hashint4(g * 7 + 1)) % ${agencies.length}) + 1 as a,
        (abs(hashint4(g * 7 + 2)) % ${topics.length}) + 1 as t,
        abs(hashint4(g * 7 + 3)) % 100 as s,
        abs(hashint4(g * 7 + 4)) as r
      from generate_series(${from}::int, ${to}::int) g`.execute(trx);
    await sql`alter table bench_gen add column code text`.execute(trx);
    const ag = {
      ids: agencies.map((a) => a.id),
      codes: agencies.map((a) => a.code.toUpperCase()),
      levels: agencies.map((a) => a.level),
      regions: agencies.map((a) => a.region),
      names: agencies.map((a) => a.shortName),
    };
    await sql`update bench_gen set code = (${texts(topics.map((x) => x.classCode))})[t] || '-'
      || (${texts(ag.codes)})[a] || '-B' || lpad(g::text, 7, '0')`.execute(trx);
    // Status mix: 80% published, 5% published with a new version in the works, 5% draft,
    // 4% submitted, 3% returned, 1% revoking, 2% revoked.
    await sql`
      insert into catalog_entry (code, provider_agency_id, provider_level, provider_region_code,
        classification_code, status, current_version, latest_version, first_submitted_at, created_at, created_by)
      select code, (${ints(ag.ids)})[a], (${texts(ag.levels)})[a], (${texts(ag.regions)})[a],
        (${texts(topics.map((x) => x.classCode))})[t],
        case when s < 85 then 'published' when s < 90 then 'draft' when s < 94 then 'submitted'
          when s < 97 then 'returned' when s < 98 then 'revoking' else 'revoked' end,
        -- No visible version yet: the update at the end of the batch makes them visible at once,
        -- so the triggers build each search row once (not again for every inserted table).
        null, 0,
        case when s < 90 or s >= 94 then null else timestamptz '2026-03-01' end,
        timestamptz '2025-02-01' + (r % 480) * interval '1 day', 'bench'
      from bench_gen order by g`.execute(trx);
    await sql`
      create temporary table bench_entry on commit drop as
      select e.id, b.*, e.status, case when b.s between 80 and 84 then 2 else 1 end as latest_version
      from bench_gen b join catalog_entry e on e.code = b.code`.execute(trx);
    await sql`analyze bench_entry`.execute(trx);
    await sql`
      insert into catalog_entry_version (entry_id, version, status, name, summary, group_code, format_code,
        frequency_code, share_type, share_scope, share_purpose, share_legal_basis, open_type, open_conditions,
        open_reason, pi_consent_basis, grade_code, publish_date, created_at, updated_at, updated_by)
      select b.id, v, case
          when v = 2 then 'draft'
          when b.status in ('published', 'revoking', 'revoked') then 'published'
          else b.status end,
        n.name,
        n.owner || '汇集的' || n.name || '，包括' || (${texts(topics.map((x) => x.items.slice(0, 3).join('、')))})[b.t]
          || '等' || case when b.r % 3 = 0 then '数据项' else '字段' end || '，'
          || (${texts(PURPOSES)})[1 + (b.r / 7) % ${PURPOSES.length}] || '。',
        (${texts(topics.map((x) => x.group))})[b.t],
        (${texts(FORMATS)})[1 + (b.r / 11) % ${FORMATS.length}],
        (${texts(FREQUENCIES)})[1 + (b.r / 13) % ${FREQUENCIES.length}],
        x.share, case when x.share = '有条件共享' then '省内政务部门' end,
        case when x.share = '有条件共享' then '办理政务服务事项' end,
        case when x.share = '不予共享' then '《中华人民共和国个人信息保护法》' end,
        op.open, case when op.open = '有条件开放' then '经申请审核后开放' end,
        case when op.open = '不予开放' then '含个人信息' end, null,
        (${texts(GRADES)})[1 + (b.r / 23) % ${GRADES.length}],
        case when v = 1 and b.status in ('published', 'revoking', 'revoked') then date '2025-03-01' + (b.r % 400) end,
        timestamptz '2025-02-01' + (b.r % 480) * interval '1 day',
        timestamptz '2025-02-01' + (b.r % 480 + v * 3) * interval '1 day' + (b.r % 86400) * interval '1 second',
        'bench'
      from bench_entry b
      cross join lateral generate_series(1, b.latest_version) v
      cross join lateral (select
        (${texts(PREFIXES)})[1 + (b.r / 3) % ${PREFIXES.length}] || (${texts(topics.map((x) => x.subject))})[b.t]
          || (${texts(SUFFIXES)})[1 + (b.r / 5) % ${SUFFIXES.length}] as name,
        (${texts(ag.names)})[b.a] as owner) n
      cross join lateral (select (${texts(SHARE)})[1 + (b.r / 17) % 4] as share,
        (${texts(OPEN)})[1 + (b.r / 19) % 4] as open) x
      -- Art. 14: 核心 is never 无条件开放.
      cross join lateral (select case when (${texts(GRADES)})[1 + (b.r / 23) % ${GRADES.length}] = 'core'
        and x.open = '无条件开放' then '有条件开放' else x.open end as open) op`.execute(trx);
    // 5–12 data items per version: the topic's own, then common ones.
    await sql`
      insert into catalog_data_item (version_id, position, name, code, data_type, length, required, pi_kind,
        grade_code, data_element_id, auto_bound)
      select v.id, k, it.name, 'F' || k, 'string', 100, k <= 2, null, v.grade_code, null, false
      from bench_entry b
      join catalog_entry_version v on v.entry_id = b.id
      cross join lateral (select (${texts(topics.map((x) => [...x.items, ...COMMON_ITEMS].join(' ')))})[b.t] as items) ti
      cross join lateral (select string_to_array(ti.items, ' ') as arr) a
      cross join lateral generate_series(1, least(cardinality(a.arr), 5 + (b.r / 29) % 8)) k
      cross join lateral (select a.arr[k] as name) it`.execute(trx);
    await sql`
      update catalog_entry e set latest_version = b.latest_version,
        current_version = case when b.status in ('published', 'revoking', 'revoked') then 1 end
      from bench_entry b where b.id = e.id`.execute(trx);
  });
}

export async function loadCatalog(
  db: Db,
  agencies: BenchAgency[],
  n: number,
  batchSize: number,
  progress: (done: number) => void,
): Promise<void> {
  for (let from = 1; from <= n; from += batchSize) {
    await batch(db, agencies, from, Math.min(n, from + batchSize - 1));
    progress(Math.min(n, from + batchSize - 1));
  }
}
