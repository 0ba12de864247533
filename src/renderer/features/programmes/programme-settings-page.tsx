/**
 * A manager's settings for the groupwork: the programme types, the curriculum
 * library, closure dates and the attendance rules. The tab is in the address.
 */
import { Center, Loader, Tabs } from '@mantine/core';
import { IconBook, IconCalendarOff, IconChartBar, IconListNumbers, IconUserX } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';

const ProgrammeTypesPanel = lazy(() => import('./programme-types-panel').then((m) => ({ default: m.ProgrammeTypesPanel })));
const CurriculumPanel = lazy(() => import('./curriculum-panel').then((m) => ({ default: m.CurriculumPanel })));
const ClosuresPanel = lazy(() => import('./closures-panel').then((m) => ({ default: m.ClosuresPanel })));
const OutcomeSettingsPanel = lazy(() => import('../outcomes/outcome-settings-panel').then((m) => ({ default: m.OutcomeSettingsPanel })));
const AttendanceRulesPanel = lazy(() => import('./attendance-rules-panel').then((m) => ({ default: m.AttendanceRulesPanel })));

export const settingsTabs = ['programmes', 'curriculum', 'closures', 'attendance', 'outcomes'] as const;
type SettingsTab = (typeof settingsTabs)[number];

const labels: Record<SettingsTab, string> = {
  programmes: 'Programme types',
  curriculum: 'Curriculum',
  closures: 'Closure dates',
  attendance: 'Attendance rules',
  outcomes: 'Outcome measures',
};
const icons: Record<SettingsTab, typeof IconBook> = {
  programmes: IconListNumbers,
  curriculum: IconBook,
  closures: IconCalendarOff,
  attendance: IconUserX,
  outcomes: IconChartBar,
};

export function ProgrammeSettingsPage() {
  const { tab } = useParams();
  const navigate = useNavigate();
  const active: SettingsTab = (settingsTabs as readonly string[]).includes(tab ?? '') ? (tab as SettingsTab) : 'programmes';
  return (
    <>
      <PageHeader
        title="Programme settings"
        description="How your organisation runs its programmes: the kinds of programme, the curriculum themes and session templates, the days you are closed, when absences call for an exit review, and the outcome measures’ follow-ups and wording."
      />
      <Tabs value={active} onChange={(t) => t && void navigate(`/programme-settings/${t}`, { replace: true })} variant="outline" radius="md" keepMounted={false}>
        <Tabs.List aria-label="Programme settings">
          {settingsTabs.map((t) => {
            const Icon = icons[t];
            return (
              <Tabs.Tab key={t} value={t} leftSection={<Icon size={16} aria-hidden />}>
                {labels[t]}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value={active} pt="md">
          <Suspense
            fallback={
              <Center py="xl">
                <Loader aria-label="Loading" />
              </Center>
            }
          >
            {active === 'programmes' && <ProgrammeTypesPanel />}
            {active === 'curriculum' && <CurriculumPanel />}
            {active === 'closures' && <ClosuresPanel />}
            {active === 'attendance' && <AttendanceRulesPanel />}
            {active === 'outcomes' && <OutcomeSettingsPanel />}
          </Suspense>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
