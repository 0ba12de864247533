/** "Export CSV" on a list: the same rows (and filters) as the screen, saved as a spreadsheet file. Managers only; each export is audited. */
import { Button } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import type { RouteInput } from '../../shared/api';
import type { CsvFile } from '../../shared/features/exports';
import { can, type Permission } from '../../shared/permissions';
import { call } from '../app/api';
import { useSession } from '../app/auth-context';
import { notifyError, notifySuccess } from '../app/notify';
import { saveTextFile } from '../app/save-file';

type ExportRoute = 'exports.participants' | 'exports.waitingList' | 'exports.tasks' | 'exports.figures' | 'sharing.exportLog' | 'outcomes.packCsv';

export function ExportCsvButton<R extends ExportRoute>({
  route,
  input,
  what,
  disabled,
  permission = 'lists.export',
  label = 'Export CSV',
}: {
  route: R;
  input: RouteInput<R>;
  what: string;
  disabled?: boolean;
  permission?: Permission;
  /** the button's words, when "Export CSV" would not say what the file is */
  label?: string;
}) {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  if (!can(session.role, permission)) return null;
  const run = async () => {
    setBusy(true);
    try {
      const file = (await call(route, input)) as CsvFile;
      saveTextFile(file.fileName, file.csv, 'text/csv;charset=utf-8');
      notifySuccess(
        `Saved ${file.rows} ${file.rows === 1 ? 'row' : 'rows'} of ${what} as ${file.fileName}. Keep the file safe: it holds personal information.`,
      );
    } catch (err) {
      notifyError(err, `The ${what} could not be exported`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="default"
      leftSection={<IconFileSpreadsheet size={18} />}
      loading={busy}
      disabled={disabled}
      onClick={() => void run()}
    >
      {label}
    </Button>
  );
}
