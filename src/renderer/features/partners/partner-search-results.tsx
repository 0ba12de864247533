/**
 * The top search box's partner records, for roles with partner access only (the partner
 * worker and managers): found by her name or reference, or by the name or reference of a
 * man she is linked to (as "Find a partner" does). Shown in their own section, each
 * labelled as a partner record, so no one mistakes her for a participant. The query is
 * never sent for other roles (and the back end refuses it to them).
 */
import { Combobox, Group, Stack, Text } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { IconHeartHandshake } from '@tabler/icons-react';
import type { PartnerSummary } from '../../../shared/features/partners';
import { useApiQuery } from '../../app/api';
import { RiskBandBadge } from './partner-badges';

/** Option values of partner records start with this, so they never clash with a participant's id. */
export const PARTNER_OPTION = 'partner:';

export function usePartnerSearch(q: string, enabled: boolean) {
  const hits = useApiQuery(
    'partners.search',
    { q },
    { enabled: enabled && q.length > 0, placeholderData: keepPreviousData, staleTime: 10_000 },
  );
  return {
    results: enabled && q.length > 0 ? (hits.data ?? []).slice(0, 8) : [],
    fetching: enabled && hits.isFetching,
    data: hits.data,
  };
}

/** Who she is linked to, in a few words ("Partner of Dean Price, P-2026-0012"). */
function linkedTo(p: PartnerSummary): string {
  if (p.links.length === 0) return 'Not linked to a participant';
  const first = p.links[0]!;
  const him = first.participantName
    ? `${first.participantName}, ${first.participantReference}`
    : first.participantReference;
  return `Partner of ${him}${p.links.length > 1 ? ` and ${p.links.length - 1} more` : ''}`;
}

export function PartnerSearchGroup({ results }: { results: PartnerSummary[] }) {
  if (results.length === 0) return null;
  return (
    <Combobox.Group label="Partner records (partner support service)">
      {results.map((p) => (
        <Combobox.Option
          value={`${PARTNER_OPTION}${p.id}`}
          key={p.id}
          aria-label={`Partner record: ${p.name}, ${p.reference}. ${linkedTo(p)}`}
        >
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap={6} wrap="nowrap">
                <IconHeartHandshake size={16} aria-hidden />
                <Text fw={600} size="sm" truncate="end">
                  {p.name}
                </Text>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {p.reference}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                Partner record · {linkedTo(p)}
              </Text>
            </Stack>
            <RiskBandBadge level={p.riskLevel} size="sm" />
          </Group>
        </Combobox.Option>
      ))}
    </Combobox.Group>
  );
}
