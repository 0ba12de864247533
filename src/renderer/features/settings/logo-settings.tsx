/** The logo on reports: an administrator uploads a PNG or JPEG (checked again by the back end), sees it, or removes it. */
import { Alert, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { LOGO_MAX_BYTES } from '../../../shared/features/reports';
import type { Settings } from '../../../shared/features/settings';
import { useApiMutation } from '../../app/api';
import { apiErrorOf } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';

const toBase64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

export function LogoSettings({ settings }: { settings: Settings }) {
  const upload = useApiMutation('settings.setLogo', ['settings.', 'reports.', 'audit.']);
  const [problem, setProblem] = useState<string | null>(null);
  const choose = async (file: File | null) => {
    if (!file) return;
    setProblem(null);
    // Checked here to save a wait; the back end checks the bytes themselves.
    if (file.size > LOGO_MAX_BYTES) {
      setProblem(
        `That picture is too large (${Math.ceil(file.size / 1024)} KB): the limit is ${LOGO_MAX_BYTES / 1024} KB. Save a smaller copy and try again.`,
      );
      return;
    }
    try {
      await upload.mutateAsync({ base64: await toBase64(file) });
      notifySuccess('The logo will appear on every new report.');
    } catch (err) {
      setProblem(apiErrorOf(err).message);
    }
  };
  const remove = async () => {
    setProblem(null);
    try {
      await upload.mutateAsync({ base64: null });
      notifySuccess('The logo has been removed from new reports.');
    } catch (err) {
      setProblem(apiErrorOf(err).message);
    }
  };
  const logo = settings.logo;
  return (
    <Stack gap="sm">
      <Text size="sm">
        {logo
          ? `A ${logo.type === 'png' ? 'PNG' : 'JPEG'} logo (${logo.width} × ${logo.height} pixels, ${Math.ceil(logo.bytes / 1024)} KB) is printed at the top of every report and letter.`
          : 'No logo yet: reports show your organisation’s name and address only.'}{' '}
        A PNG or JPEG picture, at most {LOGO_MAX_BYTES / 1024} KB.
      </Text>
      {problem && (
        <Alert color="red" role="alert" title="The logo was not saved">
          {problem}
        </Alert>
      )}
      <Group>
        <FileButton onChange={(f) => void choose(f)} accept="image/png,image/jpeg">
          {(props) => (
            <Button {...props} variant="default" leftSection={<IconPhotoUp size={18} />} loading={upload.isPending}>
              {logo ? 'Choose another logo' : 'Choose a logo'}
            </Button>
          )}
        </FileButton>
        {logo && (
          <Button variant="subtle" color="red" leftSection={<IconTrash size={18} />} onClick={() => void remove()}>
            Remove the logo
          </Button>
        )}
      </Group>
    </Stack>
  );
}
