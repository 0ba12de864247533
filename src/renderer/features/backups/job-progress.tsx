/** Progress of a backup or restore: the back end runs it as a job and the window asks how far it has got. */
import { Alert, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { jobPhaseLabels, type JobStatus } from '../../../shared/features/backups';
import { call } from '../../app/api';
import { apiErrorOf } from '../../app/form-errors';

const POLL_MS = 300;

/** Follows a job until it is done or has failed; `onEnd` is called once, with the final status. */
export function useJob(jobId: string | null, onEnd: (status: JobStatus) => void): JobStatus | null {
  const [status, setStatus] = useState<JobStatus | null>(null);
  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await call('backups.job', { jobId });
        if (stopped) return;
        setStatus(next);
        if (next.phase === 'done' || next.phase === 'failed') {
          onEnd(next);
          return;
        }
      } catch (err) {
        if (stopped) return;
        const failed: JobStatus = {
          jobId,
          kind: 'backup',
          phase: 'failed',
          percent: 0,
          error: apiErrorOf(err).message,
          result: null,
        };
        setStatus(failed);
        onEnd(failed);
        return;
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
    // onEnd is read when the job ends; a new function each render must not restart the polling.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId]);
  return status;
}

export function JobProgress({ status, what }: { status: JobStatus | null; what: string }) {
  if (status?.phase === 'failed') {
    return (
      <Alert color="red" role="alert" title={`The ${what} did not finish`}>
        {status.error}
      </Alert>
    );
  }
  const percent = status?.percent ?? 0;
  return (
    <Stack gap={6} role="status" aria-live="polite">
      <Text size="sm" fw={500}>
        {status?.phase === 'done' ? 'Done' : `${status ? jobPhaseLabels[status.phase] : 'Starting'}… ${percent}%`}
      </Text>
      <Progress value={percent} animated={status?.phase !== 'done'} aria-label={`${what} progress`} size="lg" />
    </Stack>
  );
}
