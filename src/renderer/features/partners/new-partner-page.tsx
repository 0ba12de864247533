/** A new partner or ex-partner: her details, how to contact her safely, and the man she is linked to. */
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { partnerCreateInput } from '../../../shared/features/partners';
import { useApiMutation, useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { FormAlert, placeApiError, underPrefixes, type FormProblem } from '../../components/form-alert';
import { PageHeader } from '../../components/page-header';
import { LinkFields } from './link-fields';
import { emptyDetails, emptyLink, PartnerFields, type PartnerFormValues } from './partner-fields';
import { PARTNER_CHANGES } from './partner-labels';

const check = validateWith<Record<string, unknown>>(partnerCreateInput);

export function NewPartnerPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const manId = params.get('participant');
  const man = useApiQuery('participants.get', { id: manId ?? '' }, { enabled: Boolean(manId) });
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const create = useApiMutation('partners.create', PARTNER_CHANGES);
  const form = useForm<PartnerFormValues>({
    initialValues: {
      details: { ...emptyDetails, workerId: session.role === 'partner_worker' ? session.staffId : null },
      link: { ...emptyLink, participantId: manId },
    },
    validate: (v) => check(v as unknown as Record<string, unknown>),
  });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      const { id, reference } = await create.mutateAsync({
        details: values.details,
        link: { ...values.link, participantId: values.link.participantId ?? '', relationship: values.link.relationship ?? 'current' },
      });
      notifySuccess(`Her record ${reference} has been made. A first-contact task is on your list for today.`);
      void navigate(`/partners/${id}`, { replace: true });
    } catch (err) {
      setProblem(placeApiError(form, err, underPrefixes('details', 'link')));
    }
  }, focusFirstError);

  const manName = man.data ? `${man.data.header.name} (${man.data.header.reference})` : null;

  return (
    <>
      <PageHeader
        title="New partner"
        description="Record a partner or ex-partner of a man on the programme. Only partner support workers and managers can ever see her record."
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="lg" maw={1000}>
          <Paper withBorder radius="md" p="lg">
            <Stack gap="xs">
              <Title order={2} size="h4">
                The man she is linked to
              </Title>
              {manId && (
                <Text size="sm">
                  {manName ? (
                    <>
                      Linked to <b>{manName}</b>
                    </>
                  ) : man.isError ? (
                    <Alert color="red">His record could not be opened: {man.error.message}</Alert>
                  ) : (
                    'Loading his name…'
                  )}
                </Text>
              )}
              <LinkFields form={form} fixedMan={manId} />
            </Stack>
          </Paper>
          <Paper withBorder radius="md" p="lg">
            <PartnerFields form={form} />
          </Paper>
          <FormAlert problem={problem} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void navigate(-1)}>
              Cancel
            </Button>
            <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={create.isPending}>
              Save her record
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
