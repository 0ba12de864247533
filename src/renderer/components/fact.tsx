/** A labelled fact on a record page: a small dimmed label over its value. */
import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div">
        {children}
      </Text>
    </div>
  );
}

/** A heading-like label over free text a worker wrote, keeping her line breaks; a dash when empty. */
export function WrittenFact({ label, text, colour }: { label: string; text: ReactNode; colour?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={700} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" c={colour} style={{ whiteSpace: 'pre-wrap' }} component="div">
        {text || '–'}
      </Text>
    </Stack>
  );
}
