/** The retention policy: how many years each kind of record is kept after it closed. Managers and administrators. */
import { Alert, Button, Center, Group, Loader, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { retentionPolicySchema, type RetentionPolicy } from '../../../shared/features/retention';
import { useApiMutation, useApiQuery } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';

const check = validateWith<RetentionPolicy>(retentionPolicySchema);

interface PolicyForm {
  key: (path: string) => string;
  getInputProps: (path: string) => object;
}

function Years({ form, path, label }: { form: PolicyForm; path: string; label: string }) {
  return (
    <NumberInput
      label={label}
      suffix=" years"
      min={1}
      max={100}
      allowDecimal={false}
      key={form.key(path)}
      {...form.getInputProps(path)}
    />
  );
}

export function RetentionPolicyForm() {
  const policy = useApiQuery('retention.policy', {}, { staleTime: 0 });
  if (policy.isPending)
    return (
      <Center py="lg">
        <Loader aria-label="Loading the retention policy" />
      </Center>
    );
  if (policy.isError)
    return (
      <Alert color="red" role="alert" title="The retention policy could not be loaded">
        {policy.error.message}
      </Alert>
    );
  return <PolicyFields policy={policy.data} />;
}

function PolicyFields({ policy }: { policy: RetentionPolicy }) {
  const save = useApiMutation('retention.setPolicy', ['retention.', 'audit.']);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<RetentionPolicy>({ mode: 'uncontrolled', initialValues: policy, validate: check });
  const submit = form.onSubmit(
    async (values) => {
      setProblem(null);
      try {
        await save.mutateAsync(values);
        form.resetDirty(values);
        notifySuccess('The retention policy has been saved.');
      } catch (err) {
        setProblem(placeApiError(form, err, () => true));
      }
    },
    (errors) => focusFirstError(errors),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Text size="sm">
          When a record passes its date it appears on the retention review, where a manager decides whether to keep it
          longer (with a reason), anonymise it or delete it. Nothing is removed without that decision. The longest
          period that applies is used.
        </Text>
        <div>
          <Title order={3} size="h5" mb={4}>
            A man&apos;s case that ended (completed or exited), counted from the date it ended
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            Children were involved when they are on his record, or there was a child-protection flag or concern.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Years form={form} path="participantCase.years" label="Usually" />
            <Years form={form} path="participantCase.yearsWithChildren" label="When children were involved" />
            <Years form={form} path="participantCase.yearsWithSafeguarding" label="After a safeguarding concern" />
          </SimpleGrid>
        </div>
        <div>
          <Title order={3} size="h5" mb="xs">
            A referral that did not go ahead, counted from the last change to it
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Years form={form} path="participantReferral.years" label="Kept for" />
          </SimpleGrid>
        </div>
        <div>
          <Title order={3} size="h5" mb="xs">
            A partner&apos;s record, counted from her last contact once every man she is linked to has closed
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Years form={form} path="partner.years" label="Usually" />
            <Years form={form} path="partner.yearsWithChildren" label="When children were involved" />
            <Years form={form} path="partner.yearsWithSafeguarding" label="After safeguarding or MARAC" />
          </SimpleGrid>
        </div>
        <FormAlert problem={problem} />
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={save.isPending}>
            Save the policy
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
