/**
 * Marking a contact safe to share in his reports: the partner worker writes
 * the short summary that may go in a report about him (never her notes), and
 * can take it back. Until then, nothing of hers reaches his reports.
 */
import { Alert, Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { contactShareInput, type ContactLogEntry } from '../../../shared/features/partners';
import { useApiMutation } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { FormFooter, placeApiError, type FormProblem } from '../../components/form-alert';
import { PARTNER_CHANGES } from './partner-labels';
import { FormModal } from '../../components/unsaved-changes';

const check = validateWith<Record<string, unknown>>(contactShareInput);

function ShareModal({ partnerId, contact, onClose }: { partnerId: string; contact: ContactLogEntry; onClose: () => void }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const share = useApiMutation('partners.shareContact', PARTNER_CHANGES);
  const form = useForm({
    initialValues: { summary: contact.safeToShare?.summary ?? '' },
    validate: (v) => check({ partnerId, contactId: contact.id, summary: v.summary }),
  });
  const submit = form.onSubmit(async (v) => {
    setProblem(null);
    try {
      await share.mutateAsync({ partnerId, contactId: contact.id, summary: v.summary });
      notifySuccess('Marked safe to share. The summary will appear in reports about him.');
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => p === 'summary'));
    }
  }, focusFirstError);
  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} size="lg" title="Safe to share in his reports">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Alert color="orange" p="sm">
            Only the summary you write here can go in reports about him (court, Cafcass, probation and children&apos;s services), and they
            may be read by him. Her notes are never shared. Leave out her name, where she lives or works, her numbers and anything that could
            help him find her or guess what she told you.
          </Alert>
          <Textarea
            label="Summary for his reports"
            description="For example: the partner support service reports that contact handovers have been calm."
            autosize
            minRows={3}
            key={form.key('summary')}
            {...form.getInputProps('summary')}
          />
          <FormFooter problem={problem} onReload={onClose} onCancel={onClose} saving={share.isPending} label="Mark safe to share" />
        </Stack>
      </form>
    </FormModal>
  );
}

/** The cell on a contact-log row: what is shared, and (for partner workers) the buttons to mark, change or unmark. */
export function ShareCell({ partnerId, contact, canMark }: { partnerId: string; contact: ContactLogEntry; canMark: boolean }) {
  const [editing, setEditing] = useState(false);
  const unshare = useApiMutation('partners.unshareContact', PARTNER_CHANGES);
  const shared = contact.safeToShare;
  const confirmUnshare = () =>
    modals.openConfirmModal({
      title: 'Stop sharing this in his reports?',
      children: <Text size="sm">Reports made from now on will leave it out. Reports already sent keep what they said.</Text>,
      labels: { confirm: 'Stop sharing', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        void unshare
          .mutateAsync({ partnerId, contactId: contact.id })
          .then(() => notifySuccess('No longer shared in his reports.'))
          .catch((err: unknown) => notifyError(err)),
    });
  return (
    <Stack gap={4}>
      {shared ? (
        <>
          <Badge color="teal" variant="light">
            Safe to share
          </Badge>
          <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {shared.summary}
          </Text>
          <Text size="xs" c="dimmed">
            Marked by {shared.byName ?? 'a former worker'}, {formatDateTime(shared.at)}
          </Text>
        </>
      ) : (
        !canMark && (
          <Text size="xs" c="dimmed">
            Not shared
          </Text>
        )
      )}
      {canMark && (
        <Group gap={4}>
          <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)}>
            {shared ? 'Change summary' : 'Mark safe to share'}
          </Button>
          {shared && (
            <Button size="compact-xs" variant="subtle" color="red" onClick={confirmUnshare} loading={unshare.isPending}>
              Stop sharing
            </Button>
          )}
        </Group>
      )}
      {editing && <ShareModal partnerId={partnerId} contact={contact} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
