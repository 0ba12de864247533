/**
 * Where a backup goes, or where one is found: the removable drives first, then
 * the native picker (Electron) or a typed folder path (the browser host runs
 * on the same computer, so a path typed here is a path on this computer).
 */
import { Alert, Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { IconFolderOpen, IconRefresh, IconUsb } from '@tabler/icons-react';
import type { Drive } from '../../../shared/features/backups';
import { call, useApiQuery } from '../../app/api';
import { notifyError } from '../../app/notify';

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1e3))} KB`;
}

const driveLabel = (d: Drive) => (d.freeBytes !== null ? `${d.label} (${formatBytes(d.freeBytes)} free)` : d.label);

export function PlacePicker({
  value,
  onChange,
  pick,
  label,
  error,
  onPicked,
  description,
}: {
  value: string;
  onChange: (folder: string) => void;
  /** a drive or a native pick (not typing): the caller may act on it at once */
  onPicked?: (path: string) => void;
  /** which native picker to offer */
  pick: 'folder' | 'file';
  label: string;
  error?: string | null;
  /** what the typed folder is for (the default speaks of backups) */
  description?: string;
}) {
  const targets = useApiQuery('backups.targets', {}, { staleTime: 0 });
  const drives = targets.data?.drives ?? [];
  const choose = async () => {
    try {
      const { path } = pick === 'folder' ? await call('backups.pickFolder', {}) : await call('backups.pickFile', {});
      if (path) {
        onChange(path);
        onPicked?.(path);
      }
    } catch (err) {
      notifyError(err, 'The picker could not be opened');
    }
  };
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center">
        <Text size="sm" fw={500}>
          Removable drives
        </Text>
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconRefresh size={14} />}
          onClick={() => void targets.refetch()}
          loading={targets.isFetching}
        >
          Look again
        </Button>
      </Group>
      {drives.length > 0 ? (
        <Radio.Group
          value={drives.some((d) => d.path === value) ? value : ''}
          onChange={(path) => {
            onChange(path);
            onPicked?.(path);
          }}
          aria-label="Removable drives"
        >
          <Stack gap={6}>
            {drives.map((d) => (
              <Radio key={d.path} value={d.path} label={driveLabel(d)} />
            ))}
          </Stack>
        </Radio.Group>
      ) : (
        <Alert color="gray" icon={<IconUsb size={18} />}>
          No removable drive found. Plug in the USB stick or memory card and choose "Look again", or give a folder
          below.
        </Alert>
      )}
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <TextInput
          label={label}
          description={
            description ??
            (pick === 'folder'
              ? 'The folder on this computer where the backup is saved, for example /media/you/STICK'
              : 'A folder holding backups, or the backup file itself')
          }
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          error={error ?? undefined}
          style={{ flex: 1 }}
        />
        {targets.data?.nativePicker && (
          <Button variant="default" leftSection={<IconFolderOpen size={16} />} onClick={() => void choose()}>
            {pick === 'folder' ? 'Choose folder…' : 'Choose file…'}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
