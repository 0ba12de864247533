/** The pages inside the app, on a hash router (the window is not served over http in production). */
import { lazy, useState } from 'react';
import { createHashRouter, RouterProvider, type RouteObject } from 'react-router';
import { HomePage } from '../features/home/home-page';
import { NotFoundPage } from './not-allowed-page';
import { RequirePermission } from './require-permission';
import { RouteError } from './route-error';
import { Shell } from './shell';

// Loaded only when opened, to keep the start-up bundle small.
const StaffPage = lazy(() => import('../features/staff/staff-page').then((m) => ({ default: m.StaffPage })));
const AuditPage = lazy(() => import('../features/audit/audit-page').then((m) => ({ default: m.AuditPage })));
const SettingsPage = lazy(() => import('../features/settings/settings-page').then((m) => ({ default: m.SettingsPage })));
const UpdatesPage = lazy(() => import('../features/updates/updates-page').then((m) => ({ default: m.UpdatesPage })));
const BackupsPage = lazy(() => import('../features/backups/backups-page').then((m) => ({ default: m.BackupsPage })));
const ParticipantsPage = lazy(() => import('../features/participants/participants-page').then((m) => ({ default: m.ParticipantsPage })));
const NewReferralPage = lazy(() => import('../features/participants/new-referral-page').then((m) => ({ default: m.NewReferralPage })));
const ParticipantRecordPage = lazy(() => import('../features/participants/record-page').then((m) => ({ default: m.ParticipantRecordPage })));
const WaitingListPage = lazy(() => import('../features/participants/waiting-list-page').then((m) => ({ default: m.WaitingListPage })));
const TasksPage = lazy(() => import('../features/tasks/tasks-page').then((m) => ({ default: m.TasksPage })));
const GroupsPage = lazy(() => import('../features/groups/groups-page').then((m) => ({ default: m.GroupsPage })));
const NewGroupPage = lazy(() => import('../features/groups/new-group-page').then((m) => ({ default: m.NewGroupPage })));
const GroupPage = lazy(() => import('../features/groups/group-page').then((m) => ({ default: m.GroupPage })));
const SessionPage = lazy(() => import('../features/calendar/session-page').then((m) => ({ default: m.SessionPage })));
const CalendarPage = lazy(() => import('../features/calendar/calendar-page').then((m) => ({ default: m.CalendarPage })));
const PartnersPage = lazy(() => import('../features/partners/partners-page').then((m) => ({ default: m.PartnersPage })));
const NewPartnerPage = lazy(() => import('../features/partners/new-partner-page').then((m) => ({ default: m.NewPartnerPage })));
const PartnerPage = lazy(() => import('../features/partners/partner-page').then((m) => ({ default: m.PartnerPage })));
const OutcomesPage = lazy(() => import('../features/outcomes/outcomes-page').then((m) => ({ default: m.OutcomesPage })));
const ReportsPage = lazy(() => import('../features/reports/reports-page').then((m) => ({ default: m.ReportsPage })));
const ReportPage = lazy(() => import('../features/reports/report-page').then((m) => ({ default: m.ReportPage })));
const ProgrammeSettingsPage = lazy(() => import('../features/programmes/programme-settings-page').then((m) => ({ default: m.ProgrammeSettingsPage })));
const DataProtectionPage = lazy(() => import('../features/retention/data-protection-page').then((m) => ({ default: m.DataProtectionPage })));
const SharingLogPage = lazy(() => import('../features/safeguarding/sharing-log-page').then((m) => ({ default: m.SharingLogPage })));
const ImportPage = lazy(() => import('../features/imports/import-page').then((m) => ({ default: m.ImportPage })));
const SubjectAccessRequestPage = lazy(() => import('../features/subject-access/request-page').then((m) => ({ default: m.SubjectAccessRequestPage })));

const routes: RouteObject[] = [
  {
    path: '/',
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      {
        path: 'participants',
        element: (
          <RequirePermission permission="participants.view">
            <ParticipantsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'participants/new',
        element: (
          <RequirePermission permission="participants.edit">
            <NewReferralPage />
          </RequirePermission>
        ),
      },
      {
        path: 'participants/:id/:tab?',
        element: (
          <RequirePermission permission="participants.view">
            <ParticipantRecordPage />
          </RequirePermission>
        ),
      },
      {
        path: 'waiting-list',
        element: (
          <RequirePermission permission="participants.view">
            <WaitingListPage />
          </RequirePermission>
        ),
      },
      { path: 'tasks', element: <TasksPage /> },
      {
        path: 'groups',
        element: (
          <RequirePermission permission="groups.view">
            <GroupsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'groups/new',
        element: (
          <RequirePermission permission="groups.manage">
            <NewGroupPage />
          </RequirePermission>
        ),
      },
      {
        path: 'groups/:id/:tab?',
        element: (
          <RequirePermission permission="groups.view">
            <GroupPage />
          </RequirePermission>
        ),
      },
      {
        path: 'groups/:groupId/sessions/:sessionId/:tab?',
        element: (
          <RequirePermission permission="groups.view">
            <SessionPage />
          </RequirePermission>
        ),
      },
      {
        path: 'calendar',
        element: (
          <RequirePermission permission="groups.view">
            <CalendarPage />
          </RequirePermission>
        ),
      },
      {
        path: 'partners',
        element: (
          <RequirePermission permission="partners.view">
            <PartnersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'partners/new',
        element: (
          <RequirePermission permission="partners.edit">
            <NewPartnerPage />
          </RequirePermission>
        ),
      },
      {
        path: 'partners/:id/:tab?',
        element: (
          <RequirePermission permission="partners.view">
            <PartnerPage />
          </RequirePermission>
        ),
      },
      {
        path: 'reports',
        element: (
          <RequirePermission permission="reports.draft">
            <ReportsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'reports/:id',
        element: (
          <RequirePermission permission="reports.draft">
            <ReportPage />
          </RequirePermission>
        ),
      },
      {
        path: 'outcomes',
        element: (
          <RequirePermission permission="outcomes.view">
            <OutcomesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'programme-settings/:tab?',
        element: (
          <RequirePermission permission="curriculum.manage">
            <ProgrammeSettingsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'information-sharing',
        element: (
          <RequirePermission permission="sharing.log">
            <SharingLogPage />
          </RequirePermission>
        ),
      },
      {
        path: 'staff',
        element: (
          <RequirePermission permission="staff.view">
            <StaffPage />
          </RequirePermission>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequirePermission permission="audit.view">
            <AuditPage />
          </RequirePermission>
        ),
      },
      {
        path: 'import',
        element: (
          <RequirePermission permission="imports.run">
            <ImportPage />
          </RequirePermission>
        ),
      },
      {
        path: 'settings',
        element: (
          <RequirePermission permission="settings.manage">
            <SettingsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'data-protection/requests/:requestId',
        element: (
          <RequirePermission permission="subjectAccess.manage">
            <SubjectAccessRequestPage />
          </RequirePermission>
        ),
      },
      {
        path: 'data-protection/:tab?',
        element: (
          <RequirePermission permission="retention.review">
            <DataProtectionPage />
          </RequirePermission>
        ),
      },
      {
        path: 'backups',
        element: (
          <RequirePermission permission="backups.manage">
            <BackupsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'updates',
        element: (
          <RequirePermission permission="updates.install">
            <UpdatesPage />
          </RequirePermission>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

let router: ReturnType<typeof createHashRouter> | null = null;

/** One router for the life of the window: it follows the address while locked, so unlocking returns to the same page. */
function getRouter() {
  router ??= createHashRouter(routes);
  return router;
}

export function AppRouter() {
  const [appRouter] = useState(getRouter);
  return <RouterProvider router={appRouter} />;
}
