/**
 * On a man's record: how contact with his partners stands (the only thing the
 * programme side may know about them), his partners for the partner service,
 * and a way for the programme side to tell the service about a new partner.
 */
import { Anchor, Badge, Button, Card, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconHeartHandshake, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ParticipantRecord } from '../../../shared/features/participant-record';
import { relationshipLabels } from '../../../shared/features/partners';
import { can } from '../../../shared/permissions';
import { useApiMutation, useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { notifyError, notifySuccess } from '../../app/notify';
import { ContactStatusBadge, RiskBandBadge, SafeguardingBadge } from './partner-badges';

function NewPartnerModal({ participantId, onClose }: { participantId: string; onClose: () => void }) {
  const [note, setNote] = useState('');
  const tell = useApiMutation('participants.newPartnerDisclosed', ['tasks.', 'participants.', 'audit.']);
  return (
    <Modal opened onClose={onClose} title="Tell the partner service about a new partner?" size="lg">
      <Stack gap="md">
        <Text size="sm">
          The partner support service will get an alert today so they can offer her support. You will not see anything about her
          afterwards: her record stays with the partner service.
        </Text>
        <Textarea
          label="What he said (optional)"
          description="For example: when he mentioned her, and anything that may matter for her safety. Do not guess at her details."
          autosize
          minRows={2}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={tell.isPending}
            onClick={() =>
              void tell.mutateAsync({ participantId, note }).then(
                () => {
                  notifySuccess('The partner service has been told.');
                  onClose();
                },
                (err: unknown) => notifyError(err),
              )
            }
          >
            Tell the partner service
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function ParticipantPartnersCard({ record }: { record: ParticipantRecord }) {
  const session = useSession();
  const behindWall = can(session.role, 'partners.view');
  const canTell = can(session.role, 'participants.edit');
  const [telling, setTelling] = useState(false);
  const partners = useApiQuery('partners.forParticipant', { participantId: record.header.id }, { enabled: behindWall });
  const status = record.partnerContactStatus;

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label="Partner contact">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h4">
          {behindWall ? 'His partners' : 'Partner contact'}
        </Title>
        {behindWall && can(session.role, 'partners.edit') && (
          <Anchor component={Link} to={`/partners/new?participant=${record.header.id}`} size="sm">
            Add a partner
          </Anchor>
        )}
      </Group>
      <Stack gap="sm">
        <Group gap="xs">
          <Text size="sm">Partner contact:</Text>
          {status ? (
            <ContactStatusBadge status={status} />
          ) : (
            <Badge color="gray" variant="outline">
              No partner on record
            </Badge>
          )}
        </Group>
        {!behindWall && (
          <Text size="xs" c="dimmed">
            The partner support service works with his partners separately. Nothing they record is shown here.
          </Text>
        )}
        {behindWall &&
          (partners.data ?? []).map((p) => {
            const link = p.links.find((l) => l.participantId === record.header.id);
            return (
              <Stack key={p.id} gap={4} p="xs" bg="gray.0" style={{ borderRadius: 8 }}>
                <Group gap="xs" justify="space-between" wrap="nowrap">
                  <Anchor component={Link} to={`/partners/${p.id}`} fw={600} size="sm">
                    {p.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {link ? relationshipLabels[link.relationship] : ''} · {p.reference}
                  </Text>
                </Group>
                <Group gap={6}>
                  <ContactStatusBadge status={p.contactStatus} size="sm" />
                  <RiskBandBadge level={p.riskLevel} size="sm" />
                  {p.openSafeguarding && <SafeguardingBadge size="sm" />}
                </Group>
              </Stack>
            );
          })}
        {behindWall && partners.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            No partner recorded for him yet.
          </Text>
        )}
        {canTell && (
          <Button variant="light" size="xs" leftSection={<IconHeartHandshake size={16} />} onClick={() => setTelling(true)}>
            Tell the partner service about a new partner
          </Button>
        )}
        {behindWall && can(session.role, 'partners.edit') && partners.data?.length === 0 && (
          <Button component={Link} to={`/partners/new?participant=${record.header.id}`} size="xs" leftSection={<IconUserPlus size={16} />}>
            Add his partner or ex-partner
          </Button>
        )}
      </Stack>
      {telling && <NewPartnerModal participantId={record.header.id} onClose={() => setTelling(false)} />}
    </Card>
  );
}
