import { Button, Group, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import type { AuditEntry } from '../../../shared/features/audit';
import type { StaffMember } from '../../../shared/features/staff';
import { UkDateInput } from '../../components/uk-date-input';
import { actionLabel, outcomeLabels } from './audit-labels';

const isIsoDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

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
      <UkDateInput
        label="From"
        value={value.from}
        // Text that is not yet a date stays in the box with its error; the list keeps the last real date.
        onChange={(v) => (v === '' || isIsoDay(v)) && set('from', v || null)}
        clearable
        error={errors.from}
      />
      <UkDateInput
        label="To (including this day)"
        value={value.to}
        // Text that is not yet a date stays in the box with its error; the list keeps the last real date.
        onChange={(v) => (v === '' || isIsoDay(v)) && set('to', v || null)}
        clearable
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
