/** The in-app preview: the same blocks the Word document is built from, drawn with Mantine. */
import { Box, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReportBlock, ReportContent } from '../../../shared/features/reports';

const RTL = /^[^A-Za-z\u00C0-\u024F]*[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

function Para({ text, number, bold, small }: { text: string; number?: number; bold?: boolean; small?: boolean }) {
  return (
    <Group gap="sm" align="flex-start" wrap="nowrap">
      {number !== undefined && (
        <Text size="sm" w={28} ta="right" c="dimmed" style={{ flexShrink: 0 }}>
          {number}.
        </Text>
      )}
      <Text
        size={small ? 'xs' : 'sm'}
        fw={bold ? 700 : undefined}
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
        dir={RTL.test(text) ? 'rtl' : undefined}
      >
        {text}
      </Text>
    </Group>
  );
}

function Block({ block, number }: { block: ReportBlock; number?: number }) {
  switch (block.kind) {
    case 'heading':
      return (
        <Title order={block.level === 1 ? 3 : 4} size={block.level === 1 ? 'h3' : 'h5'} mt="sm">
          {block.text}
        </Title>
      );
    case 'paragraph':
      return <Para text={block.text} number={number} bold={block.bold} small={block.small} />;
    case 'address':
      return (
        <Box>
          {block.lines.map((l, i) => (
            <Text key={i} size="sm">
              {l}
            </Text>
          ))}
        </Box>
      );
    case 'facts':
      return (
        <Table withTableBorder withColumnBorders fz="sm">
          <Table.Tbody>
            {block.rows.map(([k, v]) => (
              <Table.Tr key={k}>
                <Table.Th w="32%" bg="gray.0">
                  {k}
                </Table.Th>
                <Table.Td>{v}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      );
    case 'table':
      if (block.rows.length === 0) return <Para text={block.emptyText} />;
      return (
        <Table.ScrollContainer minWidth={600}>
          <Table withTableBorder withColumnBorders striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                {block.columns.map((c) => (
                  <Table.Th key={c.label}>{c.label}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {block.rows.map((r, i) => (
                <Table.Tr key={i}>
                  {block.columns.map((c, j) => (
                    <Table.Td key={c.label}>{r[j]}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      );
    case 'chart': {
      const max = Math.max(1, ...block.bars.map((b) => b.value));
      return (
        <Stack
          gap={4}
          role="img"
          aria-label={`${block.title}: ${block.bars.map((b) => `${b.label} ${b.shown ?? b.value}`).join(', ')}`}
        >
          <Text size="sm" fw={700}>
            {block.title}
          </Text>
          {block.bars.map((b) => (
            <Group key={b.label} gap="sm" wrap="nowrap">
              <Text size="xs" w={180} ta="right">
                {b.label}
              </Text>
              <Box h={14} w={`${Math.max(0.5, (b.value / max) * 60)}%`} bg="dark.5" />
              <Text size="xs">{b.shown ?? b.value}</Text>
            </Group>
          ))}
        </Stack>
      );
    }
    case 'signature':
      return (
        <Table withTableBorder withColumnBorders fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Role</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Signature</Table.Th>
              <Table.Th>Date</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {block.rows.map((r) => (
              <Table.Tr key={r.role}>
                <Table.Td>{r.role}</Table.Td>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td />
                <Table.Td>{r.date}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      );
    case 'pageBreak':
      return <Box h={1} bg="gray.3" />;
  }
}

export function ReportPreview({ content, marking }: { content: ReportContent; marking: string }) {
  let n = 0;
  return (
    <Paper withBorder radius="md" p="lg" component="article" aria-label="Preview of the report">
      <Stack gap="sm">
        <Text size="xs" fw={700} ta="center">
          {marking}
        </Text>
        <Title order={2} size="h3">
          {content.title}
        </Title>
        {content.subtitle && <Text size="sm">{content.subtitle}</Text>}
        {content.blocks.map((b, i) => (
          <Block key={i} block={b} number={b.kind === 'paragraph' && b.numbered ? ++n : undefined} />
        ))}
        <Text size="xs" fw={700} ta="center">
          {marking}
        </Text>
      </Stack>
    </Paper>
  );
}
