/** The organisation's details: the same fields at first-run set-up and in Settings. */
import { SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { Organisation } from '../../shared/features/auth';

export const organisationFieldPaths = [
  'organisation.name',
  'organisation.shortName',
  'organisation.address',
  'organisation.charityNumber',
  'organisation.phone',
] as const;

export const emptyOrganisation: Organisation = { name: '', shortName: '', address: '', charityNumber: '', phone: '' };

type FormWithOrganisation = UseFormReturnType<{ organisation: Organisation }>;

export function OrganisationFields({ form }: { form: FormWithOrganisation }) {
  return (
    <Stack gap="sm">
      <TextInput
        label="Organisation name"
        description="As it should appear on letters and reports"
        required
        autoComplete="organization"
        key={form.key('organisation.name')}
        {...form.getInputProps('organisation.name')}
      />
      <TextInput
        label="Short name"
        description="Used in backup file names. Letters, numbers and dashes only, for example SafeChange"
        required
        maxLength={20}
        key={form.key('organisation.shortName')}
        {...form.getInputProps('organisation.shortName')}
      />
      <Textarea
        label="Address"
        required
        autosize
        minRows={3}
        autoComplete="street-address"
        key={form.key('organisation.address')}
        {...form.getInputProps('organisation.address')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label="Charity number (optional)"
          key={form.key('organisation.charityNumber')}
          {...form.getInputProps('organisation.charityNumber')}
        />
        <TextInput
          label="Phone (optional)"
          type="tel"
          autoComplete="tel"
          key={form.key('organisation.phone')}
          {...form.getInputProps('organisation.phone')}
        />
      </SimpleGrid>
    </Stack>
  );
}
