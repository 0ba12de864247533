/**
 * Recording that a report was sent (issue 16, item 7): a step of its own after
 * the file is saved, with the day it went and how. Only then does an agency
 * report go into his information-sharing log, on the basis settled at sign-off.
 */
import type { RouteParsed } from '../../../shared/api';
import {
  canBeSent,
  recipientLabels,
  reportTypes,
  sendMethodLabels,
  type Recipient,
  type ReportType,
} from '../../../shared/features/reports';
import { AppError, invalidField } from '../../app-error';
import type { ReportsTable } from '../../db/schema';
import type { Db, ServiceContext } from '../../ipc/context';
import { recipientText, ukDate } from './content-helpers';
import { currentConsent } from './sharing-decision';
import { addSharingEntry } from '../safeguarding/sharing-entry';
import { dayOf } from '../../clock';

/** Refuses a sent date that is impossible for this report: in the future (after `today`, London's), or before the file was saved. */
function assertSentOn(row: ReportsTable, sentOn: string, today: string) {
  if (sentOn > today) throw invalidField('sentOn', `${ukDate(sentOn)} is in the future: enter the day it was sent`);
  const saved = row.generated_at?.slice(0, 10);
  if (saved && sentOn < saved)
    throw invalidField('sentOn', `It was saved on ${ukDate(saved)}, so it cannot have been sent before then`);
}

/** A consent the sharing relied on must still hold on the day it went; otherwise a manager decides again. */
async function assertStillConsented(db: Db, row: ReportsTable, sentOn: string) {
  if (row.share_basis !== 'consent' || !row.participant_id || !row.recipient) return;
  const consent = await currentConsent(db, row.participant_id, row.recipient as Recipient, sentOn);
  if (!consent)
    throw new AppError(
      'CONFLICT',
      `His consent to share with ${recipientLabels[row.recipient as Recipient]} was not current on ${ukDate(sentOn)} (withdrawn or past its review). Do not send it: record his consent again, or start a new report for a manager to decide.`,
    );
}

/** His information-sharing log entry for an agency report, on the basis settled at sign-off; none for a letter or our own use. */
async function logSharing(ctx: ServiceContext, row: ReportsTable, sentOn: string, how: keyof typeof sendMethodLabels, at: string) {
  if (!row.share_basis || !row.participant_id) return null;
  const typeLabel = reportTypes[row.type as ReportType].label;
  return addSharingEntry(ctx.db, {
    side: 'participant',
    participantId: row.participant_id,
    sharedOn: sentOn,
    basis: row.share_basis,
    consentId: row.share_consent_id,
    decidedBy: row.share_basis === 'without_consent' ? row.share_decided_by : null,
    what: `${typeLabel}${row.period_from ? ` (${ukDate(row.period_from)} to ${ukDate(row.period_to)})` : ''}`,
    agency: recipientText({ recipient: row.recipient as Recipient, recipientName: row.recipient_name } as never),
    person: row.recipient === 'other' ? '' : row.recipient_name,
    why: `Report signed off and sent ${sendMethodLabels[how].toLowerCase()}`,
    reason: row.share_reason,
    automatic: true,
    createdBy: ctx.user.staffId,
    createdAt: at,
  });
}

export async function markReportSent(ctx: ServiceContext, input: RouteParsed<'reports.markSent'>, row: ReportsTable) {
  if (row.version !== input.version)
    throw new AppError(
      'CONFLICT',
      'Someone else changed this report after you opened it. Reload to see the latest, then make your change again.',
    );
  if (row.status === 'sent') throw new AppError('CONFLICT', 'This report is already recorded as sent.');
  if (row.status !== 'saved')
    throw new AppError('CONFLICT', 'Save the Word document first; then record when and how it was sent.');
  if (!canBeSent(row.recipient as Recipient | null))
    throw new AppError('CONFLICT', 'This report is for our own use, so it is not sent anywhere.');
  // The back end's clock (src/main/clock.ts): the day a sent date is judged against, and the moment stamped.
  const { today, now: at } = dayOf(ctx);
  assertSentOn(row, input.sentOn, today);
  await assertStillConsented(ctx.db, row, input.sentOn);
  const sharingId = await logSharing(ctx, row, input.sentOn, input.how, at);
  await ctx.db
    .updateTable('reports')
    .set({
      status: 'sent',
      sent_at: at,
      sent_on: input.sentOn,
      sent_how: input.how,
      sharing_id: sharingId ?? row.sharing_id,
      version: row.version + 1,
      updated_at: at,
    })
    .where('id', '=', row.id)
    .execute();
  ctx.audit({
    action: 'reports.markSent',
    subjectType: row.participant_id ? 'participant' : 'report',
    subjectId: row.participant_id ?? row.id,
    detail: { reportId: row.id, type: row.type, fields: ['sentOn', 'how'], basis: row.share_basis },
  });
}
