import { Button, Group, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconCalendar, IconX } from '@tabler/icons-react';
import type { AuditEntry } from '../../../shared/features/audit';
import type { StaffMember } from '../../../shared/features/staff';
import { parseUkDate } from '../../app/format';
import { actionLabel, outcomeLabels } from './audit-labels';

export interface AuditFilterValues {
  staffId: string | null;
  action: string | null;
  outcome: AuditEntry['outcome'] | null;
  from: string | null;
  to: string | null;
  subjectId: string;
}

export const noFilters: AuditFilterValues = { staffId: null, action: null, outcome: null, from: null, to: null, subjectId: '' };

interface Props {
  value: AuditFilterValues;
  onChange: (next: AuditFilterValues) => void;
  actions: string[];
  errors: Partial<Record<keyof AuditFilterValues, string>>;
  staff: StaffMember[];
  staffError: boolean;
}

export function AuditFilters({ value, onChange, actions, errors, staff, staffError }: Props) {
  const set = <K extends keyof AuditFilterValues>(key: K, v: AuditFilterValues[K]) => onChange({ ...value, [key]: v });
  const staffOptions = staff.map((m) => ({ value: m.id, label: m.active ? m.fullName : `${m.fullName} (deactivated)` }));
  const actionOptions = [...new Set([...actions, ...(value.action ? [value.action] : [])])]
    .map((a) => ({ value: a, label: actionLabel(a) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
  const active = JSON.stringify(value) !== JSON.stringify(noFilters);

  return (
    <Stack gap="xs">
      <Group justify="space-between" mih={30}>
        <Title order={2} size="h4">
          Filter the entries
        </Title>
        {active && (
          <Button variant="subtle" size="compact-sm" leftSection={<IconX size={16} />} onClick={() => onChange(noFilters)}>
            Clear all filters
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="sm">
      <Select
        label="Member of staff"
        placeholder="Anyone"
        data={staffOptions}
        value={value.staffId}
        onChange={(v) => set('staffId', v)}
        clearable
        searchable
        nothingFoundMessage="Nobody by that name"
        error={staffError ? 'The staff list could not be loaded' : undefined}
      />
      <Select
        label="Action"
        placeholder="Any action"
        data={actionOptions}
        value={value.action}
        onChange={(v) => set('action', v)}
        clearable
        searchable
        nothingFoundMessage="No action by that name"
      />
      <Select
        label="Outcome"
        placeholder="Any outcome"
        data={(Object.keys(outcomeLabels) as AuditEntry['outcome'][]).map((o) => ({ value: o, label: outcomeLabels[o] }))}
        value={value.outcome}
        onChange={(v) => set('outcome', (v as AuditEntry['outcome'] | null) ?? null)}
        clearable
      />
      <DateInput
        label="From"
        placeholder="dd/mm/yyyy"
        valueFormat="DD/MM/YYYY"
        dateParser={parseUkDate}
        value={value.from}
        onChange={(v) => set('from', v)}
        clearable
        leftSection={<IconCalendar size={16} />}
        error={errors.from}
      />
      <DateInput
        label="To (including this day)"
        placeholder="dd/mm/yyyy"
        valueFormat="DD/MM/YYYY"
        dateParser={parseUkDate}
        value={value.to}
        onChange={(v) => set('to', v)}
        clearable
        leftSection={<IconCalendar size={16} />}
        error={errors.to}
      />
      <TextInput
        label="Person or record"
        description="A reference such as P-2026-0042, a name, or a record chosen in the list"
        placeholder="Reference or name"
        value={value.subjectId}
        onChange={(e) => set('subjectId', e.currentTarget.value)}
        error={errors.subjectId}
        rightSection={
          value.subjectId ? (
            <Button variant="subtle" size="compact-xs" onClick={() => set('subjectId', '')} aria-label="Clear the record filter">
              <IconX size={14} />
            </Button>
          ) : undefined
        }
      />
      </SimpleGrid>
    </Stack>
  );
}
