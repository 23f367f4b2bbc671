// Data items of the demo catalog that bind to no data element: their codes (pinyin initials, as
// catalogs in the province write them), and the few whose type, personal-information kind or grade
// cannot be read off the name. Everything else follows from the name (see itemOf).
import type { ItemInput } from './rules.ts';

// 名称:代码[:类型]
const CODES = `
签发机关:QFJG 有效期起始日期:YXQQSRQ 有效期截止日期:YXQJZRQ 迁出地:QCD 迁入地:QRD 迁入日期:QRRQ
迁移原因:QYYY 居住事由:JZSY 号牌号码:HPHM 号牌种类:HPZL 车辆识别代号:CLSBDH 车辆品牌:CLPP
所有人名称:SYRMC 初次登记日期:CCDJRQ 机动车状态:JDCZT 准驾车型:ZJCX 初次领证日期:CCLZRQ 驾驶证状态:JSZZT
统计月份:TJYF 事故起数:SGQS 死亡人数:SWRS 受伤人数:SSRS 直接财产损失:ZJCCSS 旅馆名称:LGMC 旅客姓名:LKXM
入住时间:RZSJ 退房时间:TFSJ 出入境证件种类:CRJZJZL 出入境证件号码:CRJZJHM 签发日期:QFRQ 许可证编号:XKZBH
许可项目:XKXM 发证机关:FZJG 发证日期:FZRQ 备案编号:BABH 经营场所:JYCS 备案日期:BARQ 立案单位:LADW
立案日期:LARQ 登记机关:DJJG 结婚证字号:JHZZH 对方公民身份号码:DFGMSFHM 对方姓名:DFXM 社会组织名称:SHZZMC
社会组织类型:SHZZLX 业务主管单位:YWZGDW 登记管理机关:DJGLJG 成立登记日期:CLDJRQ 登记状态:DJZT 认定日期:RDRQ
公开募捐资格:GKMJZG:boolean 年检年度:NJND 年检结论:NJJL 保障类别:BZLB 保障人数:BZRS 月保障金额:YBZJE
供养方式:GYFS 月供养金额:YGYJE 救助类别:JZLB 救助金额:JZJE 救助日期:JZRQ 残疾等级:CJDJ 补贴类别:BTLB
月补贴金额:YBTJE 发放机构:FFJG 保障标准:BZBZ:decimal 监护人姓名:JHRXM 机构名称:JGMC 机构地址:JGDZ 床位数:CWS
收费标准:SFBZ 服务类型:FWLX 服务电话:FWDH 办公时间:BGSJ:string 标准地名:BZDM 地名类别:DMLB
罗马字母拼写:LMZMPX 地名含义:DMHY 命名日期:MMRQ 经度:JD 纬度:WD 行政区划名称:XZQHMC 上级行政区划代码:SJXZQHDM
驻地:ZD 变更日期:BGRQ 险种类型:XZLX 参保状态:CBZT 参保日期:CBRQ 缴费年月:JFNY 缴费基数:JFJS 缴费金额:JFJE
待遇类型:DYLX 发放年月:FFNY 发放金额:FFJE 待遇状态:DYZT 社会保障卡卡号:SHBZKKH 发卡日期:FKRQ 卡状态:KZT
领取起始日期:LQQSRQ 领取月数:LQYS 月发放金额:YFFJE 事故发生日期:SGFSRQ 认定结论:RDJL 就业形式:JYXS
就业日期:JYRQ 职业名称:ZYMC 技能等级:JNDJ 学校名称:XXMC 办学层次:BXCC 学校地址:XXDZ 招生专业数:ZSZYS
行政处罚决定书文号:XZCFJDSWH 当事人名称:DSRMC 违法事实:WFSS 处罚内容:CFNR 处罚决定日期:CFJDRQ 统计期:TJQ
参保人数:CBRS 离退休人数:LTXRS 基金收入:JJSR 基金支出:JJZC 企业类型:QYLX 住所:ZS 经营范围:JYFW
字号名称:ZHMC 经营者姓名:JYZXM 报告年度:BGND 从业人数:CYRS 资产总额区间:ZCZEQJ 公示日期:GSRQ 经营者名称:JYZMC
主体业态:ZTYT 经营项目:JYXM 生产者名称:SCZMC 食品类别:SPLB 经营方式:JYFS 仓库地址:CKDZ 产品名称:CPMC
批准日期:PZRQ 使用登记证编号:SYDJZBH 使用单位名称:SYDWMC 设备类别:SBLB 设备代码:SBDM 违法行为类型:WFXWLX
处罚机关:CFJG 列入原因:LRYY 列入日期:LRRQ 作出决定机关:ZCJDJG 抽检编号:CJBH 被抽样单位名称:BCYDWMC
食品名称:SPMC 抽检结果:CJJG 公布日期:GBRQ 日常监督管理机构:RCJDGLJG 不动产权证书号:BDCQZSH
权利人姓名:QLRXM 坐落:ZL 权利类型:QLLX 面积:MJ 抵押权人:DYQR 抵押人:DYR 债权数额:ZQSE 用地单位:YDDW
项目名称:XMMC 用地位置:YDWZ 用地面积:YDMJ 建设单位:JSDW 建设位置:JSWZ 建设规模:JSGM 地类编码:DLBM
地类名称:DLMC 图斑面积:TBMJ 调查年度:DCND 矿业权人:KYQR 矿山名称:KSMC 开采矿种:KCKZ 资质等级:ZZDJ
专业类别:ZHYLB 隐患点编号:YHDBH 灾害类型:ZHLX 位置描述:WZMS 威胁人数:WXRS 规划名称:GHMC 规划层级:GHCJ
批复文号:PFWH 批复日期:PFRQ 规划期限:GHQX 成果名称:CGMC 比例尺:BLC 成果类型:CGLX 密级:MJDM 生产日期:SCRQ
监测点编号:JCDBH 监测年度:JCND 黑土层厚度:HTCHD 有机质含量:YJZHL 排污单位名称:PWDWMC 行业类别:HYLB
生产经营场所:SCJYCS 监测站点名称:JCZDMC 监测时间:JCSJ PM25浓度:PM25ND PM10浓度:PM10ND 臭氧浓度:CYND
二氧化氮浓度:EYHDND 空气质量指数:KQZLZS:integer 断面名称:DMMC 所属流域:SSLY 水质类别:SZLB 化学需氧量:HXXYL
氨氮浓度:ADND 审批文号:SPWH 建设地点:JSDD 审批日期:SPRQ 重点类别:ZDLB 名录年度:MLND 种类和范围:ZLHFW
核准经营规模:HZJYGM 事件编号:SJBH 事件名称:SJMC 事件级别:SJJB 发生时间:FSSJ 发生地点:FSDD 处置状态:CZZT
资质类别及等级:ZZLBJDJ 施工许可证编号:SGXKZBH 施工单位:SGDW 合同价格:HTJG 合同备案号:HTBAH
买受人姓名:MSRXM 合同金额:HTJE 注册证书编号:ZCZSBH 注册专业:ZCZY 聘用单位:PYDW 在管项目数:ZGXMS
改造户数:GZHS 计划投资:JHTZ 开工日期:KGRQ 完工日期:WGRQ 验收结论:YSJL 家庭人数:JTRS 保障方式:BZFS
租赁补贴金额:ZLBTJE 道路运输证号:DLYSZH 车辆类型:CLLX 核定载质量:HDZZL 从业资格证号:CYZGZH
从业资格类别:CYZGLB 线路编号:XLBH 线路名称:XLMC 起点站:QDZ 终点站:ZDZ 首班时间:SBSJ:string
末班时间:MBSJ:string 票价:PJ 站点编号:ZDBH 站点名称:ZDMC 路线编号:LXBH 路线名称:LXMC 技术等级:JSDJ
起点桩号:QDZH 终点桩号:ZDZH 里程:LC 客运站名称:KYZMC 站级:ZJ 站点地址:ZDDZ 经营区域:JYQY 项目类型:XMLX
建设状态:JSZT 出生医学证明编号:CSYXZMBH 新生儿姓名:XSEXM 出生地点:CSDD 母亲姓名:MQXM
母亲公民身份号码:MQGMSFHM 死亡医学证明编号:SWYXZMBH 死亡日期:SWRQ 死亡地点:SWDD 死亡原因:SWYY 登记号:DJH
机构类别:JGLB 诊疗科目:ZLKM 医师执业证书编码:YSZYZSBM 执业类别:ZYLB 执业范围:ZYFW 执业机构:ZYJG
护士执业证书编号:HSZYZSBH 受种者姓名:SZZXM 疫苗名称:YMMC 接种日期:JZRQ 接种单位:JZDW 既往病史:JWBS
过敏史:GMS 诊断信息:ZDXX 统计年度:TJND 机构数:JGS 卫生技术人员数:WSJSRYS 病种名称:BZMC 发病数:FBS
死亡数:SWS 发病率:FBL 学校标识码:XXBSM 办学类型:BXLX 举办者类型:JBZLX 学籍号:XJH 年级:NJ 入学日期:RXRQ
教师资格证书号码:JSZGZSHM 资格种类:ZGZL 任教学科:RJXK 办园性质:BYXZ 班级数:BJS 毕业院校:BYYX
专业名称:ZYMC 毕业日期:BYRQ 就业去向:JYQX 资助项目:ZZXM 资助金额:ZZJE 资助学年:ZZXN 招生年度:ZSND
招生计划数:ZSJHS 招生范围:ZSFW 主体名称:ZTMC 信用信息类别:XYXXLB 认定部门:RDBM 纳税人名称:NSRMC
评价年度:PJND 纳税信用级别:NSXYJB 列入事由:LRSY 失信行为:SXXW 移出日期:YCRQ 指标名称:ZBMC 指标值:ZBZ
计量单位:JLDW 项目代码:XMDM 项目单位:XMDW 总投资:ZTZ 监测日期:JCRQ 商品名称:SPMC 规格等级:GGDJ
平均价格:PJJG 能源品种:NYPZ 消费量:XFL 采购项目编号:CGXMBH 采购人:CGR 采购方式:CGFS 预算金额:YSJE
成交供应商:CJGYS 成交金额:CJJE 收费项目名称:SFXMMC 收费依据:SFYJ 执收单位:ZSDW 部门名称:BMMC
公开年度:GKND 公开类别:GKLB 收入总额:SRZE 支出总额:ZCZE 缴款码:JKM 缴款人名称:JKRMC
缴款人公民身份号码:JKRGMSFHM 执收项目:ZSXM 缴款金额:JKJE 缴款日期:JKRQ 观测站号:GCZH 观测站名称:GCZMC
观测时间:GCSJ 气温:QW 降水量:JSL 风速:FS 风向:FX 测站编码:CZBM 测站名称:CZMC 水位:SW 流量:LL
警戒水位:JJSW 许可范围:XKFW 灾害编号:ZHBH 受灾人口:SZRK 直接经济损失:ZJJJSS 发生日期:FSRQ 场所名称:CSMC
场所类型:CSLX 场所地址:CSDZ 可容纳人数:KRNRS 队伍名称:DWMC 队伍类型:DWLX 队伍人数:DWRS 主要装备:ZYZB
值守电话:ZSDH 企业层级:QYCJ 主营业务:ZYYW 国有资本占比:GYZBZB 产权登记类型:CQDJLX 出资人名称:CZRMC
出资额:CZE 报告期:BGQ 营业收入:YYSR 利润总额:LRZE 资产负债率:ZCFZL 办件编号:BJBH 事项名称:SXMC
受理部门:SLBM 申请人类型:SQRLX 受理时间:SLSJ 办结时间:BJSJ 办件状态:BJZT 累积记分:LJJF
犬只登记证号:QZDJZH 犬主姓名:QZXM 犬只品种:QZPZ 免疫日期:MYRQ 居住证编号:JZZBH 违法时间:WFSJ
违法地点:WFDD 违法行为:WFXW 处理状态:CLZT 预约号:YYH 预约日期:YYRQ 缴费档次:JFDC 岗位编号:GWBH
招聘单位:ZPDW 岗位名称:GWMC 招聘人数:ZPRS 薪酬范围:XCFW 发布日期:FBRQ 见习岗位数:JXGWS 签约机构:QYJG
签约日期:QYRQ 签约团队:QYTD 量化等级:LHDJ 评定日期:PDRQ 补贴金额:BTJE 服务站名称:FWZMC
服务站地址:FWZDZ 服务项目:FWXM 户数:HS 户籍人口数:HJRKS 男性人口数:NXRKS 女性人口数:NVXRKS 曾用名:CYM
`;

// Art. 33: items holding personal information (名称:类别[:分级]); id numbers, health and financial
// data are 重要, the rest 一般-2 unless stated.
const PERSONAL = `
旅客姓名:name 所有人名称:name 对方公民身份号码:id_number 对方姓名:name 监护人姓名:name 经营者姓名:name
权利人姓名:name 抵押人:name 买受人姓名:name 新生儿姓名:name 母亲姓名:name 母亲公民身份号码:id_number
受种者姓名:name 既往病史:health 过敏史:health 诊断信息:health:core 死亡原因:health 犬主姓名:name
缴款人名称:name 缴款人公民身份号码:id_number 出入境证件号码:other:important 社会保障卡卡号:financial
学籍号:other 居住证编号:other 累积记分:other 曾用名:name
`;

// Art. 14: non-personal items graded above 一般.
const GRADED = `
坐落:general-1 债权数额:general-1 密级:important 主要装备:important 值守电话:general-1 营业收入:important
利润总额:important 资产负债率:important 队伍人数:general-1
`;

const STRONG_PI = new Set(['id_number', 'health', 'financial']);

const table = (text: string) =>
  new Map(
    text
      .trim()
      .split(/\s+/)
      .map((w) => {
        const [name, ...rest] = w.split(':');
        return [name, rest] as const;
      }),
  );
const codes = table(CODES);
const personal = table(PERSONAL);
const graded = table(GRADED);

/** The type a catalog compiler would give the item by its name. */
function typeOf(name: string): { dataType: string; length: number | null } {
  if (/日期$/.test(name)) return { dataType: 'date', length: 8 };
  if (/时间$/.test(name)) return { dataType: 'datetime', length: null };
  if (/年度$/.test(name)) return { dataType: 'string', length: 4 };
  if (/(年月|月份|统计期|报告期)$/.test(name)) return { dataType: 'string', length: 6 };
  if (
    /(金额|资本|投资|价格|票价|面积|浓度|数额|基数|收入|支出|损失|占比|率|经度|纬度|气温|降水量|风速|水位|流量|厚度|含量|里程|需氧量|出资额|总额|指标值|载质量|消费量)$/.test(
      name,
    )
  )
    return { dataType: 'decimal', length: 18 };
  if (/(人数|户数|起数|数|人口|年级)$/.test(name)) return { dataType: 'integer', length: null };
  if (/(名称|名|姓名)$/.test(name)) return { dataType: 'string', length: 200 };
  if (/(编号|号码|代码|编码|证号|文号|字号|号|码)$/.test(name)) return { dataType: 'string', length: 64 };
  if (/(地址|场所|坐落|位置|地点|住所)$/.test(name)) return { dataType: 'string', length: 200 };
  if (/(范围|内容|事实|描述|含义|原因|结论|事由|依据|装备|业务|项目|史|信息)$/.test(name))
    return { dataType: 'string', length: 1000 };
  return { dataType: 'string', length: 100 };
}

/**
 * The item as the officer enters it: a data-element name or synonym is left to bind by name
 * (Art. 13); any other item carries its own code, type, personal-information kind and grade.
 */
export function itemOf(name: string, isElement: (name: string) => boolean, required: boolean): ItemInput {
  if (isElement(name)) return { name, required };
  const code = codes.get(name);
  if (!code) throw new Error(`demo catalog: item “${name}” has no code`);
  const [pi, piGrade] = personal.get(name) ?? [];
  const inferred = typeOf(name);
  const dataType = code[1] ?? inferred.dataType;
  return {
    name,
    code: code[0],
    dataType,
    length: dataType === inferred.dataType ? inferred.length : null,
    required,
    piKind: pi ?? null,
    grade:
      piGrade ??
      (pi ? (STRONG_PI.has(pi) ? 'important' : 'general-2') : (graded.get(name)?.[0] ?? 'general')),
  };
}
