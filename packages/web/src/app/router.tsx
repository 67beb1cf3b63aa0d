import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { ConvenersPage } from '../features/conveners/ConvenersPage.tsx';
import { GroupsPage } from '../features/groups/GroupsPage.tsx';
import { EnterprisesPage } from '../features/enterprises/EnterprisesPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { ImportPage } from '../features/imports/ImportPage.tsx';
import { InspectionDetailPage } from '../features/inspections/InspectionDetailPage.tsx';
import { InspectionListPage } from '../features/inspections/InspectionListPage.tsx';
import { LeadDetailPage } from '../features/leads/LeadDetailPage.tsx';
import { LeadsPage } from '../features/leads/LeadsPage.tsx';
import { MatterDetailPage } from '../features/matters/MatterDetailPage.tsx';
import { MatterListPage } from '../features/matters/MatterListPage.tsx';
import { MeetingDetailPage } from '../features/meetings/MeetingDetailPage.tsx';
import { MeetingListPage } from '../features/meetings/MeetingListPage.tsx';
import { ReviewQueuePage } from '../features/review/ReviewQueuePage.tsx';
import { ReviewSettingsPage } from '../features/review/ReviewSettingsPage.tsx';
import { MonthClosePage } from '../features/closing/MonthClosePage.tsx';
import { TaskDetailPage } from '../features/tasks/TaskDetailPage.tsx';
import { TaskListPage } from '../features/tasks/TaskListPage.tsx';
import { ProjectDetailPage } from '../features/projects/ProjectDetailPage.tsx';
import { ProjectListPage } from '../features/projects/ProjectListPage.tsx';
import { PasswordPolicyPage } from '../features/password-policy/PasswordPolicyPage.tsx';
import { AccountRequestsPage } from '../features/approvals/AccountRequestsPage.tsx';
import { RolesPage } from '../features/roles/RolesPage.tsx';
import { SetupPage } from '../features/setup/SetupPage.tsx';
import { TargetPlanPage } from '../features/targets/TargetPlanPage.tsx';
import { TargetsPage } from '../features/targets/TargetsPage.tsx';
import { TenantsPage } from '../features/tenants/TenantsPage.tsx';
import { UnitsPage } from '../features/units/UnitsPage.tsx';
import { UsersPage } from '../features/users/UsersPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { FullPageSpin, RequireAction, RequireSession } from './Guards.tsx';
import { NotFound, RouteError } from './RouteError.tsx';

// The dashboard brings ECharts: loaded on first visit, not with every page.
const DashboardPage = lazy(() =>
  import('../features/dashboard/DashboardPage.tsx').then((module) => ({ default: module.DashboardPage })),
);

const guarded = (action: string, page: ReactNode) => <RequireAction action={action}>{page}</RequireAction>;

export const router = createBrowserRouter([
  // Every route has the app's own error screen (never the router's developer one); inside the
  // shell, a pathless route catches a page's error so the header and menu stay.
  { path: '/setup', element: <SetupPage />, errorElement: <RouteError /> },
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          {
            path: 'dashboard',
            element: guarded(
              'dashboard.read',
              <Suspense fallback={<FullPageSpin />}>
                <DashboardPage />
              </Suspense>,
            ),
          },
          { path: 'targets', element: guarded('target.read', <TargetsPage />) },
          { path: 'targets/:id', element: guarded('target.read', <TargetPlanPage />) },
          { path: 'projects', element: guarded('project.read', <ProjectListPage />) },
          { path: 'projects/:id', element: guarded('project.read', <ProjectDetailPage />) },
          { path: 'imports', element: guarded('import.run', <ImportPage />) },
          { path: 'enterprises', element: guarded('enterprise.read', <EnterprisesPage />) },
          { path: 'leads', element: guarded('lead.read', <LeadsPage />) },
          { path: 'leads/:id', element: guarded('lead.read', <LeadDetailPage />) },
          { path: 'matters', element: guarded('matter.read', <MatterListPage />) },
          { path: 'matters/:id', element: guarded('matter.read', <MatterDetailPage />) },
          { path: 'meetings', element: guarded('meeting.read', <MeetingListPage />) },
          { path: 'meetings/:id', element: guarded('meeting.read', <MeetingDetailPage />) },
          { path: 'tasks', element: guarded('task.read', <TaskListPage />) },
          { path: 'tasks/:id', element: guarded('task.read', <TaskDetailPage />) },
          { path: 'inspections', element: guarded('inspection.read', <InspectionListPage />) },
          { path: 'inspections/:id', element: guarded('inspection.read', <InspectionDetailPage />) },
          { path: 'review', element: guarded('review.read', <ReviewQueuePage />) },
          { path: 'settings/review', element: guarded('review.read', <ReviewSettingsPage />) },
          { path: 'months', element: guarded('month.read', <MonthClosePage />) },
          { path: 'admin/tenants', element: guarded('tenant.read', <TenantsPage />) },
          { path: 'admin/units', element: guarded('unit.read', <UnitsPage />) },
          { path: 'admin/groups', element: guarded('group.read', <GroupsPage />) },
          { path: 'admin/conveners', element: guarded('convener.read', <ConvenersPage />) },
          { path: 'admin/users', element: guarded('user.read', <UsersPage />) },
          {
            path: 'admin/account-requests',
            element: guarded('accountRequest.read', <AccountRequestsPage />),
          },
          { path: 'admin/roles', element: guarded('role.read', <RolesPage />) },
          { path: 'admin/password-policy', element: guarded('settings.update', <PasswordPolicyPage />) },
          { path: 'audit', element: guarded('audit.read', <AuditPage />) },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
