/**
 * The children on his record or hers, each with the "Open safeguarding
 * concern" flag when an open concern on either side names them. The back end
 * answers only for the record's own children, so the flag tells a
 * facilitator nothing a partner-side concern says.
 */
import { Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { childKey } from '../../../shared/features/safeguarding';
import { call, type ApiCallError } from '../../app/api';
import { formatDate } from '../../app/format';
import { FlagBadge } from '../../components/participant-badges';
import type { Side } from './concerns-panel';

interface Child {
  name: string;
  dateOfBirth?: string;
  livesWith?: string;
}

/** The keys (childKey) of the flagged children. The names are part of the query key, so a child renamed or added is checked again. */
export function useChildFlags(side: Side, names: readonly string[]) {
  const query = useQuery<Set<string>, ApiCallError>({
    queryKey: ['safeguarding.childFlags', side, names],
    queryFn: async () => new Set((await call('safeguarding.childFlags', side)).flagged),
    enabled: names.length > 0,
  });
  return query.data ?? new Set<string>();
}

export function ChildFlag() {
  return <FlagBadge flag="safeguarding" size="sm" />;
}

/** The list of children, one a line, each flagged where an open concern names them. */
export function ChildrenList({ side, children }: { side: Side; children: readonly Child[] }) {
  const flagged = useChildFlags(
    side,
    children.map((c) => c.name),
  );
  return (
    <Stack gap={4} role="list" aria-label="Children">
      {children.map((c, i) => (
        <Group key={i} gap="xs" wrap="wrap" role="listitem">
          <Text size="sm" span>
            <b>{c.name}</b>
            {c.dateOfBirth && ` · born ${formatDate(c.dateOfBirth)}`}
            {c.livesWith && ` · lives with ${c.livesWith}`}
          </Text>
          {flagged.has(childKey(c.name)) && <ChildFlag />}
        </Group>
      ))}
    </Stack>
  );
}

/** Her children on her record (partner details): one line to drop into the details list. */
export function PartnerChildren({ partnerId, children }: { partnerId: string; children: readonly Child[] }) {
  return <ChildrenList side={{ partnerId }} children={children} />;
}
