/** Backups for administrators: the passphrase, "Back up now" with progress, how many to keep, the reminder, and restore. */
import {
  Alert,
  Button,
  Center,
  Group,
  Loader,
  NumberInput,
  Paper,
  PasswordInput,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDatabaseExport, IconRestore } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  backupSettingsInput,
  setPassphraseInput,
  type BackupStatus,
  type JobStatus,
} from '../../../shared/features/backups';
import { call, useApiMutation, useApiQuery } from '../../app/api';
import { useAuth } from '../../app/auth-context';
import { apiErrorOf, applyApiError, focusFirstError, validateWith } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { PageHeader } from '../../components/page-header';
import { JobProgress, useJob } from './job-progress';
import { formatBytes, PlacePicker } from './place-picker';
import { RestoreWizard } from './restore-wizard';
import { CheckDatabase } from './check-database';

function LastBackup({ status }: { status: BackupStatus }) {
  if (!status.lastVerifiedAt) {
    return (
      <Alert color="orange" title="No backup has been made yet">
        Make one now: if this computer is lost or breaks, a backup is the only way to get the records back.
      </Alert>
    );
  }
  return (
    <Alert
      color={status.overdue ? 'orange' : 'green'}
      title={status.overdue ? 'The last backup is getting old' : 'Backed up'}
    >
      The last backup that was checked was made on <b>{formatDateTime(status.lastVerifiedAt)}</b> ({status.lastFileName}
      ).
      {status.overdue && ` Make a new one: the reminder is set for every ${status.reminderDays} days.`}
    </Alert>
  );
}

function BackUpNow({ status }: { status: BackupStatus }) {
  const client = useQueryClient();
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [ended, setEnded] = useState<JobStatus | null>(null);
  const job = useJob(jobId, (s) => {
    setEnded(s);
    void client.invalidateQueries({
      predicate: (q) => ['backups.', 'tasks.', 'audit.'].some((p) => String(q.queryKey[0]).startsWith(p)),
    });
  });
  const running = jobId !== null && ended === null;

  const start = async () => {
    setError(null);
    setEnded(null);
    if (!folder.trim()) {
      setError('Choose a drive, or type the folder to save the backup in');
      return;
    }
    try {
      setJobId((await call('backups.start', { folder: folder.trim() })).jobId);
    } catch (err) {
      setJobId(null);
      setError(apiErrorOf(err).message);
    }
  };

  return (
    <Stack>
      <Text size="sm">
        The backup is one encrypted file. It is read back and checked before the program says it is done. The program
        keeps the last {status.keep} backups on each drive and deletes older ones only after a new one has been checked.
      </Text>
      <PlacePicker value={folder} onChange={setFolder} pick="folder" label="Folder" error={error} />
      {jobId && <JobProgress status={job} what="backup" />}
      {ended?.phase === 'done' && ended.result && (
        <Alert color="green" title="Backup made and checked">
          Saved as <b>{ended.result.fileName}</b> ({formatBytes(ended.result.sizeBytes)}).
          {ended.result.deleted.length > 0 &&
            ` ${ended.result.deleted.length} older backup${ended.result.deleted.length === 1 ? ' was' : 's were'} deleted from the drive.`}{' '}
          Keep the drive somewhere safe, away from this computer.
        </Alert>
      )}
      <Group>
        <Button
          leftSection={<IconDatabaseExport size={18} />}
          onClick={() => void start()}
          loading={running}
          disabled={!status.passphraseSet}
        >
          Back up now
        </Button>
        {!status.passphraseSet && (
          <Text size="sm" c="dimmed">
            Set a backup passphrase first (below).
          </Text>
        )}
      </Group>
    </Stack>
  );
}

function PassphraseForm({ status }: { status: BackupStatus }) {
  const save = useApiMutation('backups.setPassphrase', ['backups.', 'audit.']);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ initialValues: { passphrase: '', confirm: '' }, validate: validateWith(setPassphraseInput) });
  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await save.mutateAsync(values);
      form.reset();
      notifySuccess('The backup passphrase has been set. New backups open with it.');
    } catch (err) {
      setFormError(applyApiError(form, err, ['passphrase', 'confirm']));
    }
  }, focusFirstError);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={520}>
        <Text size="sm">
          Backups open with this passphrase (or with the organisation&apos;s recovery key). It is not anyone&apos;s
          log-in password. Write it down and keep it somewhere safe, away from the backup drive: without it or the
          recovery key, a backup cannot be opened by anyone.
        </Text>
        {status.passphraseSet && (
          <Text size="sm" c="dimmed">
            Set on {formatDateTime(status.passphraseSetAt)}. A new passphrase is used for new backups; older backups
            still open with the old one.
          </Text>
        )}
        <PasswordInput
          label="New backup passphrase"
          description="At least 12 characters; four random words work well"
          required
          key={form.key('passphrase')}
          {...form.getInputProps('passphrase')}
        />
        <PasswordInput label="Type it again" required key={form.key('confirm')} {...form.getInputProps('confirm')} />
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending} variant={status.passphraseSet ? 'default' : 'filled'}>
            {status.passphraseSet ? 'Change the passphrase' : 'Set the passphrase'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function BackupSettingsForm({ status }: { status: BackupStatus }) {
  const save = useApiMutation('backups.updateSettings', ['backups.', 'tasks.', 'audit.']);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ keep: number | string; reminderDays: number | string }>({
    initialValues: { keep: status.keep, reminderDays: status.reminderDays },
    validate: (v) => validateWith(backupSettingsInput)({ keep: Number(v.keep), reminderDays: Number(v.reminderDays) }),
  });
  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await save.mutateAsync({ keep: Number(values.keep), reminderDays: Number(values.reminderDays) });
      form.resetDirty();
      notifySuccess('The backup settings have been saved.');
    } catch (err) {
      setFormError(applyApiError(form, err, ['keep', 'reminderDays']));
    }
  }, focusFirstError);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={520}>
        <NumberInput
          label="Backups to keep on each drive"
          description="From 1 to 50"
          min={1}
          max={50}
          allowDecimal={false}
          key={form.key('keep')}
          {...form.getInputProps('keep')}
        />
        <NumberInput
          label="Remind administrators when the last backup is this many days old"
          description="From 1 to 90. A task appears for administrators, and the home page says so."
          min={1}
          max={90}
          allowDecimal={false}
          key={form.key('reminderDays')}
          {...form.getInputProps('reminderDays')}
        />
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <Group>
          <Button type="submit" variant="default" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function BackupsPage() {
  const status = useApiQuery('backups.status', {}, { staleTime: 0 });
  const { refresh } = useAuth();
  const [restoring, setRestoring] = useState(false);
  return (
    <>
      <PageHeader
        title="Backups"
        description="Encrypted backups to a USB stick or other drive, and restoring from one."
      />
      {status.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading" />
        </Center>
      ) : status.isError ? (
        <Alert color="red" role="alert" title="The backup settings could not be loaded">
          {status.error.message}
        </Alert>
      ) : (
        <Stack gap="lg" maw={820}>
          <LastBackup status={status.data} />
          <Paper withBorder radius="md" p="lg">
            <Title order={2} size="h4" mb="sm">
              Back up now
            </Title>
            <BackUpNow status={status.data} />
          </Paper>
          <Paper withBorder radius="md" p="lg">
            <Title order={2} size="h4" mb="sm">
              Backup passphrase
            </Title>
            <PassphraseForm status={status.data} />
          </Paper>
          <Paper withBorder radius="md" p="lg">
            <Title order={2} size="h4" mb="sm">
              Keeping and reminding
            </Title>
            <BackupSettingsForm key={`${status.data.keep}-${status.data.reminderDays}`} status={status.data} />
          </Paper>
          <Paper withBorder radius="md" p="lg">
            <Title order={2} size="h4" mb="sm">
              Check the database for damage
            </Title>
            <CheckDatabase />
          </Paper>
          <Paper withBorder radius="md" p="lg">
            <Title order={2} size="h4" mb="sm">
              Restore from a backup
            </Title>
            {restoring ? (
              <RestoreWizard firstRun={false} onDone={() => void refresh()} onCancel={() => setRestoring(false)} />
            ) : (
              <Stack gap="sm">
                <Text size="sm">
                  Puts back everything as it was when a backup was made. You see what the backup holds before anything
                  changes.
                </Text>
                <Group>
                  <Button
                    variant="light"
                    color="red"
                    leftSection={<IconRestore size={18} />}
                    onClick={() => setRestoring(true)}
                  >
                    Restore from a backup…
                  </Button>
                </Group>
              </Stack>
            )}
          </Paper>
        </Stack>
      )}
    </>
  );
}
