// A valid entry as a data officer of 省公安厅 would compile it; tests change one thing at a time.
export const basicEntry = (over: Record<string, unknown> = {}) => ({
  name: '户籍人口基本信息',
  summary: '全省常住户籍人口的基本身份信息，用于政务服务身份核验。',
  classificationCode: '101001',
  groupCode: 'base.population',
  formatCode: 'table',
  frequencyCode: 'daily',
  shareType: '有条件共享',
  shareConditions: { scope: '省内政务部门', purpose: '办理政务服务事项时核验身份' },
  openType: '不予开放',
  openReason: '含公民个人隐私信息',
  items: [
    { name: '公民身份号码' },
    { name: '姓名' },
    { name: '户籍地址', required: true },
    { name: '迁入日期', code: 'QRRQ', dataType: 'date', grade: 'general' },
  ],
  ...over,
});

/** Items without personal information, for the open-type rules. */
export const plainItems = [{ name: '统一社会信用代码' }, { name: '企业名称' }, { name: '注册资本' }];
