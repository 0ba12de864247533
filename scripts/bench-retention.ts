/**
 * Data-protection figures on the ten-year data set, run by bench.ts as the
 * manager: the retention review, a CSV export of every participant, a subject
 * access pack for a man with a full programme, and (when the data set has
 * records past their date) anonymising and deleting one.
 */
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { longestStall } from './stall';
import type { Database } from '../src/main/db/schema';
import type { RouteInput, RouteName, RouteOutput } from '../src/shared/api';
import { todayInLondon } from '../src/shared/dates';

type Call = <R extends RouteName>(route: R, input: RouteInput<R>) => Promise<RouteOutput<R>>;
type Report = (name: string, value: number, unit: string, note?: string) => void;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

export async function benchRetention(call: Call, report: Report, manId: string, db: Kysely<Database>): Promise<void> {
  const [reviewMs, review] = await time(() => call('retention.review', {}));
  report(
    'retention review of every record',
    reviewMs,
    'ms',
    `${review.due.length} past their date, ${review.dueSoon} due in 90 days`,
  );
  const [csvMs, csv] = await time(() => call('exports.participants', {}));
  report('CSV export of every participant', csvMs, 'ms', `${csv.rows} rows, ${Math.round(csv.csv.length / 1024)} KiB`);
  const request = await call('subjectAccess.log', {
    participantId: manId,
    receivedOn: todayInLondon(),
    channel: 'letter',
  });
  const [reviewSarMs, sar] = await time(() => call('subjectAccess.review', { requestId: request.id }));
  const [packStall, [packMs, pack]] = await longestStall(() =>
    time(() => call('subjectAccess.produce', { requestId: request.id, release: [] })),
  );
  report('longest main-thread stall while producing a subject access pack', packStall, 'ms', 'target under 100 ms');
  report(
    'subject access: gather and review one man',
    reviewSarMs,
    'ms',
    `${sar.included.reduce((n, s) => n + s.count, 0)} entries, ${sar.items.length} items to decide`,
  );
  report(
    'subject access: produce the pack (Word, JSON, zip)',
    packMs,
    'ms',
    `${Math.round((pack.base64.length * 0.75) / 1024)} KiB zip`,
  );
  // The generated decade may hold no case old enough; two closed ones are backdated so the decisions can be timed.
  let participants = review.due.filter((r) => r.subject === 'participant');
  if (participants.length < 2) {
    const closed = await db
      .selectFrom('participants')
      .select('id')
      .where('status', 'in', ['completed', 'exited'])
      .where('anonymised_at', 'is', null)
      .limit(2)
      .execute();
    for (const c of closed)
      await db
        .updateTable('status_history')
        .set({ effective_on: '2001-01-01' })
        .where('participant_id', '=', c.id)
        .where('status', 'in', ['completed', 'exited'])
        .execute();
    participants = (await call('retention.review', {})).due.filter((r) => r.subject === 'participant');
  }
  if (participants.length >= 2) {
    const [anonStall, [anonMs]] = await longestStall(() =>
      time(() => call('retention.anonymise', { subject: 'participant', id: participants[0]!.id })),
    );
    report('anonymise one closed case (with checkpoint)', anonMs, 'ms');
    report('longest main-thread stall while anonymising (with checkpoint)', anonStall, 'ms', 'target under 100 ms');
    const [delMs] = await time(() =>
      call('retention.delete', {
        subject: 'participant',
        id: participants[1]!.id,
        confirmation: participants[1]!.reference,
      }),
    );
    report('delete one closed case (with checkpoint)', delMs, 'ms');
  }
}
