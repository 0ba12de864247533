/** Saves the audit entries matching the filters as a CSV file (a download in the browser host, a save dialog in Electron). */
import { Button } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import type { RouteInput } from '../../../shared/api';
import { call } from '../../app/api';
import { notifyError, notifySuccess } from '../../app/notify';
import { saveTextFile } from '../../app/save-file';

export { saveTextFile };

export function ExportAuditButton({ filters, disabled }: { filters: RouteInput<'audit.export'>; disabled?: boolean }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const result = await call('audit.export', filters);
      saveTextFile(result.fileName, result.csv, 'text/csv;charset=utf-8');
      notifySuccess(`Exported ${result.rows} entries to ${result.fileName}.`);
    } catch (err) {
      notifyError(err, 'The audit log could not be exported');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="default" leftSection={<IconFileSpreadsheet size={18} />} loading={busy} disabled={disabled} onClick={() => void run()}>
      Export to a spreadsheet
    </Button>
  );
}
