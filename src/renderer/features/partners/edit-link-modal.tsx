/** Changing how she is linked to a man: current or ex-partner, and the dates. Ending the link is recording the separation. */
import { Button, Group, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { todayInLondon } from '../../../shared/dates';
import { partnerLinkUpdateInput, type PartnerLink } from '../../../shared/features/partners';
import { useApiMutation } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { FormFooter, placeApiError, type FormProblem } from '../../components/form-alert';
import { UkDateInput } from '../../components/uk-date-input';
import { PARTNER_CHANGES } from './partner-labels';
import { FormModal } from '../../components/unsaved-changes';

interface Values {
  relationship: PartnerLink['relationship'];
  from: string;
  to: string;
}

const check = validateWith<Record<string, unknown>>(partnerLinkUpdateInput);

export function EditLinkModal({ partnerId, link, onClose }: { partnerId: string; link: PartnerLink; onClose: () => void }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const update = useApiMutation('partners.updateLink', PARTNER_CHANGES);
  const form = useForm<Values>({
    initialValues: { relationship: link.relationship, from: link.from, to: link.to },
    validate: (v) => check({ partnerId, linkId: link.id, ...v }),
  });
  const submit = form.onSubmit(async (v) => {
    setProblem(null);
    try {
      await update.mutateAsync({ partnerId, linkId: link.id, ...v });
      notifySuccess('The link has been saved.');
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => ['relationship', 'from', 'to'].includes(p)));
    }
  }, focusFirstError);
  const v = form.getValues();
  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} size="lg" title={`Her link to ${link.participantName ?? link.participantReference}`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Radio.Group label="She is his" key={form.key('relationship')} {...form.getInputProps('relationship')}>
            <Group gap="lg" mt={6}>
              <Radio value="current" label="Current partner" />
              <Radio value="ex" label="Ex-partner" />
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <UkDateInput label="Together from (optional)" maxDate={new Date()} key={form.key('from')} {...form.getInputProps('from')} />
            <UkDateInput label="Separated on (optional)" maxDate={new Date()} key={form.key('to')} {...form.getInputProps('to')} />
          </SimpleGrid>
          {v.relationship === 'current' && !v.to && (
            <Group gap="sm">
              <Button
                variant="light"
                size="xs"
                onClick={() => form.setValues({ relationship: 'ex', to: todayInLondon() })}
              >
                They have separated: end the relationship today
              </Button>
            </Group>
          )}
          <Text size="xs" c="dimmed">
            Alerts about him keep coming to her worker after a separation: the time after she leaves is when the risk to her is highest.
          </Text>
          <FormFooter problem={problem} onReload={onClose} onCancel={onClose} saving={update.isPending} label="Save the link" />
        </Stack>
      </form>
    </FormModal>
  );
}
