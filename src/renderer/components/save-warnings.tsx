/**
 * "Before you save": things the back end wants the person to know (a clash, a
 * group over capacity, a start date in the past). Nothing is saved until they
 * choose "Save anyway", which repeats the same save with `confirm: true`.
 * Many warnings of one kind (a clash every week) are shown as one, with the
 * first few and the rest on request.
 */
import { Alert, Anchor, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { Warning } from '../../shared/features/groups';
import { groupWarnings, type WarningGroup } from './warning-groups';

const SHOWN = 3;

interface Props {
  warnings: readonly Warning[] | null;
  onConfirm: () => void;
  onCancel: () => void;
  confirming?: boolean;
  /** "Save anyway", "Enrol anyway" */
  confirmLabel?: string;
}

function Kind({ group }: { group: WarningGroup }) {
  const [all, setAll] = useState(false);
  const shown = all ? group.messages : group.messages.slice(0, SHOWN);
  const more = group.messages.length - shown.length;
  const items = (
    <List size="sm" spacing={2}>
      {shown.map((m) => (
        <List.Item key={m}>{m}</List.Item>
      ))}
    </List>
  );
  if (!group.heading) return items;
  return (
    <Stack gap={2}>
      <Text size="sm" fw={700}>
        {group.heading} ({group.messages.length} times)
      </Text>
      {items}
      {more > 0 && (
        <Anchor component="button" type="button" size="sm" onClick={() => setAll(true)} ta="left">
          Show the other {more}
        </Anchor>
      )}
    </Stack>
  );
}

export function SaveWarnings({ warnings, onConfirm, onCancel, confirming, confirmLabel = 'Save anyway' }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (warnings?.length) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [warnings]);
  if (!warnings || warnings.length === 0) return null;
  const groups = groupWarnings(warnings);
  return (
    <Alert ref={ref} color="orange" icon={<IconAlertTriangle size={20} />} title="Not saved yet: please check" role="alert" data-testid="save-warnings">
      <Stack gap="sm" mb="sm">
        {groups.map((g) => (
          <Kind key={g.code} group={g} />
        ))}
      </Stack>
      <Text size="sm" mb="sm">
        If this is what you mean, save anyway. Otherwise go back and change it.
      </Text>
      <Group gap="sm">
        <Button color="orange" onClick={onConfirm} loading={confirming}>
          {confirmLabel}
        </Button>
        <Button variant="default" onClick={onCancel} disabled={confirming}>
          Go back and change it
        </Button>
      </Group>
    </Alert>
  );
}
