/**
 * Demo disclosures, so the information-sharing log has something to show: a
 * few monthly updates to probation under his consent, and one manager's
 * decision to share without consent. (The partner side adds its own, from the
 * children's services referral in the demo concern.) Entered by the manager.
 */
import { addDays, todayInLondon } from '../../shared/dates';
import type { Exec } from './participants';

export async function seedDemoSharing(exec: Exec): Promise<void> {
  const today = todayInLondon();
  const men = (await exec('participants.list', { pageSize: 200, sort: 'reference' })).rows.filter((r) => r.canOpen && r.status === 'active');
  let shared = 0;
  for (const man of men) {
    if (shared >= 3) break;
    const record = await exec('participants.get', { id: man.id });
    const consent = record.consents.find((c) => c.recipient === 'probation' && (c.state === 'current' || c.state === 'expiring'));
    if (!consent) continue;
    const sharedOn = addDays(today, -7 * (shared + 1)) > consent.givenOn ? addDays(today, -7 * (shared + 1)) : today;
    await exec('sharing.record', {
      participantId: man.id,
      partnerId: null,
      what: 'Attendance and participation summary for the last month.',
      agency: 'Probation Service',
      person: 'Offender manager',
      sharedOn,
      why: 'The monthly update agreed as part of his programme requirement.',
      basis: 'consent',
      consentId: consent.id,
      decisionReason: '',
    });
    shared += 1;
  }
  const police = men[men.length - 1];
  if (police) {
    await exec('sharing.record', {
      participantId: police.id,
      partnerId: null,
      what: 'The dates he attended in the last six weeks, and that he missed the last two sessions.',
      agency: 'Police',
      person: 'Duty inspector',
      sharedOn: addDays(today, -2),
      why: 'Police asked after a call-out to his former partner’s address.',
      basis: 'without_consent',
      consentId: null,
      decisionReason: 'To prevent serious harm to his former partner: a threat was reported and he could not be reached to ask.',
    });
  }
}
