/**
 * Enrol men on a group: tick men on the waiting list (longest wait first), or
 * find someone else by name. Anyone not assessed as suitable needs a manager's
 * reason; a full group, or a closed group that has started, asks to confirm.
 */
import { Alert, Badge, Button, Checkbox, CloseButton, Group as Row, Loader, ScrollArea, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import type { Group, Warning } from '../../../shared/features/groups';
import { assessmentOutcomeLabels, statusLabels, type Flag } from '../../../shared/features/participants';
import { useApiMutation, useApiQuery } from '../../app/api';
import { apiErrorOf } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { FlagBadges } from '../../components/participant-badges';
import { SaveWarnings } from '../../components/save-warnings';
import { daysText } from '../participants/participant-labels';
import { extraFromHit, overallNeed, overrideForStatus, overrideForWaiting, type ChosenExtra } from './enrol-helpers';
import { menText } from './group-labels';
import { CancelButton, FormModal } from '../../components/unsaved-changes';

export const ENROL_CHANGES = ['groups.', 'participants.', 'enrolments.', 'attendance.', 'registers.', 'audit.', 'tasks.'];

function FindSomeoneElse({ exclude, onPick }: { exclude: ReadonlySet<string>; onPick: (extra: ChosenExtra) => void }) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 150);
  const hits = useApiQuery('participants.search', { q, limit: 10 }, { enabled: q.trim().length > 0, placeholderData: keepPreviousData });
  const found = (q.trim() ? (hits.data ?? []) : []).filter((h) => h.canOpen && h.name && !exclude.has(h.id));
  return (
    <Select
      label="Someone not on the waiting list (optional)"
      description="Type part of his name or reference"
      placeholder="Search"
      searchable
      data={found.map((h) => ({ value: h.id, label: `${h.name} (${h.reference}) · ${statusLabels[h.status]}` }))}
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={q.trim() ? (hits.isFetching ? 'Searching…' : 'Nobody found') : 'Type a name or reference'}
      onChange={(id) => {
        const hit = found.find((h) => h.id === id);
        if (hit) onPick(extraFromHit(hit));
        setSearch('');
      }}
    />
  );
}

export function EnrolModal({ group, enrolledIds, preselected = [], onClose }: { group: Group; enrolledIds: ReadonlySet<string>; preselected?: readonly string[]; onClose: () => void }) {
  const waiting = useApiQuery('participants.waitingList', {});
  const enrol = useApiMutation('groups.enrol', ENROL_CHANGES);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(preselected));
  const [extras, setExtras] = useState<ChosenExtra[]>([]);
  const [overrideReason, setOverrideReason] = useState('');
  const [overrideError, setOverrideError] = useState<string | null>(null);
  const [serverWantsReason, setServerWantsReason] = useState(false);
  const [warnings, setWarnings] = useState<Warning[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const rows = (waiting.data ?? []).filter((r) => !enrolledIds.has(r.id));
  const picked = rows.filter((r) => chosen.has(r.id));
  const count = picked.length + extras.length;
  const need = overallNeed([...picked.map(overrideForWaiting), ...extras.map((e) => overrideForStatus(e.status))]);
  const showReason = need !== 'no' || serverWantsReason;
  const free = Math.max(0, group.capacity - group.enrolled);

  const toggle = (id: string) => {
    setWarnings(null);
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  const send = async (confirm: boolean) => {
    setProblem(null);
    setOverrideError(null);
    if (count === 0) {
      setProblem('Tick at least one man, or find someone by name.');
      return;
    }
    if (need === 'yes' && !overrideReason.trim()) {
      setOverrideError('Give the reason for enrolling someone not assessed as suitable');
      return;
    }
    try {
      const result = await enrol.mutateAsync({ groupId: group.id, participantIds: [...picked.map((r) => r.id), ...extras.map((e) => e.id)], overrideReason: overrideReason.trim(), confirm });
      if (!result.saved) {
        setWarnings(result.warnings);
        return;
      }
      const first = result.enrolments.map((e) => e.firstSessionNumber).find((n) => n != null);
      notifySuccess(`${menText(result.enrolments.length)} enrolled on ${group.name}.${first ? ` ${result.enrolments.length === 1 ? 'He starts' : 'They start'} at session ${first}.` : ''}`);
      onClose();
    } catch (err) {
      const error = apiErrorOf(err);
      if (error.fields?.overrideReason) {
        setServerWantsReason(true);
        setOverrideError(error.fields.overrideReason);
      }
      setProblem(error.message);
    }
  };

  return (
    <FormModal dirty={chosen.size > 0 || extras.length > 0 || overrideReason.trim() !== ''} opened onClose={onClose} title={`Enrol men on ${group.name}`} size="xl">
      <Stack gap="md">
        <Text size="sm">
          {group.enrolled} enrolled, {group.capacity} places: <b>{free} free</b>.{' '}
          {group.intake === 'rolling' ? 'New men start at the beginning of the next theme.' : 'New men start at the next session.'}
        </Text>
        <Title order={3} size="h5">
          Waiting list
        </Title>
        {waiting.isPending ? (
          <Loader size="sm" aria-label="Loading the waiting list" />
        ) : waiting.isError ? (
          <Alert color="red">{waiting.error.message}</Alert>
        ) : rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nobody is on the waiting list. You can still find someone by name below.
          </Text>
        ) : (
          <ScrollArea.Autosize mah={340} type="auto">
            <Table verticalSpacing={6} highlightOnHover aria-label="Men on the waiting list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40} />
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Waiting</Table.Th>
                  <Table.Th>Assessed as</Table.Th>
                  <Table.Th>Flags</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => {
                  const label = r.name ? `${r.name} (${r.reference})` : `Restricted record (${r.reference})`;
                  return (
                    <Table.Tr key={r.id} onClick={() => toggle(r.id)} style={{ cursor: 'pointer' }} bg={chosen.has(r.id) ? 'indigo.0' : undefined}>
                      <Table.Td>
                        <Checkbox aria-label={`Choose ${label}`} checked={chosen.has(r.id)} onChange={() => toggle(r.id)} onClick={(e) => e.stopPropagation()} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {r.name ?? 'Restricted record'}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {r.reference}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{daysText(r.daysWaiting)}</Table.Td>
                      <Table.Td>
                        {r.outcome ? assessmentOutcomeLabels[r.outcome] : '–'}
                        {overrideForWaiting(r) === 'yes' && (
                          <Badge ml={6} color="orange" variant="light" size="sm">
                            needs a reason
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <FlagBadges flags={r.flags as Flag[]} size="sm" />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}

        <FindSomeoneElse
          exclude={new Set([...enrolledIds, ...chosen, ...extras.map((e) => e.id)])}
          onPick={(extra) => {
            setWarnings(null);
            if (rows.some((r) => r.id === extra.id)) toggle(extra.id);
            else setExtras((list) => [...list, extra]);
          }}
        />
        {extras.length > 0 && (
          <Stack gap={4} aria-label="Also chosen">
            {extras.map((e) => (
              <Row key={e.id} gap="xs" wrap="nowrap">
                <Text size="sm" style={{ flex: 1 }}>
                  {e.label} · {statusLabels[e.status]}
                  {overrideForStatus(e.status) === 'yes' && (
                    <Badge ml={6} color="orange" variant="light" size="sm">
                      needs a reason
                    </Badge>
                  )}
                </Text>
                <CloseButton aria-label={`Remove ${e.label}`} onClick={() => setExtras((list) => list.filter((x) => x.id !== e.id))} />
              </Row>
            ))}
          </Stack>
        )}

        {showReason && (
          <Textarea
            label={need === 'yes' || serverWantsReason ? 'Reason for enrolling someone not assessed as suitable' : 'Reason, if anyone chosen was not assessed as suitable (optional)'}
            description="Only a manager can do this. The reason is kept with his enrolment."
            autosize
            minRows={2}
            value={overrideReason}
            onChange={(e) => {
              setOverrideReason(e.currentTarget.value);
              setOverrideError(null);
            }}
            error={overrideError}
          />
        )}

        {count > free && !warnings && (
          <Text size="sm" c="orange.8">
            You have chosen {menText(count)} for {free} free place{free === 1 ? '' : 's'}: you will be asked to confirm.
          </Text>
        )}
        {warnings && <SaveWarnings warnings={warnings} confirmLabel="Enrol anyway" confirming={enrol.isPending} onConfirm={() => void send(true)} onCancel={() => setWarnings(null)} />}
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        {!warnings && (
          <Row justify="flex-end">
            <CancelButton onCancel={onClose} />
            <Button onClick={() => void send(false)} loading={enrol.isPending} disabled={count === 0}>
              {count === 0 ? 'Enrol' : `Enrol ${menText(count)}`}
            </Button>
          </Row>
        )}
      </Stack>
    </FormModal>
  );
}
