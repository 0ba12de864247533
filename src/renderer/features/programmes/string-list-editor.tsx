/** A short list of lines (aims, materials) edited in place: add, remove, move up and down. */
import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';

/** Any form with this list of strings at `path` (cast the form where it has more fields). */
export type StringListForm = UseFormReturnType<Record<string, string[]>>;

interface Props {
  form: StringListForm;
  path: string;
  /** "Aim", "Material": labels each line "Aim 1", "Aim 2" */
  noun: string;
  addLabel: string;
  empty: string;
  placeholder?: string;
}

export function StringListEditor({ form, path, noun, addLabel, empty, placeholder }: Props) {
  const items = (form.getValues()[path] ?? []) as string[];
  return (
    <Stack gap={6}>
      {items.length === 0 && (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
      {items.map((_, i) => (
        <Group key={form.key(`${path}.${i}`)} gap="xs" wrap="nowrap" align="flex-start">
          <TextInput aria-label={`${noun} ${i + 1}`} placeholder={placeholder} style={{ flex: 1 }} {...form.getInputProps(`${path}.${i}`)} />
          <Group gap={2} wrap="nowrap" pt={4}>
            <ActionIcon variant="subtle" color="gray" aria-label={`Move ${noun.toLowerCase()} ${i + 1} up`} disabled={i === 0} onClick={() => form.reorderListItem(path, { from: i, to: i - 1 })}>
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon variant="subtle" color="gray" aria-label={`Move ${noun.toLowerCase()} ${i + 1} down`} disabled={i === items.length - 1} onClick={() => form.reorderListItem(path, { from: i, to: i + 1 })}>
              <IconArrowDown size={16} />
            </ActionIcon>
            <ActionIcon variant="subtle" color="red" aria-label={`Remove ${noun.toLowerCase()} ${i + 1}`} onClick={() => form.removeListItem(path, i)}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Group>
      ))}
      <Group>
        <Button variant="light" size="xs" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem(path, '')}>
          {addLabel}
        </Button>
      </Group>
    </Stack>
  );
}
