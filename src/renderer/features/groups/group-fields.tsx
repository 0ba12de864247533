/** The fields a group is set up with, shared by "New group" and "Edit group". */
import { Autocomplete, Checkbox, NumberInput, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useApiQuery } from '../../app/api';
import { StaffSelect } from '../../components/staff-select';
import { capacityNote, intakeHelp, intakeLabels } from './group-labels';
import type { GroupValues } from './group-form';

const FACILITATOR_ROLES = ['facilitator', 'manager'] as const;

export function useVenues(): string[] {
  const groups = useApiQuery('groups.list', {}, { staleTime: 60_000 });
  return [...new Set((groups.data ?? []).map((g) => g.venue))].sort();
}

export function VenueInput({ form }: { form: UseFormReturnType<GroupValues> }) {
  const venues = useVenues();
  return <Autocomplete label="Venue" description="Where it meets, for example: Community Centre, Room 2" data={venues} {...form.getInputProps('venue')} />;
}

export function FacilitatorFields({ form, oneToOne, names }: { form: UseFormReturnType<GroupValues>; oneToOne: boolean; names?: string[] }) {
  if (oneToOne) {
    return <StaffSelect label="Facilitator" roles={FACILITATOR_ROLES} currentName={names?.[0]} {...form.getInputProps('facilitator1')} />;
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <StaffSelect label="First facilitator" roles={FACILITATOR_ROLES} currentName={names?.[0]} {...form.getInputProps('facilitator1')} />
      <StaffSelect
        label="Second facilitator (optional)"
        description="Groups are usually run by two: commonly one man and one woman"
        roles={FACILITATOR_ROLES}
        clearable
        currentName={names?.[1]}
        {...form.getInputProps('facilitator2')}
      />
    </SimpleGrid>
  );
}

export function CapacityAndIntake({ form }: { form: UseFormReturnType<GroupValues> }) {
  const note = capacityNote(form.getValues().capacity);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Stack gap={4}>
        <NumberInput label="Places" description="Usually 8 to 12 men" min={1} max={30} allowDecimal={false} w={200} {...form.getInputProps('capacity')} />
        {note && (
          <Text size="sm" c="orange.8" role="status">
            {note}
          </Text>
        )}
      </Stack>
      <Radio.Group label="Intake" {...form.getInputProps('intake')}>
        <Stack gap="xs" mt="xs">
          {(['closed', 'rolling'] as const).map((k) => (
            <Radio key={k} value={k} label={intakeLabels[k]} description={intakeHelp[k]} />
          ))}
        </Stack>
      </Radio.Group>
    </SimpleGrid>
  );
}

export function InterpreterField({ form }: { form: UseFormReturnType<GroupValues> }) {
  return (
    <Checkbox
      label="An interpreter is needed"
      description="The register then asks whether the interpreter was there, and their name"
      {...form.getInputProps('interpreterNeeded', { type: 'checkbox' })}
    />
  );
}
