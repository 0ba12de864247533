/**
 * Rows that may be a man already on record (or on another row of the file) under a name
 * written differently: the manager says, row by row, whether he is the same man (the row
 * is left out) or a different man (he is imported). The program never merges anyone.
 */
import { Badge, Button, Card, Group, Radio, Stack, Table, Text, Title } from '@mantine/core';
import type { PossibleMatch } from '../../../shared/features/imports';

export type Answers = Record<string, 'new' | 'same'>;

export function PossibleMatches({
  matches,
  answers,
  onAnswer,
  onCheckAgain,
  busy,
  partners = false,
}: {
  matches: PossibleMatch[];
  /** partner rows: asked about "the same person" (linked to the same man, or born the same day) */
  partners?: boolean;
  answers: Answers;
  onAnswer: (row: number, answer: 'new' | 'same') => void;
  onCheckAgain: () => void;
  busy: boolean;
}) {
  const unanswered = matches.filter((m) => !answers[String(m.row)]).length;
  const same = partners ? 'the same person' : 'the same man';
  const different = partners ? 'A different person: import this row' : 'A different man: import him';
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Possible matches
        </Title>
        <Text size="sm" c="dimmed">
          {partners
            ? 'These rows look like a partner already on record, or on another row: linked to the same man or born the same day, with a name written differently. Answer each one, then press Check again. Not sure? Answer “the same person”: that row is left out, and you can add that person by hand later if it turns out to be someone else.'
            : 'These rows look like someone already on record, or on another row: born the same day, with a name written differently. Answer each one, then press Check again. Not sure? Answer “the same man”: that row is left out, and you can add him by hand later if he turns out to be someone else.'}
        </Text>
        <Table.ScrollContainer minWidth={760}>
          <Table striped aria-label="Possible matches">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Row</Table.Th>
                <Table.Th>This row</Table.Th>
                <Table.Th>May be</Table.Th>
                <Table.Th>Your answer</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {matches.map((m) => (
                <Table.Tr key={m.row}>
                  <Table.Td>{m.row}</Table.Td>
                  <Table.Td>{m.name}</Table.Td>
                  <Table.Td>
                    {m.matchWith}
                    <Text size="xs" c="dimmed">
                      {m.why}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Radio.Group
                      value={answers[String(m.row)] ?? null}
                      onChange={(v) => onAnswer(m.row, v as 'new' | 'same')}
                      aria-label={`Row ${m.row}: is ${m.name} ${same}?`}
                    >
                      <Stack gap={4}>
                        <Radio value="new" label={different} />
                        <Radio value="same" label={`${same.charAt(0).toUpperCase()}${same.slice(1)}: leave this row out`} />
                      </Stack>
                    </Radio.Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group>
          <Button variant="default" onClick={onCheckAgain} disabled={busy}>
            Check again with these answers
          </Button>
          {unanswered > 0 && <Badge color="orange">{unanswered} still to answer</Badge>}
        </Group>
      </Stack>
    </Card>
  );
}
