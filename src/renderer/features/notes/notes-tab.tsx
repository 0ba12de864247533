/** Case notes, newest first and paged: add, edit (the earlier version is kept), and for managers the earlier versions. */
import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { keepPreviousData } from '@tanstack/react-query';
import { IconHistory, IconNotes, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { todayInLondon } from '../../../shared/dates';
import { noteAddInput, noteTypeLabels, noteTypes, type CaseNote, type NoteType } from '../../../shared/features/notes';
import { can } from '../../../shared/permissions';
import { useApiMutation, useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { EmptyNote } from '../../components/empty-note';
import { FormFooter, placeApiError, type FormProblem } from '../../components/form-alert';
import { Pager } from '../../components/pager';
import { UkDateInput } from '../../components/uk-date-input';
import { FormModal } from '../../components/unsaved-changes';
import { DraftNotice } from '../drafts/draft-notice';
import { useDraft } from '../drafts/use-draft';
import type { RecordTabProps } from '../participants/record-tab';

const PAGE_SIZE = 10;
const CHANGES = ['notes.', 'participants.search', 'audit.'];

interface Values {
  noteType: NoteType | null;
  occurredOn: string;
  body: string;
}
const check = validateWith<Record<string, unknown>>(noteAddInput);

function NoteModal({
  participantId,
  note,
  onClose,
  onStale,
}: {
  participantId: string;
  note: CaseNote | null;
  onClose: () => void;
  onStale: () => void;
}) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const add = useApiMutation('notes.add', CHANGES);
  const update = useApiMutation('notes.update', CHANGES);
  const form = useForm<Values>({
    initialValues: note
      ? { noteType: note.noteType, occurredOn: note.occurredOn, body: note.body }
      : { noteType: null, occurredOn: todayInLondon(), body: '' },
    validate: (v) => check({ ...v, participantId }),
  });
  // A new note is kept under the man, an edit under the note itself.
  const draft = useDraft({ kind: 'case-note', about: note ? `note-${note.id}` : participantId }, form.values.body, (text) => form.setFieldValue('body', text));
  const submit = form.onSubmit(async (v) => {
    setProblem(null);
    const input = { ...v, noteType: v.noteType as NoteType };
    try {
      if (note) await update.mutateAsync({ ...input, id: note.id, version: note.version });
      else await add.mutateAsync({ ...input, participantId });
      await draft.discard();
      notifySuccess(note ? 'The note has been updated. The earlier version is kept.' : 'The note has been added.');
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => ['noteType', 'occurredOn', 'body'].includes(p)));
    }
  }, focusFirstError);
  return (
    <FormModal
      opened
      onClose={onClose}
      dirty={form.isDirty()}
      what="the note"
      onDiscard={() => void draft.discard()}
      size="xl"
      title={note ? 'Edit the case note' : 'Add a case note'}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <DraftNotice restoredAt={draft.restoredAt} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label="Type of note"
              placeholder="Choose the type"
              data={noteTypes.map((t) => ({ value: t, label: noteTypeLabels[t] }))}
              key={form.key('noteType')}
              {...form.getInputProps('noteType')}
            />
            <UkDateInput label="Date it happened" key={form.key('occurredOn')} {...form.getInputProps('occurredOn')} />
          </SimpleGrid>
          <Textarea
            label="Note"
            description="What happened, what was said, and anything to follow up. Write as if he may one day read it."
            autosize
            minRows={6}
            maxRows={20}
            data-autofocus
            key={form.key('body')}
            {...form.getInputProps('body')}
          />
          {note && (
            <Text size="xs" c="dimmed">
              Editing keeps the earlier version: managers can see it.
            </Text>
          )}
          <FormFooter
            problem={problem}
            onReload={() => {
              onStale();
              onClose();
            }}
            onCancel={onClose}
            saving={add.isPending || update.isPending}
            label={note ? 'Save changes' : 'Add note'}
          />
        </Stack>
      </form>
    </FormModal>
  );
}

function HistoryModal({ note, onClose }: { note: CaseNote; onClose: () => void }) {
  const history = useApiQuery('notes.history', { id: note.id }, { staleTime: 0 });
  return (
    <Modal opened onClose={onClose} size="xl" title="Earlier versions of this note">
      <Stack gap="md">
        <Card withBorder radius="md" padding="sm" bg="indigo.0">
          <Group gap="xs" mb={4}>
            <Badge>Current</Badge>
            <Text size="sm" c="dimmed">
              {noteTypeLabels[note.noteType]} · {formatDate(note.occurredOn)} · saved {formatDateTime(note.updatedAt)}
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {note.body}
          </Text>
        </Card>
        {history.isPending ? (
          <Center py="md">
            <Loader size="sm" aria-label="Loading earlier versions" />
          </Center>
        ) : history.isError ? (
          <Alert color="red" role="alert">
            {history.error.message}
          </Alert>
        ) : history.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            This note has not been changed.
          </Text>
        ) : (
          history.data.map((v, i) => (
            <Card key={i} withBorder radius="md" padding="sm">
              <Text size="sm" c="dimmed" mb={4}>
                {noteTypeLabels[v.noteType]} · {formatDate(v.occurredOn)} · written by{' '}
                {v.byName ?? 'a former member of staff'} on {formatDateTime(v.at)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {v.body}
              </Text>
            </Card>
          ))
        )}
      </Stack>
    </Modal>
  );
}

export function NotesTab({ record }: RecordTabProps) {
  const session = useSession();
  const canWrite = can(session.role, 'notes.write');
  const canHistory = can(session.role, 'notes.history');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<{ note: CaseNote | null } | null>(null);
  const [history, setHistory] = useState<CaseNote | null>(null);
  const participantId = record.header.id;
  const notes = useApiQuery(
    'notes.list',
    { participantId, page, pageSize: PAGE_SIZE },
    { placeholderData: keepPreviousData },
  );
  const data = notes.data;

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Phone calls, meetings and contact with agencies, newest first. Only facilitators and managers can read these.
        </Text>
        {canWrite && (
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing({ note: null })}>
            Add a case note
          </Button>
        )}
      </Group>
      {notes.isError ? (
        <Alert color="red" role="alert" title="The notes could not be loaded">
          {notes.error.message}
        </Alert>
      ) : !data ? (
        <Center py="xl">
          <Loader aria-label="Loading the case notes" />
        </Center>
      ) : data.total === 0 ? (
        <Card withBorder radius="md">
          <EmptyNote title="No case notes yet" icon={<IconNotes size={24} />}>
            {canWrite
              ? 'Choose "Add a case note" after each phone call, meeting or contact with an agency about him.'
              : ''}
          </EmptyNote>
        </Card>
      ) : (
        <Stack gap="sm">
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} noun="notes" onChange={setPage} />
          {data.notes.map((n) => (
            <Card
              key={n.id}
              withBorder
              radius="md"
              padding="md"
              component="article"
              aria-label={`${noteTypeLabels[n.noteType]} on ${formatDate(n.occurredOn)}`}
            >
              <Group justify="space-between" align="flex-start" mb={6}>
                <Group gap="xs">
                  <Text fw={700} size="sm">
                    {formatDate(n.occurredOn)}
                  </Text>
                  <Badge variant="light" color="gray">
                    {noteTypeLabels[n.noteType]}
                  </Badge>
                  <Text size="sm" c="dimmed">
                    by {n.authorName ?? 'a former member of staff'}
                  </Text>
                  {n.edited && (
                    <Badge
                      variant="outline"
                      color="gray"
                      size="sm"
                      title={`Last changed ${formatDateTime(n.updatedAt)}`}
                    >
                      Edited
                    </Badge>
                  )}
                </Group>
                <Group gap={4}>
                  {canHistory && n.edited && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      leftSection={<IconHistory size={14} />}
                      onClick={() => setHistory(n)}
                    >
                      Earlier versions
                    </Button>
                  )}
                  {canWrite && (
                    <Button
                      size="compact-sm"
                      variant="light"
                      leftSection={<IconPencil size={14} />}
                      onClick={() => setEditing({ note: n })}
                    >
                      Edit
                    </Button>
                  )}
                </Group>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {n.body}
              </Text>
            </Card>
          ))}
          {data.total > data.pageSize && (
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} noun="notes" onChange={setPage} />
          )}
        </Stack>
      )}
      {editing && (
        <NoteModal
          participantId={participantId}
          note={editing.note}
          onClose={() => setEditing(null)}
          onStale={() => void notes.refetch()}
        />
      )}
      {history && <HistoryModal note={history} onClose={() => setHistory(null)} />}
    </Stack>
  );
}
