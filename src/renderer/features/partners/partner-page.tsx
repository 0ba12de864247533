/**
 * One partner's record, behind the partner wall: who she is, how to contact
 * her safely (always on top), and a tab for each part of the work with her.
 */
import { Alert, Anchor, Badge, Button, Center, Group, Loader, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconBell, IconLanguage, IconUserQuestion } from '@tabler/icons-react';
import { useEffect, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { relationshipLabels } from '../../../shared/features/partners';
import { can } from '../../../shared/permissions';
import { useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { formatDate } from '../../app/format';
import { useStaffDirectory } from '../../components/staff-select';
import { PartnerSafeguardingTab, PartnerSharingTab } from '../safeguarding/partner-side-tabs';
import { ChecklistTab } from './checklist-tab';
import { ContactsTab } from './contacts-tab';
import { DetailsTab } from './details-tab';
import { MaracTab } from './marac-tab';
import { ContactStatusBadge, RiskBandBadge, SafeguardingBadge } from './partner-badges';
import { currentLevel, partnerTabs, type PartnerTab, type PartnerTabProps } from './partner-tab';
import { SafeContactCard } from './safe-contact-card';
import { SafetyPlanTab } from './safety-plan-tab';
import { PartnerOutcomesTab } from '../outcomes/outcomes-tabs';

const panels: Record<PartnerTab, (p: PartnerTabProps) => ReactNode> = {
  contacts: ContactsTab,
  checklist: ChecklistTab,
  'safety-plan': SafetyPlanTab,
  marac: MaracTab,
  safeguarding: PartnerSafeguardingTab,
  sharing: PartnerSharingTab,
  outcomes: PartnerOutcomesTab,
  details: DetailsTab,
};

export function PartnerPage() {
  const { id = '', tab } = useParams();
  return <PartnerView key={id} id={id} tabParam={tab} />;
}

function PartnerView({ id, tabParam }: { id: string; tabParam: string | undefined }) {
  const session = useSession();
  const navigate = useNavigate();
  const record = useApiQuery('partners.get', { partnerId: id });
  const directory = useStaffDirectory();
  const r = record.data;
  const tab: PartnerTab = (partnerTabs as readonly string[]).includes(tabParam ?? '') ? (tabParam as PartnerTab) : 'contacts';

  useEffect(() => {
    // Her reference only: a window title can show where her name must not.
    document.title = `${r?.reference ?? 'Partner'} – DVPP Case Manager`;
  }, [r?.reference]);

  if (record.isPending)
    return (
      <Center py="xl">
        <Loader aria-label="Opening her record" />
      </Center>
    );
  if (record.isError) {
    const notThere = record.error.error.code === 'NOT_FOUND' || record.error.error.code === 'VALIDATION';
    return (
      <Paper withBorder p="xl" radius="md" maw={640}>
        <Stack gap="md" align="flex-start">
          <IconUserQuestion size={36} aria-hidden />
          <Title order={1} size="h2">
            {notThere ? 'There is no record here' : 'Her record could not be opened'}
          </Title>
          <Text>{notThere ? 'Find her from the partner service list.' : record.error.message}</Text>
          <Button component={Link} to="/partners" leftSection={<IconArrowLeft size={18} />}>
            Back to the partner service
          </Button>
        </Stack>
      </Paper>
    );
  }

  const data = r!;
  const d = data.details;
  const canEdit = can(session.role, 'partners.edit');
  const { level, latestIncomplete } = currentLevel(data);
  const worker = d.workerId ? (directory.data?.find((s) => s.id === d.workerId)?.fullName ?? 'A former member of staff') : null;
  const props: PartnerTabProps = { record: data, canEdit, reload: () => record.refetch() };
  const Panel = panels[tab];
  const openReferrals = data.referrals.filter((x) => x.status === 'open').length;

  const labels: Record<PartnerTab, ReactNode> = {
    contacts: `Contact log (${data.contacts.length})`,
    checklist: 'Risk checklist',
    'safety-plan': 'Safety plan',
    marac: `MARAC / MAPPA${openReferrals ? ` (${openReferrals} open)` : ''}`,
    safeguarding: 'Safeguarding',
    sharing: 'Information sharing',
    outcomes: 'Outcomes',
    details: 'Her details',
  };

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md" component="section" aria-label="Partner">
        <Stack gap={6}>
          <Group gap="sm" align="center">
            <Title order={1} size="h2">
              {d.firstName} {d.lastName}
            </Title>
            <ContactStatusBadge status={data.contactStatus} size="lg" />
            <RiskBandBadge level={level} incomplete={latestIncomplete && !level} size="lg" />
            {data.openSafeguarding && <SafeguardingBadge size="lg" />}
            {d.interpreterNeeded && (
              <Badge color="blue" variant="light" size="lg" leftSection={<IconLanguage size={14} aria-hidden />}>
                Interpreter needed ({d.language})
              </Badge>
            )}
          </Group>
          <Group gap="lg" wrap="wrap">
            <Text size="sm">
              <Text span c="dimmed">
                Reference{' '}
              </Text>
              <b data-testid="partner-reference">{data.reference}</b>
            </Text>
            <Text size="sm">
              <Text span c="dimmed">
                Her worker{' '}
              </Text>
              {worker ?? 'Not assigned'}
            </Text>
            {data.links.map((l) => (
              <Text size="sm" key={l.id}>
                <Text span c="dimmed">
                  {relationshipLabels[l.relationship]} of{' '}
                </Text>
                {l.participantName ? (
                  <Anchor component={Link} to={`/participants/${l.participantId}`} inherit>
                    {l.participantName}
                  </Anchor>
                ) : (
                  `restricted record ${l.participantReference}`
                )}{' '}
                <Text span c="dimmed" size="xs">
                  ({l.participantReference}
                  {l.from ? `, from ${formatDate(l.from)}` : ''}
                  {l.to ? ` to ${formatDate(l.to)}` : ''})
                </Text>
              </Text>
            ))}
          </Group>
        </Stack>
      </Paper>

      <SafeContactCard details={d} />

      {data.openAlerts.length > 0 && tab !== 'contacts' && (
        <Alert color="blue" icon={<IconBell size={20} />} p="sm">
          <Group justify="space-between">
            <Text size="sm">
              {data.openAlerts.length === 1 ? 'One thing is' : `${data.openAlerts.length} things are`} waiting for contact with her:{' '}
              {data.openAlerts.map((a) => a.title).join('; ')}
            </Text>
            <Button size="compact-sm" variant="white" component={Link} to={`/partners/${id}/contacts`}>
              Open the contact log
            </Button>
          </Group>
        </Alert>
      )}

      <Tabs value={tab} onChange={(t) => t && void navigate(`/partners/${id}/${t}`, { replace: true })} keepMounted={false} variant="outline" radius="md">
        <Tabs.List aria-label="Parts of her record">
          {partnerTabs.map((t) => (
            <Tabs.Tab key={t} value={t}>
              {labels[t]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value={tab} pt="md">
          <Panel {...props} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
