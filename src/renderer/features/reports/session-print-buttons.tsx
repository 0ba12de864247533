/** From the session page: print the register (blank or as taken) and the session plan as Word documents. */
import { Button, Group } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import type { ReportType } from '../../../shared/features/reports';
import { call } from '../../app/api';
import { notifyError } from '../../app/notify';
import { notifications } from '@mantine/notifications';
import { choosePlace, deliverReport } from './download';

const LABELS: Array<[ReportType, string]> = [
  ['register_blank', 'Blank register'],
  ['register_filled', 'Register as taken'],
  ['session_plan', 'Session plan'],
];

export function SessionPrintButtons({
  sessionId,
  registerTaken,
  hasPlan,
}: {
  sessionId: string;
  registerTaken: boolean;
  hasPlan: boolean;
}) {
  const [busy, setBusy] = useState<ReportType | null>(null);
  const print = async (type: ReportType) => {
    setBusy(type);
    try {
      const draft = await call('reports.create', { type, sessionId });
      if (draft.blockers.length) {
        notifications.show({
          color: 'orange',
          title: 'Not ready to print',
          message: draft.blockers.join(' '),
          autoClose: 10000,
        });
        return;
      }
      const place = await choosePlace(draft.id);
      if (!place) return;
      deliverReport(await call('reports.generate', { id: draft.id, version: draft.version, ...place }), 'The document');
    } catch (err) {
      notifyError(err, 'The document could not be made');
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap="xs" aria-label="Print as Word documents">
      {LABELS.filter(([t]) => (t === 'register_filled' ? registerTaken : t === 'session_plan' ? hasPlan : true)).map(
        ([t, label]) => (
          <Button
            key={t}
            variant="default"
            size="sm"
            leftSection={<IconPrinter size={16} />}
            loading={busy === t}
            onClick={() => void print(t)}
          >
            {label}
          </Button>
        ),
      )}
    </Group>
  );
}
