// PLACEHOLDER — replaced by the agencies work.
export const DEMO_ACCOUNTS: { username: string; description: string }[] = [
  { username: 'sheng.admin', description: '省级主管部门管理员' },
];
