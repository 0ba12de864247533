/**
 * Activities with their minutes, in order, with a running total: used by the
 * curriculum's session templates and by each session's plan (which also says
 * who leads each part).
 */
import { ActionIcon, Box, Button, Group, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { durationText } from '../groups/group-labels';
import { totalMinutes, totalState, type ActivityRow } from './plan-helpers';

/** Any form with an `activities` list (cast the form to this where it has more fields). */
export type ActivitiesForm = UseFormReturnType<{ activities: ActivityRow[] }>;

interface Props {
  form: ActivitiesForm;
  /** the session length, for the running total */
  sessionMinutes?: number;
  /** staff who may lead a part; no "led by" column without it */
  leadOptions?: Array<{ value: string; label: string }>;
  readOnly?: boolean;
}

export function ActivitiesEditor({ form, sessionMinutes, leadOptions, readOnly }: Props) {
  const rows = form.getValues().activities;
  const total = totalMinutes(rows);
  const state = sessionMinutes ? totalState(total, sessionMinutes) : null;
  return (
    <Stack gap="xs">
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No activities yet. Add the parts of the session in the order they happen, with their minutes.
        </Text>
      ) : (
        <Box role="list" aria-label="Activities">
          <Group gap="xs" wrap="nowrap" px={4} pb={4} aria-hidden visibleFrom="sm">
            <Text size="xs" c="dimmed" w={24}>
              #
            </Text>
            <Text size="xs" c="dimmed" style={{ flex: 1 }}>
              Activity
            </Text>
            <Text size="xs" c="dimmed" w={96}>
              Minutes
            </Text>
            {leadOptions && (
              <Text size="xs" c="dimmed" w={200}>
                Who leads it
              </Text>
            )}
            {!readOnly && <Box w={100} />}
          </Group>
          {rows.map((row, i) => (
            <Group key={form.key(`activities.${i}`)} gap="xs" wrap="nowrap" align="flex-start" role="listitem" py={4} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
              <Text size="sm" c="dimmed" w={24} pt={6}>
                {i + 1}
              </Text>
              <Stack gap={4} style={{ flex: 1 }}>
                <TextInput aria-label={`Activity ${i + 1}`} placeholder="What happens" readOnly={readOnly} {...form.getInputProps(`activities.${i}.title`)} />
                {(!readOnly || row.description) && (
                  <Textarea
                    aria-label={`Details of activity ${i + 1} (optional)`}
                    placeholder="Details (optional)"
                    autosize
                    minRows={1}
                    maxRows={6}
                    size="xs"
                    readOnly={readOnly}
                    {...form.getInputProps(`activities.${i}.description`)}
                  />
                )}
              </Stack>
              <NumberInput
                aria-label={`Minutes for activity ${i + 1}`}
                w={96}
                min={1}
                max={480}
                allowDecimal={false}
                suffix=" min"
                readOnly={readOnly}
                {...form.getInputProps(`activities.${i}.minutes`)}
              />
              {leadOptions && (
                <Select
                  aria-label={`Who leads activity ${i + 1} (optional)`}
                  placeholder="Not decided"
                  w={200}
                  data={leadOptions}
                  clearable
                  readOnly={readOnly}
                  {...form.getInputProps(`activities.${i}.leadId`)}
                />
              )}
              {!readOnly && (
                <Group gap={2} wrap="nowrap" w={100} pt={4}>
                  <ActionIcon variant="subtle" color="gray" aria-label={`Move activity ${i + 1} up`} disabled={i === 0} onClick={() => form.reorderListItem('activities', { from: i, to: i - 1 })}>
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="gray" aria-label={`Move activity ${i + 1} down`} disabled={i === rows.length - 1} onClick={() => form.reorderListItem('activities', { from: i, to: i + 1 })}>
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="red" aria-label={`Remove activity ${i + 1}`} onClick={() => form.removeListItem('activities', i)}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              )}
            </Group>
          ))}
        </Box>
      )}
      <Group justify="space-between" wrap="wrap" gap="sm">
        {!readOnly ? (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={16} />}
            onClick={() => form.insertListItem('activities', { title: '', minutes: '', description: '', leadId: null } satisfies ActivityRow)}
          >
            Add an activity
          </Button>
        ) : (
          <span />
        )}
        <Text size="sm" aria-live="polite" data-testid="activities-total">
          <b>
            Total {total} {sessionMinutes ? `of ${sessionMinutes}` : ''} minutes
          </b>
          {!sessionMinutes && total > 0 && ` (${durationText(total)})`}
          {state && (
            <Text span c={state.colour} size="sm" fw={state.colour === 'red' ? 700 : 500}>
              {' '}
              · {state.text}
            </Text>
          )}
        </Text>
      </Group>
    </Stack>
  );
}
