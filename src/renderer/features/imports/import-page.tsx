/**
 * Import: a manager brings existing records in from a spreadsheet (an administrator, staff
 * accounts). Choose what the file holds, choose the file, check the columns and the rows,
 * fix what is listed, then import everything in one go (or nothing at all).
 */
import { Alert, Anchor, Button, Card, FileButton, Group, Progress, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconFileImport, IconUpload } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import {
  importFields,
  importKindLabels,
  importKindPermission,
  importKinds,
  MAX_IMPORT_BYTES,
  type ImportCheck,
  type ImportKind,
  type ImportMapping,
  type ImportProgress,
  type ImportResult,
} from '../../../shared/features/imports';
import { can } from '../../../shared/permissions';
import { call } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { apiErrorOf } from '../../app/form-errors';
import { saveBase64File } from '../../app/save-file';
import { ImportedStaff } from './imported-staff';
import { PossibleMatches, type Answers } from './possible-matches';

const NOT_IN_FILE = '__none__';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Asks the back end how far the running check or import has got, while it runs. */
function useProgress(active: boolean): ImportProgress | null {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const tick = async () => {
      try {
        const p = await call('imports.progress', {});
        if (!stopped) setProgress(p);
      } catch {
        // progress is only a hint; the result arrives by itself
      }
    };
    const timer = setInterval(() => void tick(), 400);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [active]);
  return active ? progress : null;
}

/** What to know before choosing a file of each kind. */
const kindHint: Record<ImportKind, string> = {
  participants: 'One row per man, with his referral. A reference (P-YYYY-NNNN) is kept if the file has one and it is free; otherwise a new one is given.',
  statuses:
    'For men already on record (import the participants first), matched by his reference. One row per change, oldest first: for example Assessed, then Waiting list, then Active.',
  attendance:
    'For past sessions of a group already set up under Groups; enrol each man in that group first. One row per man per session: his reference, the group’s name as shown under Groups, the session’s date and his attendance (Present, Late, Left early, Absent with a reason, Absent with no reason). A register already taken in the program cannot be imported again.',
  consents: 'For men already on record (import the participants first), matched by his reference (P-YYYY-NNNN).',
  partners: 'For men already on record (import the participants first), matched by his reference. Partners are saved on the partner side only.',
  staff:
    'One row per person. Each new account gets a temporary password, shown once after the import. Partner support workers also need a manager to give them partner access on the Staff page.',
};

const phaseLabel: Record<ImportProgress['phase'], string> = { reading: 'Reading the file', checking: 'Checking rows', importing: 'Importing rows', idle: 'Working' };

export function ImportPage() {
  const session = useSession();
  // Only the kinds this person may add by hand: case records for managers, staff accounts for administrators.
  const kinds = importKinds.filter((k) => can(session.role, importKindPermission[k]));
  const [kind, setKind] = useState<ImportKind>(kinds[0] ?? 'participants');
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [check, setCheck] = useState<ImportCheck | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const progress = useProgress(busy !== null);
  const resetRef = useRef<() => void>(null);

  const runCheck = async (base64: string, chosen: ImportMapping | null, forKind = kind, previous: ImportMapping | null = null, given: Answers = answers) => {
    setBusy('check');
    setProblem(null);
    setResult(null);
    try {
      const checked = await call('imports.check', { kind: forKind, base64, sameAs: given, ...(chosen ? { mapping: chosen } : {}), ...(previous ? { previous } : {}) });
      setCheck(checked);
      setMapping(checked.mapping);
    } catch (err) {
      setCheck(null);
      setProblem(apiErrorOf(err).message);
    } finally {
      setBusy(null);
    }
  };

  const choose = async (chosen: File | null) => {
    resetRef.current?.();
    if (!chosen) return;
    setCheck(null);
    setResult(null);
    // Refused here before reading, so a huge file is never loaded into the window.
    if (chosen.size > MAX_IMPORT_BYTES) {
      setFile(null);
      setProblem(`That file is ${Math.round(chosen.size / (1024 * 1024))} MB: the limit is 20 MB. Split it into smaller files and import them one after another.`);
      return;
    }
    const base64 = await toBase64(chosen);
    setFile({ name: chosen.name, base64 });
    // A new file's rows are numbered afresh: earlier answers about possible matches no longer apply.
    setAnswers({});
    // A corrected file keeps the columns chosen for the last one, where its headers are the same.
    await runCheck(base64, null, kind, mapping, {});
  };

  const runImport = async () => {
    if (!file || !mapping) return;
    setBusy('import');
    setProblem(null);
    try {
      const done = await call('imports.run', { kind, base64: file.base64, mapping, sameAs: answers });
      // The columns are remembered for the next file of this kind.
      await call('imports.saveMapping', { kind, mapping });
      setResult(done);
      setCheck(null);
      setFile(null);
    } catch (err) {
      setProblem(apiErrorOf(err).message);
    } finally {
      setBusy(null);
    }
  };

  const downloadTemplate = async () => {
    try {
      const t = await call('imports.template', { kind });
      saveBase64File(t.fileName, t.base64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } catch (err) {
      setProblem(apiErrorOf(err).message);
    }
  };

  const fields = importFields[kind];
  const headerOptions = [{ value: NOT_IN_FILE, label: '(not in this file)' }, ...(check?.headers ?? []).map((h) => ({ value: h, label: h }))];
  const ready = check && check.problemCount === 0;

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={1} size="h2">
          Import records from a spreadsheet
        </Title>
        <Text c="dimmed" mt={4}>
          Bring in records you already keep in Excel or another system. Nothing is saved until every row is right; then everything is saved at once.
        </Text>
      </div>

      <Card withBorder>
        <Stack gap="sm">
          <Title order={2} size="h4">
            1. What does the file hold?
          </Title>
          <Group align="end">
            <Select
              label="The file holds"
              data={kinds.map((k) => ({ value: k, label: importKindLabels[k] }))}
              value={kind}
              allowDeselect={false}
              onChange={(v) => {
                const next = (v ?? kinds[0]) as ImportKind;
                setKind(next);
                setMapping(null);
                setResult(null);
                setAnswers({});
                if (file) void runCheck(file.base64, null, next, null, {});
              }}
              w={640}
              maw="100%"
            />
            <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void downloadTemplate()}>
              Download a template for this
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            {kindHint[kind]}
            {kind !== 'staff' && ' Dates may be written 14/03/1985, 14/3/85 or 1985-03-14.'}
          </Text>
        </Stack>
      </Card>

      <Card withBorder>
        <Stack gap="sm">
          <Title order={2} size="h4">
            2. Choose the file
          </Title>
          <Group>
            <FileButton resetRef={resetRef} onChange={(f) => void choose(f)} accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
              {(props) => (
                <Button {...props} leftSection={<IconUpload size={16} />} loading={busy === 'check'}>
                  Choose an .xlsx or .csv file
                </Button>
              )}
            </FileButton>
            {file && <Text size="sm">Chosen: {file.name}</Text>}
            {file && (
              <Button variant="subtle" onClick={() => void runCheck(file.base64, mapping)} disabled={busy !== null}>
                Check again
              </Button>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            At most 20 MB. Fixed the file? Choose it again to check the new version.
          </Text>
        </Stack>
      </Card>

      {busy && (
        <Stack gap={4} aria-live="polite">
          <Text size="sm">
            {progress && progress.total > 0 ? `${phaseLabel[progress.phase]}: ${progress.done} of ${progress.total}` : busy === 'check' ? 'Checking the file…' : 'Importing…'}
          </Text>
          <Progress value={progress && progress.total > 0 ? (100 * progress.done) / progress.total : 100} animated aria-label="Progress" />
        </Stack>
      )}

      {problem && (
        <Alert color="red" title="The file cannot be imported" role="alert">
          {problem}
        </Alert>
      )}

      {result && (
        <Alert color="green" title="Imported" role="status">
          {result.created} {importedNoun(result.kind, result.created)} imported from{' '}
          {result.rows} {result.rows === 1 ? 'row' : 'rows'}.{' '}
          {result.skipped > 0 && `${result.skipped} ${result.skipped === 1 ? 'row was' : 'rows were'} left out: the same man as one already on record. `}
          {result.kind === 'partners' ? (
            <Anchor component={Link} to="/partners">
              Open the partner service
            </Anchor>
          ) : result.kind === 'attendance' ? (
            <Anchor component={Link} to="/groups">
              Open the groups
            </Anchor>
          ) : result.kind === 'staff' ? (
            <Anchor component={Link} to="/staff">
              Open the staff list
            </Anchor>
          ) : (
            <Anchor component={Link} to="/participants">
              Open the participants list
            </Anchor>
          )}
        </Alert>
      )}
      {result?.temporaryPasswords && <ImportedStaff passwords={result.temporaryPasswords} />}

      {check && mapping && (
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              3. Which column is which
            </Title>
            <Text size="sm" c="dimmed">
              Proposed from the column names in your file. Change any that are wrong, then press Check again. Fields marked * must have a column.
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              {fields.map((field) => (
                <Select
                  key={field.key}
                  label={field.label}
                  withAsterisk={field.required}
                  data={headerOptions}
                  value={mapping[field.key] ?? NOT_IN_FILE}
                  allowDeselect={false}
                  onChange={(v) => setMapping({ ...mapping, [field.key]: v && v !== NOT_IN_FILE ? v : null })}
                />
              ))}
            </SimpleGrid>
            <Group>
              <Button variant="default" onClick={() => file && void runCheck(file.base64, mapping)} disabled={busy !== null}>
                Check again with these columns
              </Button>
            </Group>
          </Stack>
        </Card>
      )}

      {check && check.matches.length > 0 && (
        <PossibleMatches
          matches={check.matches}
          answers={answers}
          onAnswer={(row, answer) => setAnswers({ ...answers, [String(row)]: answer })}
          onCheckAgain={() => file && void runCheck(file.base64, mapping)}
          busy={busy !== null}
          partners={check.kind === 'partners'}
        />
      )}

      {check && (
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              4. Check the rows
            </Title>
            {check.problemCount > 0 ? (
              <Alert color="orange" title={`${check.problemCount} ${check.problemCount === 1 ? 'problem' : 'problems'} to fix before importing`}>
                Nothing has been saved. Fix each problem in the file (or the columns above), then choose the file again.
                {check.matches.some((m) => !m.choice) && ' A possible match needs no change to the file: answer it under “Possible matches” above.'}
                {check.problemCount > check.problems.length && ` The first ${check.problems.length} are listed.`}
              </Alert>
            ) : (
              <Alert color="green" title="Every row can be imported">
                {check.rows} {check.rows === 1 ? 'row' : 'rows'} checked. The first rows are shown below as they will be saved.
              </Alert>
            )}
            {check.problems.length > 0 && (
              <Table.ScrollContainer minWidth={600} mah={360}>
                <Table striped aria-label="Problems found">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Row</Table.Th>
                      <Table.Th>Column</Table.Th>
                      <Table.Th>What to do</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {check.problems.map((p, i) => (
                      <Table.Tr key={i}>
                        <Table.Td>{p.row === 0 ? 'Whole file' : p.row}</Table.Td>
                        <Table.Td>{p.column || '—'}</Table.Td>
                        <Table.Td>{p.message}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {check.preview.length > 0 && (
              <>
                <Text fw={500}>The first rows as they would be saved</Text>
                <Table.ScrollContainer minWidth={700}>
                  <Table withTableBorder aria-label="Preview of the first rows">
                    <Table.Thead>
                      <Table.Tr>
                        {Object.keys(check.preview[0]!).map((h) => (
                          <Table.Th key={h}>{h}</Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {check.preview.map((row, i) => (
                        <Table.Tr key={i}>
                          {Object.values(row).map((v, j) => (
                            <Table.Td key={j}>{v}</Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </>
            )}
            <Group>
              <Button leftSection={<IconFileImport size={16} />} disabled={!ready || busy !== null} loading={busy === 'import'} onClick={() => void runImport()}>
                {ready ? (check.rows === 1 ? 'Import 1 row' : `Import all ${check.rows} rows`) : 'Import (fix the problems first)'}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

/** What the result counts, in the words of the kind imported ("5 status changes were imported"). */
function importedNoun(kind: ImportKind, n: number): string {
  const one = n === 1;
  switch (kind) {
    case 'attendance':
      return one ? 'attendance mark was' : 'attendance marks were';
    case 'statuses':
      return one ? 'status change was' : 'status changes were';
    case 'staff':
      return one ? 'staff account was' : 'staff accounts were';
    case 'consents':
      return one ? 'consent was' : 'consents were';
    case 'partners':
      return one ? 'partner was' : 'partners were';
    default:
      return one ? 'man was' : 'men were';
  }
}
