/**
 * Roles. The three administrators (三员分立) are mutually exclusive with each
 * other and with the business roles: a user holds exactly one role.
 */
export const roles = [
  'system_admin',
  'security_admin',
  'auditor',
  'coordinator',
  'unit_staff',
  'leader',
  'viewer',
] as const;

export type Role = (typeof roles)[number];

export const adminRoles = ['system_admin', 'security_admin', 'auditor'] as const satisfies readonly Role[];

export function isAdminRole(role: Role): boolean {
  return (adminRoles as readonly Role[]).includes(role);
}

export const roleLabels: Record<Role, { 'zh-CN': string; 'en-US': string }> = {
  system_admin: { 'zh-CN': '系统管理员', 'en-US': 'System administrator' },
  security_admin: { 'zh-CN': '安全管理员', 'en-US': 'Security administrator' },
  auditor: { 'zh-CN': '安全审计员', 'en-US': 'Auditor' },
  coordinator: { 'zh-CN': '综合协调组', 'en-US': 'Coordinator' },
  unit_staff: { 'zh-CN': '责任单位经办人', 'en-US': 'Unit staff' },
  leader: { 'zh-CN': '区领导/召集人', 'en-US': 'Leader' },
  viewer: { 'zh-CN': '上级查阅', 'en-US': 'Viewer (roll-up)' },
};
