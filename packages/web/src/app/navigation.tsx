import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  BankOutlined,
  BulbOutlined,
  ProjectOutlined,
  AuditOutlined,
  ClusterOutlined,
  DashboardOutlined,
  HomeOutlined,
  ImportOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
  AimOutlined,
  AlertOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  FileSearchOutlined,
  ScheduleOutlined,
  SettingOutlined,
  LockOutlined,
} from '@ant-design/icons';
import type { MessageKey } from '../i18n/zh-CN.ts';

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** The policy action that makes the page useful; none = every signed-in user. */
  action?: string;
}

export const homeItem: NavItem = { path: '/', label: 'nav.home', icon: <HomeOutlined /> };

/** 领导驾驶舱: the first item, and the landing page, for those who may read it (in place of 工作台). */
export const dashboardItem: NavItem = {
  path: '/dashboard',
  label: 'nav.dashboard',
  icon: <DashboardOutlined />,
  action: 'dashboard.read',
};

/** The business pages (目标任务, 项目库, 导入台账, 企业库, 招商信息), above 系统管理. */
export const libraryItems: NavItem[] = [
  { path: '/targets', label: 'nav.targets', icon: <AimOutlined />, action: 'target.read' },
  { path: '/projects', label: 'nav.projects', icon: <ProjectOutlined />, action: 'project.read' },
  { path: '/imports', label: 'nav.imports', icon: <ImportOutlined />, action: 'import.run' },
  { path: '/enterprises', label: 'nav.enterprises', icon: <BankOutlined />, action: 'enterprise.read' },
  { path: '/leads', label: 'nav.leads', icon: <BulbOutlined />, action: 'lead.read' },
];

/** 协调推进: the coordination loop (matters, meetings, follow-up, inspections, review). */
export const loopItems: NavItem[] = [
  { path: '/matters', label: 'nav.matters', icon: <AlertOutlined />, action: 'matter.read' },
  { path: '/meetings', label: 'nav.meetings', icon: <ScheduleOutlined />, action: 'meeting.read' },
  { path: '/tasks', label: 'nav.tasks', icon: <CarryOutOutlined />, action: 'task.read' },
  {
    path: '/inspections',
    label: 'nav.inspections',
    icon: <CheckSquareOutlined />,
    action: 'inspection.read',
  },
  { path: '/review', label: 'nav.review', icon: <FileSearchOutlined />, action: 'review.read' },
  { path: '/months', label: 'nav.months', icon: <LockOutlined />, action: 'month.read' },
];

/** The 系统管理 group; each item shows only when `me.actions` lists its action. */
export const adminItems: NavItem[] = [
  { path: '/admin/tenants', label: 'nav.tenants', icon: <ClusterOutlined />, action: 'tenant.read' },
  { path: '/admin/units', label: 'nav.units', icon: <ApartmentOutlined />, action: 'unit.read' },
  { path: '/admin/groups', label: 'nav.groups', icon: <TeamOutlined />, action: 'group.read' },
  { path: '/admin/conveners', label: 'nav.conveners', icon: <SolutionOutlined />, action: 'convener.read' },
  { path: '/admin/users', label: 'nav.users', icon: <UserOutlined />, action: 'user.read' },
  {
    path: '/admin/account-requests',
    label: 'nav.accountRequests',
    icon: <AuditOutlined />,
    action: 'accountRequest.read',
  },
  { path: '/admin/roles', label: 'nav.roles', icon: <SafetyCertificateOutlined />, action: 'role.read' },
  {
    path: '/admin/password-policy',
    label: 'nav.passwordPolicy',
    icon: <KeyOutlined />,
    action: 'settings.update',
  },
  {
    path: '/settings/review',
    label: 'nav.reviewSettings',
    icon: <SettingOutlined />,
    action: 'review.configure',
  },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, action: 'audit.read' },
];
