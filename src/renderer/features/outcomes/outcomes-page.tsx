/**
 * The outcomes page (managers): for a period, programme type or group, how each measure changed
 * from the baseline, with the number of people behind every figure. Counts of 1 to 4 are shown
 * as "fewer than 5" and have no bar; her answers appear only as such counts, and only for a
 * session with the partner side open.
 */
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Alert, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { IconFileText, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { addDays, todayInLondon } from '../../../shared/dates';
import { measureSetLabels, measureSets, type Indicator } from '../../../shared/features/outcomes';
import { useApiQuery } from '../../app/api';
import { formatDate } from '../../app/format';
import { PageHeader } from '../../components/page-header';
import { UkDateInput } from '../../components/uk-date-input';

const asNumber = (shown: string) => (/^\d+$/.test(shown) ? Number(shown) : 0);
const isoOk = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);

/** A count the chart can draw: a plain number above 0 (hidden counts, "fewer than 5" and the like, are not drawn). */
const drawable = (shown: string) => asNumber(shown) > 0;

function IndicatorCard({ i }: { i: Indicator }) {
  const later = i.points.filter((p) => p.point !== 'baseline');
  // Only the points with a count to draw: a chart of empty bars would read as "nobody", not "too few to show".
  const charted = later.filter((p) => drawable(p.better) || drawable(p.same) || drawable(p.worse));
  const data = charted.map((p) => ({ point: `${p.label} (${p.paired})`, Better: asNumber(p.better), 'The same': asNumber(p.same), Worse: asNumber(p.worse) }));
  const anyPaired = later.some((p) => p.paired !== '0');
  const someHidden = later.some((p) => [p.better, p.same, p.worse].some((c) => c !== '0' && !/^\d+$/.test(c)));
  const answered = i.points.filter((p) => p.people !== '0');
  const baseline = i.points.find((p) => p.point === 'baseline')!;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label={i.label}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={3} size="h5">
            {i.label}
          </Title>
          <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
            {{ partner: 'Her answers', participant: 'His view', rating: 'Facilitators’ rating' }[i.set]}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          Scale: {i.range}. {i.higherIsBetter ? 'Higher is better.' : 'Lower is better.'} At baseline: {baseline.people} people.
        </Text>
        {charted.length > 0 ? (
          <>
            <BarChart
              h={190}
              data={data}
              dataKey="point"
              type="stacked"
              withLegend
              withBarValueLabel
              legendProps={{ verticalAlign: 'bottom', height: 30 }}
              xAxisLabel="Compared with baseline (people with both)"
              yAxisLabel="People"
              yAxisProps={{ allowDecimals: false }}
              series={[
                { name: 'Better', color: 'teal.7' },
                { name: 'The same', color: 'gray.5' },
                { name: 'Worse', color: 'red.7' },
              ]}
            />
            {someHidden && (
              <Text size="xs" c="dimmed">
                A part of a bar is missing where fewer than 5 people are in it (the table below says so).
              </Text>
            )}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {anyPaired
              ? 'Too few people to draw a chart: fewer than 5 in each of better, the same and worse. The table gives what can be shown.'
              : 'No one has a later point recorded yet to compare with their baseline.'}
          </Text>
        )}
        <Table withTableBorder fz="sm" verticalSpacing={4} aria-label={`${i.label}: change from baseline`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Compared with baseline</Table.Th>
              <Table.Th>People with both</Table.Th>
              <Table.Th>Better</Table.Th>
              <Table.Th>The same</Table.Th>
              <Table.Th>Worse</Table.Th>
              <Table.Th>Average change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {later.map((p) => (
              <Table.Tr key={p.point}>
                <Table.Td>{p.label}</Table.Td>
                <Table.Td>{p.paired}</Table.Td>
                <Table.Td>{p.better}</Table.Td>
                <Table.Td>{p.same}</Table.Td>
                <Table.Td>{p.worse}</Table.Td>
                <Table.Td>{p.meanChange === null ? '–' : `${p.meanChange > 0 ? '+' : ''}${p.meanChange.toFixed(1)}`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {answered.length > 0 && (
          <Table withTableBorder fz="sm" verticalSpacing={4} aria-label={`${i.label}: answers at each point`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Answers at each point</Table.Th>
                <Table.Th>People</Table.Th>
                {answered[0]!.bands.map((b) => (
                  <Table.Th key={b.label}>{b.label}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {answered.map((p) => (
                <Table.Tr key={p.point}>
                  <Table.Td>{p.label}</Table.Td>
                  <Table.Td>{p.people}</Table.Td>
                  {p.bands.map((b) => (
                    <Table.Td key={b.label}>{b.shown}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}

export function OutcomesPage() {
  const today = todayInLondon();
  const [from, setFrom] = useState(addDays(today, -365));
  const [to, setTo] = useState(today);
  const [programmeTypeId, setProgrammeTypeId] = useState<string | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const programmes = useApiQuery('programmes.list', {});
  const groups = useApiQuery('groups.list', {});
  const followUps = useApiQuery('outcomes.followUps', {});
  const valid = isoOk(from) && isoOk(to) && from <= to;
  const summary = useApiQuery('outcomes.summary', { from, to, programmeTypeId, groupId }, { enabled: valid, placeholderData: keepPreviousData });
  const s = summary.data;
  const [show, setShow] = useState<string>('headline');

  const shown = s?.indicators.filter((i) => show === 'all' || (show === 'headline' ? ['abuse', 'safety', 'space', 'his_total', 'progress'].includes(i.key) : i.set === show)) ?? [];

  return (
    <>
      <PageHeader
        title="Outcomes"
        description="How the outcome measures changed from each person’s first measure (the baseline), for the people whose baseline was recorded in the period. Every figure says how many people are behind it; counts from 1 to 4 show as “fewer than 5”."
        actions={
          <Button component={Link} to="/reports" title="Under Reports, choose New report, then Accreditation monitoring pack" leftSection={<IconFileText size={18} />} variant="light">
            Make the accreditation pack
          </Button>
        }
      />
      <Stack gap="md">
        <Card withBorder radius="md" padding="md">
          <Group align="flex-end" gap="md" wrap="wrap">
            <UkDateInput label="Baselines from" value={from} onChange={setFrom} maxDate={today} w={170} error={isoOk(from) && isoOk(to) && from > to ? 'After the end' : undefined} />
            <UkDateInput label="to" value={to} onChange={setTo} maxDate={today} w={170} />
            <Select label="Programme" placeholder="All programmes" clearable data={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))} value={programmeTypeId} onChange={setProgrammeTypeId} w={220} />
            <Select label="Group" placeholder="All groups" clearable searchable data={(groups.data ?? []).filter((g) => !programmeTypeId || g.programmeTypeId === programmeTypeId).map((g) => ({ value: g.id, label: g.name }))} value={groupId} onChange={setGroupId} w={220} />
            <Select
              label="Show"
              data={[
                { value: 'headline', label: 'The main measures' },
                { value: 'all', label: 'Every measure' },
                ...measureSets.filter((m) => s?.people[m] !== null).map((m) => ({ value: m, label: measureSetLabels[m] })),
              ]}
              value={show}
              onChange={(v) => setShow(v ?? 'headline')}
              allowDeselect={false}
              w={260}
            />
          </Group>
        </Card>
        {s && (
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            {measureSets.map((m) => (
              <Card key={m} withBorder radius="md" padding="sm">
                <Text size="sm" c="dimmed">
                  {measureSetLabels[m]}
                </Text>
                <Text fw={700} size="xl">
                  {s.people[m] ?? 'Not shown'}
                </Text>
                <Text size="xs" c="dimmed">
                  {s.people[m] === null ? 'Only staff with the partner side open see her answers' : `people with a baseline from ${formatDate(s.from)} to ${formatDate(s.to)}`}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
        )}
        {summary.isError && <Alert color="red">{summary.error.message}</Alert>}
        {s?.tooFew && (
          <Alert color="blue" icon={<IconInfoCircle size={20} />} title="Too few people to show">
            {s.tooFew}
          </Alert>
        )}
        {s && !s.tooFew && (
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            {shown.map((i) => (
              <IndicatorCard key={i.key} i={i} />
            ))}
          </SimpleGrid>
        )}
        {s && s.notRecorded.length > 0 && !s.tooFew && (
          <Card withBorder radius="md" padding="md">
            <Title order={2} size="h5" mb="xs">
              Measures not recorded
            </Title>
            <Table fz="sm" withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Measure</Table.Th>
                  <Table.Th>Point</Table.Th>
                  <Table.Th>Declined</Table.Th>
                  <Table.Th>Could not be reached</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.notRecorded.map((n) => (
                  <Table.Tr key={`${n.set}-${n.point}`}>
                    <Table.Td>{measureSetLabels[n.set]}</Table.Td>
                    <Table.Td>{n.label}</Table.Td>
                    <Table.Td>{n.declined}</Table.Td>
                    <Table.Td>{n.notReachable}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        )}
        <Text size="sm" c="dimmed">
          Measures are recorded on the Outcomes tab of his record and of hers; each one due becomes a task for the right worker.
          Follow-ups are {followUps.data ? followUps.data.months.join(' and ') : '6 and 12'} months after his ending (change them, or the measures’ wording, under{' '}
          <Link to="/programme-settings/outcomes">Programme settings › Outcome measures</Link>). The
          accreditation pack (Reports › New report) and the figures for funders carry these figures too.
        </Text>
      </Stack>
    </>
  );
}
