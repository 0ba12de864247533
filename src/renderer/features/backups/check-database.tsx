/** DESIGN section 3's on-demand check of the live database, for administrators. */
import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { IntegrityResult } from '../../../shared/features/backups';
import { call } from '../../app/api';
import { apiErrorOf } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';

export function CheckDatabase() {
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<IntegrityResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setChecking(true);
    setError(null);
    try {
      setResult(await call('backups.checkDatabase', {}));
    } catch (err) {
      setError(apiErrorOf(err).message);
    } finally {
      setChecking(false);
    }
  };
  const problems = result ? [...result.integrityProblems, ...result.cipherProblems] : [];
  return (
    <Stack gap="sm">
      <Text size="sm">
        Reads every page of the database and checks it is whole and has not been changed outside the program. It takes a
        few seconds on a large database; work can carry on afterwards.
      </Text>
      <div>
        <Button
          variant="default"
          leftSection={<IconShieldCheck size={18} />}
          loading={checking}
          onClick={() => void run()}
        >
          Check the database now
        </Button>
      </div>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {result &&
        (result.ok ? (
          <Alert color="green" title="The database is sound">
            Checked on {formatDateTime(result.checkedAt)}: no damage found.
          </Alert>
        ) : (
          <Alert color="red" role="alert" title="The database has problems">
            <Text size="sm" mb="xs">
              Checked on {formatDateTime(result.checkedAt)}. Make no more changes, and restore the latest backup that
              was made before the problem appeared. What the check found:
            </Text>
            <List size="sm">
              {problems.map((p, i) => (
                <List.Item key={i}>{p}</List.Item>
              ))}
            </List>
          </Alert>
        ))}
    </Stack>
  );
}
