/**
 * Long work (a backup, a restore) runs in the background under a job id; the
 * window asks for its progress with `backups.job`, because the channel between
 * window and back end carries requests and answers only. One job at a time.
 */
import { randomUUID } from 'node:crypto';
import type { JobPhase, JobStatus } from '../../../shared/features/backups';
import { AppError } from '../../app-error';
import type { Backend } from '../../backend';
import { log } from '../../log';

export interface JobControl {
  progress(phase: JobPhase, percent: number): void;
}

interface Jobs {
  byId: Map<string, JobStatus>;
  running: Promise<void> | null;
}

const registry = new WeakMap<Backend, Jobs>();

function jobsOf(backend: Backend): Jobs {
  let jobs = registry.get(backend);
  if (!jobs) {
    jobs = { byId: new Map(), running: null };
    registry.set(backend, jobs);
  }
  return jobs;
}

export function startJob(
  backend: Backend,
  kind: JobStatus['kind'],
  work: (control: JobControl) => Promise<JobStatus['result']>,
  describeError: (err: unknown) => string,
): string {
  const jobs = jobsOf(backend);
  if (jobs.running) throw new AppError('CONFLICT', 'A backup or restore is already running. Wait for it to finish.');
  const jobId = randomUUID();
  const status: JobStatus = { jobId, kind, phase: 'preparing', percent: 0, error: null, result: null };
  jobs.byId.set(jobId, status);
  const control: JobControl = {
    progress(phase, percent) {
      status.phase = phase;
      status.percent = Math.max(0, Math.min(100, Math.round(percent)));
    },
  };
  jobs.running = (async () => {
    try {
      status.result = await work(control);
      status.phase = 'done';
      status.percent = 100;
    } catch (err) {
      status.phase = 'failed';
      status.error = describeError(err);
      if (!(err instanceof AppError)) log.error(`${kind} failed`, err);
    } finally {
      jobs.running = null;
    }
  })();
  return jobId;
}

export function jobStatus(backend: Backend, jobId: string): JobStatus {
  const status = jobsOf(backend).byId.get(jobId);
  if (!status)
    throw new AppError(
      'NOT_FOUND',
      'That backup or restore is not known. It may have been started before the program restarted.',
    );
  return { ...status };
}

/** For tests and the benchmark: resolves when the running job has ended. */
export async function jobFinished(backend: Backend): Promise<void> {
  await jobsOf(backend).running;
}

export function jobRunning(backend: Backend): boolean {
  return jobsOf(backend).running !== null;
}
