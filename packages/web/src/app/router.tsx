import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { FullPageSpin, RequireAction, RequireSession } from './Guards.tsx';

/**
 * Every page but the login is its own chunk, fetched when its route matches (React Router calls the
 * matched routes' `lazy` together, so the frame and the page load in parallel, not one after the
 * other): the login page and the library stay within the first-load budget (bench/bundle-budget).
 */
const guarded = (action: string, page: ReactNode) => <RequireAction action={action}>{page}</RequireAction>;

// The error screen too is fetched only when an error happens (it brings Collapse and Result).
const RouteError = lazy(() => import('./RouteError.tsx').then((module) => ({ default: module.RouteError })));
const routeError = (
  <Suspense fallback={<FullPageSpin />}>
    <RouteError />
  </Suspense>
);

type PageModule = Record<string, ComponentType>;
/** A lazily loaded page, behind the action its route needs (if any). */
function page(load: () => Promise<PageModule>, name: string, action?: string): Pick<RouteObject, 'lazy'> {
  return {
    lazy: async () => {
      const Page = (await load())[name]!;
      return { Component: action ? () => guarded(action, <Page />) : Page };
    },
  };
}

export const router = createBrowserRouter([
  // Every route has the app's own error screen (never the router's developer one); inside the
  // shell, a pathless route catches a page's error so the header and menu stay.
  {
    path: '/setup',
    ...page(() => import('../features/setup/SetupPage.tsx'), 'SetupPage'),
    errorElement: routeError,
    hydrateFallbackElement: <FullPageSpin />,
  },
  { path: '/login', element: <LoginPage />, errorElement: routeError },
  {
    path: '/',
    lazy: async () => {
      const { AppLayout } = await import('./AppLayout.tsx');
      return {
        Component: () => (
          <RequireSession>
            <AppLayout />
          </RequireSession>
        ),
      };
    },
    errorElement: routeError,
    hydrateFallbackElement: <FullPageSpin />,
    children: [
      {
        errorElement: routeError,
        children: [
          { index: true, ...page(() => import('../features/home/HomePage.tsx'), 'HomePage') },
          {
            path: 'dashboard',
            ...page(
              () => import('../features/dashboard/DashboardPage.tsx'),
              'DashboardPage',
              'dashboard.read',
            ),
          },
          {
            path: 'targets',
            ...page(() => import('../features/targets/TargetsPage.tsx'), 'TargetsPage', 'target.read'),
          },
          {
            path: 'targets/:id',
            ...page(() => import('../features/targets/TargetPlanPage.tsx'), 'TargetPlanPage', 'target.read'),
          },
          {
            path: 'projects',
            ...page(
              () => import('../features/projects/ProjectListPage.tsx'),
              'ProjectListPage',
              'project.read',
            ),
          },
          {
            path: 'projects/:id',
            ...page(
              () => import('../features/projects/ProjectDetailPage.tsx'),
              'ProjectDetailPage',
              'project.read',
            ),
          },
          {
            path: 'imports',
            ...page(() => import('../features/imports/ImportPage.tsx'), 'ImportPage', 'import.run'),
          },
          {
            path: 'enterprises',
            ...page(
              () => import('../features/enterprises/EnterprisesPage.tsx'),
              'EnterprisesPage',
              'enterprise.read',
            ),
          },
          {
            path: 'leads',
            ...page(() => import('../features/leads/LeadsPage.tsx'), 'LeadsPage', 'lead.read'),
          },
          {
            path: 'leads/:id',
            ...page(() => import('../features/leads/LeadDetailPage.tsx'), 'LeadDetailPage', 'lead.read'),
          },
          {
            path: 'matters',
            ...page(() => import('../features/matters/MatterListPage.tsx'), 'MatterListPage', 'matter.read'),
          },
          {
            path: 'matters/:id',
            ...page(
              () => import('../features/matters/MatterDetailPage.tsx'),
              'MatterDetailPage',
              'matter.read',
            ),
          },
          {
            path: 'meetings',
            ...page(
              () => import('../features/meetings/MeetingListPage.tsx'),
              'MeetingListPage',
              'meeting.read',
            ),
          },
          {
            path: 'meetings/:id',
            ...page(
              () => import('../features/meetings/MeetingDetailPage.tsx'),
              'MeetingDetailPage',
              'meeting.read',
            ),
          },
          {
            path: 'tasks',
            ...page(() => import('../features/tasks/TaskListPage.tsx'), 'TaskListPage', 'task.read'),
          },
          {
            path: 'tasks/:id',
            ...page(() => import('../features/tasks/TaskDetailPage.tsx'), 'TaskDetailPage', 'task.read'),
          },
          {
            path: 'inspections',
            ...page(
              () => import('../features/inspections/InspectionListPage.tsx'),
              'InspectionListPage',
              'inspection.read',
            ),
          },
          {
            path: 'inspections/:id',
            ...page(
              () => import('../features/inspections/InspectionDetailPage.tsx'),
              'InspectionDetailPage',
              'inspection.read',
            ),
          },
          {
            path: 'review',
            ...page(() => import('../features/review/ReviewQueuePage.tsx'), 'ReviewQueuePage', 'review.read'),
          },
          {
            path: 'settings/review',
            ...page(
              () => import('../features/review/ReviewSettingsPage.tsx'),
              'ReviewSettingsPage',
              'review.read',
            ),
          },
          {
            path: 'months',
            ...page(() => import('../features/closing/MonthClosePage.tsx'), 'MonthClosePage', 'month.read'),
          },
          {
            path: 'admin/tenants',
            ...page(() => import('../features/tenants/TenantsPage.tsx'), 'TenantsPage', 'tenant.read'),
          },
          {
            path: 'admin/units',
            ...page(() => import('../features/units/UnitsPage.tsx'), 'UnitsPage', 'unit.read'),
          },
          {
            path: 'admin/groups',
            ...page(() => import('../features/groups/GroupsPage.tsx'), 'GroupsPage', 'group.read'),
          },
          {
            path: 'admin/conveners',
            ...page(
              () => import('../features/conveners/ConvenersPage.tsx'),
              'ConvenersPage',
              'convener.read',
            ),
          },
          {
            path: 'admin/users',
            ...page(() => import('../features/users/UsersPage.tsx'), 'UsersPage', 'user.read'),
          },
          {
            path: 'admin/account-requests',
            ...page(
              () => import('../features/approvals/AccountRequestsPage.tsx'),
              'AccountRequestsPage',
              'accountRequest.read',
            ),
          },
          {
            path: 'admin/roles',
            ...page(() => import('../features/roles/RolesPage.tsx'), 'RolesPage', 'role.read'),
          },
          {
            path: 'admin/password-policy',
            ...page(
              () => import('../features/password-policy/PasswordPolicyPage.tsx'),
              'PasswordPolicyPage',
              'settings.update',
            ),
          },
          {
            path: 'audit',
            ...page(() => import('../features/audit/AuditPage.tsx'), 'AuditPage', 'audit.read'),
          },
          { path: '*', ...page(() => import('./RouteError.tsx'), 'NotFound') },
        ],
      },
    ],
  },
]);
