/**
 * One subject access request: what goes in the pack, what is left out until
 * the manager decides (item by item), and producing the zip (Word document
 * and JSON). The disclosure is recorded in the information-sharing log.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Checkbox,
  Group,
  List,
  Loader,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconFileZip } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { sarChannelLabels, sarItemKindLabels, type SarPack } from '../../../shared/features/subject-access';
import { useApiMutation, useApiQuery } from '../../app/api';
import { formatDate } from '../../app/format';
import { notifyError } from '../../app/notify';
import { saveBase64File } from '../../app/save-file';
import { Fact } from '../../components/fact';
import { PageHeader } from '../../components/page-header';

export function SubjectAccessRequestPage() {
  const { requestId = '' } = useParams();
  const review = useApiQuery('subjectAccess.review', { requestId }, { staleTime: 0 });
  const produce = useApiMutation('subjectAccess.produce', ['subjectAccess.', 'tasks.', 'sharing.', 'audit.']);
  const [release, setRelease] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<SarPack | null>(null);

  if (review.isPending)
    return (
      <Center py="xl">
        <Loader aria-label="Gathering what we hold about him" />
      </Center>
    );
  if (review.isError)
    return (
      <Alert color="red" role="alert" title="The request could not be opened">
        {review.error.message}
      </Alert>
    );
  const { request, included, items } = review.data;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(release);
    if (on) next.add(id);
    else next.delete(id);
    setRelease(next);
  };
  const run = async () => {
    try {
      const pack = await produce.mutateAsync({ requestId, release: [...release] });
      saveBase64File(pack.fileName, pack.base64, 'application/zip');
      setResult(pack);
      setConfirming(false);
    } catch (err) {
      setConfirming(false);
      notifyError(err, 'The pack could not be produced');
    }
  };
  return (
    <>
      <PageHeader
        title={`Subject access: ${request.participantName ?? request.participantReference}`}
        description={
          <>
            Everything the program holds about him goes into a Word document with the same data as JSON, in one zip
            file. Anything that would tell him about someone else is left out unless you tick it below.{' '}
            <Anchor component={Link} to="/data-protection">
              Back to all requests
            </Anchor>
          </>
        }
      />
      <Stack gap="lg" maw={960}>
        <Paper withBorder radius="md" p="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Fact label="Reference">{request.participantReference}</Fact>
            <Fact label="Received">{`${formatDate(request.receivedOn)} (${sarChannelLabels[request.channel].toLowerCase()})`}</Fact>
            <Fact label="Due by">
              {formatDate(request.dueOn)} {request.overdue && <Badge color="red">Overdue</Badge>}
            </Fact>
            <Fact label="Status">
              {request.status === 'open'
                ? 'To answer'
                : `Pack produced ${formatDate(request.producedAt?.slice(0, 10))}`}
            </Fact>
          </SimpleGrid>
        </Paper>
        {result && (
          <Alert color="green" icon={<IconFileZip />} title="The pack has been produced" role="status">
            Saved as {result.fileName}: {result.released} {result.released === 1 ? 'item' : 'items'} released,{' '}
            {result.withheld} withheld. The disclosure is recorded in his information-sharing log and the deadline task
            is done. Check the document before you send it, and send it securely.
          </Alert>
        )}
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="xs">
            Always in the pack
          </Title>
          <List size="sm" spacing={2}>
            {included.map((s) => (
              <List.Item key={s.section}>
                {s.section}:{' '}
                {s.count === 0 && s.withheld === 0
                  ? 'nothing held'
                  : s.count === 0
                    ? 'only what is listed below'
                    : `${s.count} ${s.count === 1 ? 'entry' : 'entries'}`}
                {s.count > 0 && s.withheld > 0 ? `, and ${s.withheld} listed below` : ''}
              </List.Item>
            ))}
          </List>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="xs">
            Left out unless you release it
          </Title>
          {items.length === 0 ? (
            <Text size="sm">Nothing on his record names anyone else: the whole record goes in.</Text>
          ) : (
            <Stack gap="sm">
              <Text size="sm">
                Tick an item only if it is safe and lawful to give him: it does not identify anyone else, or they have
                agreed, or it is reasonable without their agreement. Never release anything that could put his partner,
                ex-partner or the children at risk.
              </Text>
              {items.map((item) => (
                <Checkbox
                  key={item.id}
                  checked={release.has(item.id)}
                  onChange={(e) => toggle(item.id, e.currentTarget.checked)}
                  label={
                    <>
                      <Badge
                        size="sm"
                        variant="light"
                        color={item.kind === 'partner' || item.kind === 'partner_concern' ? 'grape' : 'gray'}
                        mr={6}
                      >
                        {sarItemKindLabels[item.kind]}
                      </Badge>
                      {item.label}
                    </>
                  }
                  description={item.why}
                />
              ))}
            </Stack>
          )}
        </Paper>
        <Group justify="flex-end">
          <Button leftSection={<IconDownload size={18} />} onClick={() => setConfirming(true)}>
            {request.status === 'open' ? 'Produce the pack' : 'Produce the pack again'}
          </Button>
        </Group>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Produce the pack?">
        <Stack>
          <Text size="sm">
            The zip holds his personal information: {release.size} of {items.length} withheld{' '}
            {items.length === 1 ? 'item is' : 'items are'} released. Producing it is recorded in his information-sharing
            log and the audit log.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button leftSection={<IconDownload size={18} />} loading={produce.isPending} onClick={() => void run()}>
              Produce and save
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
