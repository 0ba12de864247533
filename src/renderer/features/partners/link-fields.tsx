/** The man a partner is linked to: who he is, current partner or ex-partner, and the dates. */
import { Radio, SimpleGrid, Stack, Group } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { ParticipantPicker } from '../../components/participant-picker';
import { UkDateInput } from '../../components/uk-date-input';
import type { PartnerFormValues } from './partner-fields';

export function LinkFields({ form, fixedMan }: { form: UseFormReturnType<PartnerFormValues>; fixedMan?: string | null }) {
  return (
    <Stack gap="sm">
      {!fixedMan && (
        <ParticipantPicker
          label="The man she is linked to"
          placeholder="Type his name or reference"
          key={form.key('link.participantId')}
          {...form.getInputProps('link.participantId')}
          maw={520}
        />
      )}
      <Radio.Group label="She is his" key={form.key('link.relationship')} {...form.getInputProps('link.relationship')}>
        <Group gap="lg" mt={6}>
          <Radio value="current" label="Current partner" />
          <Radio value="ex" label="Ex-partner" />
        </Group>
      </Radio.Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={520}>
        <UkDateInput label="Together from (optional)" key={form.key('link.from')} {...form.getInputProps('link.from')} />
        <UkDateInput label="Separated on (optional)" key={form.key('link.to')} {...form.getInputProps('link.to')} />
      </SimpleGrid>
    </Stack>
  );
}
