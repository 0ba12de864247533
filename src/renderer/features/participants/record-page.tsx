/**
 * One participant's record: a header with who he is and his flags on every
 * tab, and a tab for each part of his story. The tab is in the address, so
 * Back and links land on the right one.
 */
import { Alert, Badge, Button, Center, Loader, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconLock, IconUserQuestion } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { can } from '../../../shared/permissions';
import { useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { RecordHeader } from './record-header';
import { recordTabs, type RecordTab, type RecordTabProps } from './record-tab';

const named = <K extends string>(load: () => Promise<Record<K, (p: RecordTabProps) => ReactNode>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

// Each tab loads when first opened.
const OverviewTab = named(() => import('./overview-tab'), 'OverviewTab');
const ReferralsTab = named(() => import('../referrals/referrals-tab'), 'ReferralsTab');
const StatusTab = named(() => import('./status-tab'), 'StatusTab');
const AssessmentTab = named(() => import('../assessments/assessment-tab'), 'AssessmentTab');
const RiskTab = named(() => import('../risk/risk-tab'), 'RiskTab');
const ConsentTab = named(() => import('../consents/consent-tab'), 'ConsentTab');
const NotesTab = named(() => import('../notes/notes-tab'), 'NotesTab');
const GoalsTab = named(() => import('../notes/goals-tab'), 'GoalsTab');
const TasksTab = named(() => import('../tasks/participant-tasks-tab'), 'ParticipantTasksTab');
const AttendanceTab = named(() => import('../registers/attendance-tab'), 'AttendanceTab');
const SafeguardingTab = named(() => import('../safeguarding/participant-side-tabs'), 'SafeguardingTab');
const SharingTab = named(() => import('../safeguarding/participant-side-tabs'), 'SharingTab');
const ReportsTab = named(() => import('../reports/participant-reports-tab'), 'ParticipantReportsTab');
const OutcomesTab = named(() => import('../outcomes/outcomes-tabs'), 'OutcomesTab');

const panels: Record<RecordTab, (p: RecordTabProps) => ReactNode> = {
  overview: OverviewTab,
  referrals: ReferralsTab,
  status: StatusTab,
  assessment: AssessmentTab,
  risk: RiskTab,
  consent: ConsentTab,
  attendance: AttendanceTab,
  notes: NotesTab,
  goals: GoalsTab,
  tasks: TasksTab,
  safeguarding: SafeguardingTab,
  sharing: SharingTab,
  reports: ReportsTab,
  outcomes: OutcomesTab,
};

function Problem({
  title,
  children,
  icon = <IconLock size={36} aria-hidden />,
}: {
  title: string;
  children: ReactNode;
  icon?: ReactNode;
}) {
  return (
    <Paper withBorder p="xl" radius="md" maw={640}>
      <Stack gap="md" align="flex-start">
        {icon}
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text>{children}</Text>
        <Button component={Link} to="/participants" leftSection={<IconArrowLeft size={18} />}>
          Back to the participants list
        </Button>
      </Stack>
    </Paper>
  );
}

export function ParticipantRecordPage() {
  const { id = '', tab } = useParams();
  // A fresh page for each participant: nothing half-edited carries over from the last one.
  return <RecordView key={id} id={id} tabParam={tab} />;
}

function RecordView({ id, tabParam }: { id: string; tabParam: string | undefined }) {
  const session = useSession();
  const navigate = useNavigate();
  const record = useApiQuery('participants.get', { id });
  const r = record.data;
  const tab: RecordTab = (recordTabs as readonly string[]).includes(tabParam ?? '')
    ? (tabParam as RecordTab)
    : 'overview';

  useEffect(() => {
    // The reference, not his name: the window title can show in places a name should not.
    document.title = `${r?.header.reference ?? 'Participant'} – DVPP Case Manager`;
  }, [r?.header.reference]);

  if (record.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Opening the record" />
      </Center>
    );
  }
  if (record.isError) {
    const { code, message } = record.error.error;
    if (code === 'FORBIDDEN') return <Problem title="This record is restricted">{message}</Problem>;
    if (code === 'NOT_FOUND' || code === 'VALIDATION')
      return (
        <Problem title="There is no record here" icon={<IconUserQuestion size={36} aria-hidden />}>
          The address may be wrong, or the record may have been removed. Find him from the participants list or the
          search box.
        </Problem>
      );
    return (
      <Alert color="red" role="alert" title="The record could not be opened">
        {message}
      </Alert>
    );
  }

  const data = r!;
  const canEdit = can(session.role, 'participants.edit');
  const props: RecordTabProps = { record: data, canEdit, reload: () => record.refetch() };
  const active: RecordTab = (tab === 'notes' && !data.canReadNotes) || (tab === 'reports' && !can(session.role, 'reports.draft')) || (tab === 'outcomes' && !can(session.role, 'outcomes.programme')) ? 'overview' : tab;
  const Panel = panels[active];
  const openTasks = data.openTasks.length;
  const overdue = data.openTasks.filter((t) => t.overdue).length;

  const tabLabel: Record<RecordTab, ReactNode> = {
    overview: 'Overview',
    referrals: `Referrals (${data.referrals.length})`,
    status: 'Status',
    assessment: 'Assessment',
    risk: 'Risk',
    consent: 'Consent',
    attendance: 'Groups and attendance',
    notes: 'Case notes',
    goals: 'Goals and achievements',
    tasks: 'Tasks',
    safeguarding: 'Safeguarding',
    sharing: 'Information sharing',
    reports: 'Reports',
    outcomes: 'Outcomes',
  };

  return (
    <Stack gap="md">
      <RecordHeader record={data} />
      <Tabs
        value={active}
        onChange={(t) => t && void navigate(`/participants/${id}/${t}`, { replace: true })}
        keepMounted={false}
        variant="outline"
        radius="md"
      >
        <Tabs.List aria-label="Parts of his record">
          {recordTabs
            .filter((t) => (t !== 'notes' || data.canReadNotes) && (t !== 'reports' || can(session.role, 'reports.draft')) && (t !== 'outcomes' || can(session.role, 'outcomes.programme')))
            .map((t) => (
              <Tabs.Tab
                key={t}
                value={t}
                rightSection={
                  t === 'tasks' && openTasks > 0 ? (
                    <Badge
                      size="sm"
                      color={overdue > 0 ? 'red' : 'gray'}
                      variant={overdue > 0 ? 'filled' : 'light'}
                      aria-label={`${openTasks} open, ${overdue} overdue`}
                    >
                      {openTasks}
                    </Badge>
                  ) : undefined
                }
              >
                {tabLabel[t]}
              </Tabs.Tab>
            ))}
        </Tabs.List>
        <Tabs.Panel value={active} pt="md">
          <Suspense
            fallback={
              <Center py="xl">
                <Loader aria-label="Loading" />
              </Center>
            }
          >
            <Panel {...props} />
          </Suspense>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
