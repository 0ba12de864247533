import { Alert, Center, Loader, Paper, Stack, Title } from '@mantine/core';
import { useApiQuery } from '../../app/api';
import { PageHeader } from '../../components/page-header';
import { OrganisationSettingsForm } from './organisation-settings-form';
import { ReplaceRecoveryKey } from './replace-recovery-key';
import { LogoSettings } from './logo-settings';
import { RetentionPolicyForm } from '../retention/policy-form';

export function SettingsPage() {
  const settings = useApiQuery('settings.get', {}, { staleTime: 0 });
  return (
    <>
      <PageHeader title="Settings" description="Your organisation's details, how soon the program locks itself, and the recovery key." />
      {settings.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading the settings" />
        </Center>
      ) : settings.isError ? (
        <Alert color="red" role="alert" title="The settings could not be loaded">
          {settings.error.message}
        </Alert>
      ) : (
        <Stack gap="lg" maw={820}>
          <Paper withBorder radius="md" p="lg">
            <OrganisationSettingsForm settings={settings.data} />
          </Paper>
          <Paper withBorder radius="md" p="lg">
            <Title order={2} size="h4" mb="sm">
              Logo on reports
            </Title>
            <LogoSettings settings={settings.data} />
          </Paper>
          <Paper withBorder radius="md" p="lg">
            <Title order={2} size="h4" mb="sm">
              How long records are kept
            </Title>
            <RetentionPolicyForm />
          </Paper>
          <Paper withBorder radius="md" p="lg">
            <Title order={2} size="h4" mb="sm">
              Recovery key
            </Title>
            <ReplaceRecoveryKey organisationName={settings.data.organisation.name} />
          </Paper>
        </Stack>
      )}
    </>
  );
}
