import { DomainError } from '../kernel/errors.ts';
import type { Permission } from '../kernel/permissions.ts';

// Roles of the platform. Business roles (Art. 5–6) plus the 三员 of 等保 level 3: system, security
// and audit administrators are kept apart so no one person can both act and erase the trace.
export const ROLES = {
  authority_admin: '主管部门管理员',
  authority_reviewer: '目录审核员',
  data_officer: '数据管理员',
  dept_user: '部门用户',
  auditor: '审计员',
  sys_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  public: '公众用户',
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_CODES = Object.keys(ROLES) as Role[];

/** 三员分立: no account may hold two of these. */
export const SEPARATED_ADMIN_ROLES: Role[] = ['sys_admin', 'security_admin', 'audit_admin'];

/** Roles only an agency of this kind may hold. */
export const AUTHORITY_ONLY: Role[] = ['authority_admin', 'authority_reviewer'];

const STAFF_BASE: Permission[] = ['agency.read', 'calendar.read', 'catalog.read'];

export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  authority_admin: [
    ...STAFF_BASE,
    'agency.manage',
    'account.read',
    'calendar.manage',
    'webhook.manage',
    'supervision.read',
    'rulebook.read',
    // Only the provincial authority's admin may actually change it (checked by the service).
    'rulebook.manage',
    // Art. 41/42: orders agencies it supervises to rectify (the region is checked by the service).
    'rectification.issue',
    // Art. 12: the catalog standard; only the provincial authority may change it (checked by the service).
    'catalog.dictionary.manage',
    // Art. 12, 17: the authority oversees catalogs in its region (statistics, completeness, lead departments).
    'catalog.review',
    'catalog.duty.manage',
    // Art. 19: the authority sees the quality of what its region aggregates.
    'aggregation.read',
  ],
  authority_reviewer: [
    ...STAFF_BASE,
    'supervision.read',
    'rulebook.read',
    'catalog.review',
    'aggregation.read',
  ],
  // Art. 42: a department sees its own deadlines on the board.
  data_officer: [
    ...STAFF_BASE,
    'supervision.read',
    'catalog.edit',
    'catalog.subscribe',
    'catalog.duty.manage',
    // Art. 18: the provider aggregates its own data; Art. 33: clear values of its rejected rows, ledgered.
    'aggregation.read',
    'aggregation.load',
    'aggregation.clear',
  ],
  dept_user: [...STAFF_BASE, 'catalog.subscribe'],
  auditor: [...STAFF_BASE, 'ledger.read', 'ledger.verify', 'supervision.read'],
  // The system administrator runs accounts but cannot grant roles or read the audit trail.
  sys_admin: [...STAFF_BASE, 'agency.manage', 'account.read', 'account.manage', 'webhook.manage'],
  // The security administrator grants roles but creates no accounts.
  security_admin: [...STAFF_BASE, 'account.read', 'role.assign'],
  // The audit administrator reads and verifies the trail and changes nothing else.
  audit_admin: [...STAFF_BASE, 'ledger.read', 'ledger.verify'],
  public: [],
};

export function permissionsOf(roles: readonly string[]): Permission[] {
  const set = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r as Role] ?? []) set.add(p);
  return [...set].sort();
}

/** Rejects a role set that breaks 三员分立. */
export function assertRoleSetAllowed(roles: readonly string[]): void {
  const unknown = roles.filter((r) => !(r in ROLES));
  if (unknown.length) {
    throw new DomainError(400, 'validation-failed', '请求参数不合法', {
      errors: unknown.map((r) => ({ field: 'roles', message: `未知角色：${r}` })),
    });
  }
  const admins = roles.filter((r) => SEPARATED_ADMIN_ROLES.includes(r as Role));
  if (admins.length > 1) {
    throw new DomainError(422, 'three-admin-separation', '违反三员分立', {
      detail: `系统管理员、安全管理员、审计管理员须由不同账号担任，不得兼任：${admins.map((r) => ROLES[r as Role]).join('、')}`,
    });
  }
  if (roles.includes('public') && roles.length > 1) {
    throw new DomainError(422, 'public-role-exclusive', '公众账号不得兼任政务角色');
  }
}
