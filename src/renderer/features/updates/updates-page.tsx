/**
 * Updates, for administrators: point at the USB stick (or the folder on it)
 * that holds an update, see its version and what changed, and whether it may
 * be installed; then back up and install. Nothing happens when a stick is
 * merely plugged in: every step waits for the administrator.
 */
import { Alert, Button, Center, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPackage, IconShieldCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { JobStatus } from '../../../shared/features/backups';
import type { UpdatePreview, UpdateStatus } from '../../../shared/features/updates';
import { call, useApiQuery } from '../../app/api';
import { apiErrorOf } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { PageHeader } from '../../components/page-header';
import { JobProgress, useJob } from '../backups/job-progress';
import { formatBytes, PlacePicker } from '../backups/place-picker';

function Notes({ text }: { text: string }) {
  const lines = text.split('\n').map((l) => l.replace(/^\s*[-*]\s*/, '').trim()).filter(Boolean);
  if (lines.length === 0) return <Text size="sm" c="dimmed">The makers gave no notes for this update.</Text>;
  return (
    <List size="sm" spacing={4}>
      {lines.map((line, i) => (
        <List.Item key={i}>{line}</List.Item>
      ))}
    </List>
  );
}

function LastInstalled({ status }: { status: UpdateStatus }) {
  const last = status.lastInstalled;
  if (!last) return null;
  return (
    <Alert color="green" icon={<IconShieldCheck size={20} />} title={`Updated from version ${last.fromVersion} to ${last.toVersion}`}>
      <Stack gap="xs">
        <Text size="sm">
          Installed on {formatDateTime(last.installedAt)}.{' '}
          {last.verified && "The update was checked before it was installed: it was signed by the program's makers and the installer was whole."}
        </Text>
        <Text size="sm" fw={500}>
          What changed
        </Text>
        <Notes text={last.notes} />
      </Stack>
    </Alert>
  );
}

function LastFailed({ status }: { status: UpdateStatus }) {
  const failed = status.lastFailed;
  if (!failed) return null;
  return (
    <Alert color="orange" title={`The update to version ${failed.toVersion} was not installed`}>
      On {formatDateTime(failed.failedAt)} the update was checked and a backup made, but the installer did not finish
      (for example, the administrator password was not given). The program and the records are as they were. You can
      try again.
    </Alert>
  );
}

function PreviewCard({ preview }: { preview: UpdatePreview }) {
  return (
    <Stack gap="sm" data-testid="update-preview">
      {preview.version && (
        <Text>
          On the drive: <b>version {preview.version}</b>
          {preview.releasedOn && `, released on ${formatDate(preview.releasedOn)}`}
          {preview.installerBytes !== null && ` (${formatBytes(preview.installerBytes)})`}. This computer runs version{' '}
          {preview.runningVersion}.
        </Text>
      )}
      {preview.notes !== null && (
        <>
          <Text size="sm" fw={500}>
            What changes
          </Text>
          <Notes text={preview.notes} />
        </>
      )}
      {preview.refusal ? (
        <Alert color="red" role="alert" title="This update cannot be installed">
          {preview.refusal.message}
        </Alert>
      ) : (
        <Alert color="green" icon={<IconShieldCheck size={20} />} title="This update may be installed">
          It is signed by the program&apos;s makers (with their {preview.signedWith} key), it is for this program and
          this kind of computer, and it is newer than anything these records have been used with. The installer is
          checked again when it has been copied onto this computer.
        </Alert>
      )}
    </Stack>
  );
}

function Install({ folder, status }: { folder: string; status: UpdateStatus }) {
  const client = useQueryClient();
  const [backupFolder, setBackupFolder] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [ended, setEnded] = useState<JobStatus | null>(null);
  const job = useJob(jobId, (s) => {
    setEnded(s);
    void client.invalidateQueries({ predicate: (q) => ['updates.', 'backups.', 'audit.'].some((p) => String(q.queryKey[0]).startsWith(p)) });
  });
  const running = jobId !== null && ended === null;

  const start = async () => {
    setError(null);
    setEnded(null);
    try {
      setJobId((await call('updates.start', { folder, backupFolder: backupFolder.trim() })).jobId);
    } catch (err) {
      setJobId(null);
      setError(apiErrorOf(err).message);
    }
  };
  const confirm = () =>
    modals.openConfirmModal({
      title: 'Back up and install the update?',
      children: (
        <Text size="sm">
          A backup of the records is made and checked first. {status.canInstall
            ? 'Then the program closes, installs the update and starts again; everyone is logged out. Save any work first.'
            : 'This is the browser version of the program: it makes every check and the backup, but it cannot install.'}
        </Text>
      ),
      labels: { confirm: 'Back up and install', cancel: 'Not now' },
      onConfirm: () => void start(),
    });

  return (
    <Stack>
      <Text size="sm">
        Before installing, the program makes a full backup and checks it. Choose where it goes (a different drive from
        the update is best), or leave the folder empty to keep a safety copy on this computer.
      </Text>
      <PlacePicker
        value={backupFolder}
        onChange={setBackupFolder}
        pick="folder"
        label="Backup folder"
        description="Where the backup before updating is saved. Empty: a safety copy in the program's own folder on this computer."
        error={error}
      />
      {jobId && <JobProgress status={job} what="update" />}
      {ended?.phase === 'done' && (
        <Alert color="green" title={status.canInstall ? 'Checked and backed up: installing' : 'Every check passed and the backup was made'}>
          {status.canInstall
            ? 'The program is closing to install the update, and will start again by itself. Log in again when it does.'
            : 'The update is ready to install. Installing is done by the desktop program only; this browser version stops here.'}
        </Alert>
      )}
      <Group>
        <Button leftSection={<IconPackage size={18} />} onClick={confirm} loading={running}>
          Back up and install
        </Button>
      </Group>
    </Stack>
  );
}

export function UpdatesPage() {
  const status = useApiQuery('updates.status', {}, { staleTime: 0 });
  const [folder, setFolder] = useState('');
  const [checked, setChecked] = useState<{ folder: string; preview: UpdatePreview } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const check = async (path = folder) => {
    setError(null);
    setChecked(null);
    if (!path.trim()) {
      setError('Choose the drive, or type the folder that holds the update');
      return;
    }
    setChecking(true);
    try {
      setChecked({ folder: path.trim(), preview: await call('updates.check', { folder: path.trim() }) });
    } catch (err) {
      setError(apiErrorOf(err).message);
    } finally {
      setChecking(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Updates"
        description="Install a new version of the program from a USB stick. The program checks that the update comes from its makers before anything is installed."
      />
      {status.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading" />
        </Center>
      ) : status.isError ? (
        <Alert color="red" role="alert" title="The update details could not be loaded">
          {status.error.message}
        </Alert>
      ) : (
        <Stack gap="lg" maw={820}>
          <Text>
            This computer runs version <b>{status.data.runningVersion}</b>.
          </Text>
          <LastInstalled status={status.data} />
          <LastFailed status={status.data} />
          <Paper withBorder radius="md" p="lg">
            <Title order={2} size="h4" mb="sm">
              Look at an update
            </Title>
            <Stack>
              <PlacePicker
                value={folder}
                onChange={(v) => {
                  setFolder(v);
                  setChecked(null);
                }}
                pick="folder"
                onPicked={(path) => void check(path)}
                label="Folder holding the update"
                description="The USB stick, or the folder on it with update.json in it, for example /media/you/STICK"
                error={error}
              />
              <Group>
                <Button variant="default" onClick={() => void check()} loading={checking}>
                  Check the update
                </Button>
              </Group>
              {checked && <PreviewCard preview={checked.preview} />}
            </Stack>
          </Paper>
          {checked?.preview.mayInstall && (
            <Paper withBorder radius="md" p="lg">
              <Title order={2} size="h4" mb="sm">
                Back up and install
              </Title>
              <Install folder={checked.folder} status={status.data} />
            </Paper>
          )}
        </Stack>
      )}
    </>
  );
}
