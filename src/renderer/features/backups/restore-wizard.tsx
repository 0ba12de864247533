/**
 * Restore: choose the backup, give the passphrase (or the recovery key), see
 * what it holds, confirm, and watch it happen. Used on the Backups page and on
 * the first-run screen. Nothing changes until "Restore" is confirmed.
 */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  Loader,
  PasswordInput,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import {
  BACKUP_EXTENSION,
  type BackupFileEntry,
  type JobStatus,
  type RestorePreview,
} from '../../../shared/features/backups';
import { call } from '../../app/api';
import { apiErrorOf } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { Fact } from '../../components/fact';
import { JobProgress, useJob } from './job-progress';
import { formatBytes, PlacePicker } from './place-picker';

type Secret = 'passphrase' | 'recoveryKey';

export function RestoreWizard({
  firstRun,
  onDone,
  onCancel,
}: {
  firstRun: boolean;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const [location, setLocation] = useState('');
  const [files, setFiles] = useState<BackupFileEntry[] | null>(null);
  const [file, setFile] = useState('');
  const [secretKind, setSecretKind] = useState<Secret>('passphrase');
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<{ file?: string; secret?: string; general?: string }>({});
  const [opening, setOpening] = useState(false);
  const [preview, setPreview] = useState<RestorePreview | null>(null);
  const [accepted, setAccepted] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [ended, setEnded] = useState<JobStatus | null>(null);
  const status = useJob(jobId, setEnded);
  // Each result (what the backup holds, the restore's progress and outcome, a refusal) replaces or follows
  // what the person was looking at: bring it into view and give it the focus, so it is seen and read out.
  const result = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = result.current;
    if (!el) return;
    el.scrollIntoView({ block: 'nearest' });
    el.focus({ preventScroll: true });
  }, [preview, jobId, ended?.phase, errors.general]);

  const chosenFile = location.trim().endsWith(BACKUP_EXTENSION) ? location.trim() : file;

  const changeLocation = (next: string) => {
    setLocation(next);
    setFiles(null);
    setFile('');
    setErrors({});
  };
  const picked = (path: string) => {
    if (!path.endsWith(BACKUP_EXTENSION)) void look(path);
  };

  const look = async (folder: string) => {
    try {
      const found = await call('backups.list', { folder: folder.trim() });
      setFiles(found);
      if (found.length > 0) setFile(found[0]!.file);
    } catch (err) {
      setFiles(null);
      setErrors({ file: apiErrorOf(err).message });
    }
  };

  const open = async () => {
    let target = chosenFile;
    // The field says "a folder holding backups, or the backup file itself": a folder opens its newest backup
    // (what it holds, with the date it was made, is shown before anything is restored).
    if (!target && location.trim()) {
      try {
        const found = await call('backups.list', { folder: location.trim() });
        setFiles(found);
        target = found[0]?.file ?? '';
        setFile(target);
        if (!target) {
          setErrors({ file: `There are no backups (files ending in ${BACKUP_EXTENSION}) in that folder` });
          return;
        }
      } catch (err) {
        setErrors({ file: apiErrorOf(err).message });
        return;
      }
    }
    if (!target) {
      setErrors({ file: 'Choose the drive or folder holding the backup, or the backup file' });
      return;
    }
    if (!secret.trim()) {
      setErrors({ secret: secretKind === 'passphrase' ? 'Enter the backup passphrase' : 'Enter the recovery key' });
      return;
    }
    setErrors({});
    setOpening(true);
    try {
      const input =
        secretKind === 'passphrase'
          ? { file: target, passphrase: secret }
          : { file: target, recoveryKey: secret };
      setPreview(await call('backups.inspect', input));
      setAccepted(false);
    } catch (err) {
      const e = apiErrorOf(err);
      if (e.fields?.passphrase || e.fields?.recoveryKey) setErrors({ secret: e.message });
      else if (e.fields?.file) setErrors({ file: e.message });
      else setErrors({ general: e.message });
    } finally {
      setOpening(false);
    }
  };

  const back = () => {
    void call('backups.cancelRestore', {}).catch(() => undefined);
    setPreview(null);
  };

  const start = async () => {
    if (!preview) return;
    try {
      const { jobId: id } = await call('backups.restore', { token: preview.token, acceptOtherOrganisation: accepted });
      setJobId(id);
    } catch (err) {
      setErrors({ general: apiErrorOf(err).message });
    }
  };

  const confirmRestore = () => {
    if (firstRun) {
      void start();
      return;
    }
    modals.openConfirmModal({
      title: 'Replace everything with this backup?',
      children: (
        <Text size="sm">
          Everything the program holds now is replaced by what the backup holds. Work done since{' '}
          {formatDateTime(preview?.createdAt)} is lost. Everyone is logged out while it happens.
        </Text>
      ),
      labels: { confirm: 'Restore the backup', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => void start(),
    });
  };

  if (jobId) {
    return (
      <Stack ref={result} tabIndex={-1} aria-label="Restoring the backup" style={{ outline: 'none' }}>
        <JobProgress status={status} what="restore" />
        {ended?.phase === 'done' && (
          <>
            <Alert color="green" title="The backup has been restored">
              {preview?.passwordsFromBackup
                ? 'Log in with the user name and password you had when the backup was made.'
                : 'Log in again to carry on.'}
            </Alert>
            <Group>
              <Button onClick={onDone}>Go to log-in</Button>
            </Group>
          </>
        )}
        {ended?.phase === 'failed' && (
          <Group>
            <Button
              variant="default"
              onClick={() => {
                setJobId(null);
                setEnded(null);
                setPreview(null);
              }}
            >
              Back
            </Button>
          </Group>
        )}
      </Stack>
    );
  }

  if (preview) {
    const other = preview.otherOrganisation;
    return (
      <Stack ref={result} tabIndex={-1} aria-label="What the backup holds" style={{ outline: 'none' }}>
        <Text>This is what the backup holds. Check it is the one you want before you restore it.</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Fact label="Organisation">{preview.organisation.name}</Fact>
          <Fact label="Made on">{formatDateTime(preview.createdAt)}</Fact>
          <Fact label="By program version">{preview.appVersion}</Fact>
          <Fact label="Participants">{preview.counts.participants}</Fact>
          {/* Her records are sealed under the partner key in their own part: a count of 0 here would alarm for nothing. */}
          <Fact label="Partners">
            {preview.partnerPart
              ? 'Included, sealed under the partner key: only the partner service can open them, so they are not counted here'
              : preview.counts.partners}
          </Fact>
          <Fact label="Group sessions">{preview.counts.sessions}</Fact>
          <Fact label="Staff accounts">{preview.counts.staff}</Fact>
        </SimpleGrid>
        {preview.olderVersion && (
          <Alert color="blue">
            It was made by an earlier version of the program; it is brought up to date as part of the restore.
          </Alert>
        )}
        {preview.passwordsFromBackup && (
          <Alert color="blue">
            After the restore, everyone logs in with the user name and password they had when this backup was made.
          </Alert>
        )}
        {other && (
          <Alert color="red" title="This backup belongs to another organisation">
            <Stack gap="xs">
              <Text size="sm">
                It was made by <b>{other.backup}</b>. This computer holds the records of <b>{other.current}</b>.
                Restoring it replaces all of {other.current}&apos;s records with {other.backup}&apos;s.
              </Text>
              <Checkbox
                checked={accepted}
                onChange={(e) => setAccepted(e.currentTarget.checked)}
                label={`I understand: replace ${other.current}'s records with ${other.backup}'s`}
              />
            </Stack>
          </Alert>
        )}
        {errors.general && (
          <Alert color="red" role="alert">
            {errors.general}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={back}>
            Back
          </Button>
          <Button color={firstRun ? undefined : 'red'} disabled={other !== null && !accepted} onClick={confirmRestore}>
            Restore this backup
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack>
      <PlacePicker
        value={location}
        onChange={changeLocation}
        onPicked={picked}
        pick="file"
        label="Folder or backup file"
        error={errors.file}
      />
      {location && !location.endsWith(BACKUP_EXTENSION) && (
        <Group>
          <Button size="xs" variant="light" leftSection={<IconSearch size={14} />} onClick={() => void look(location)}>
            Show the backups in this folder
          </Button>
        </Group>
      )}
      {files && files.length === 0 && (
        <Alert color="orange">There are no backups (files ending in {BACKUP_EXTENSION}) in that folder.</Alert>
      )}
      {files && files.length > 0 && (
        <Radio.Group label="Backups found (newest first)" value={file} onChange={setFile}>
          <Stack gap={6} mt={6}>
            {files.map((f) => (
              <Radio
                key={f.file}
                value={f.file}
                label={`${f.name} (${formatBytes(f.sizeBytes)}, saved ${formatDateTime(f.modifiedAt)})`}
              />
            ))}
          </Stack>
        </Radio.Group>
      )}
      <SegmentedControl
        value={secretKind}
        onChange={(v) => {
          setSecretKind(v as Secret);
          setSecret('');
          setErrors({});
        }}
        data={[
          { value: 'passphrase', label: 'Use the backup passphrase' },
          { value: 'recoveryKey', label: 'Use the recovery key' },
        ]}
        aria-label="How to open the backup"
      />
      {secretKind === 'passphrase' ? (
        <PasswordInput
          label="Backup passphrase"
          description="The passphrase an administrator chose for backups (not a log-in password)"
          value={secret}
          onChange={(e) => setSecret(e.currentTarget.value)}
          error={errors.secret}
        />
      ) : (
        <TextInput
          label="Recovery key"
          description="13 groups of 4 letters and numbers, as printed at set-up. Capitals, small letters, spaces and missing dashes are all fine"
          value={secret}
          onChange={(e) => setSecret(e.currentTarget.value)}
          error={errors.secret}
          autoComplete="off"
        />
      )}
      {errors.general && (
        <Alert color="red" role="alert" ref={result} tabIndex={-1}>
          {errors.general}
        </Alert>
      )}
      {opening && (
        <Group gap="xs" role="status">
          <Loader size="sm" />
          <Text size="sm">Opening and checking the backup. A large one takes up to a minute…</Text>
        </Group>
      )}
      <Group justify="flex-end">
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button onClick={() => void open()} loading={opening}>
          Open the backup
        </Button>
      </Group>
      <List size="xs" c="dimmed">
        <List.Item>Nothing is changed until you have seen what the backup holds and chosen to restore it.</List.Item>
      </List>
    </Stack>
  );
}
