/**
 * One demo case that closed long ago, so the retention review has something
 * to show: a man referred in 2009 who left the programme in 2010, with a note
 * and children on his record (the longer period applies, and has passed).
 */
import type { Exec } from './participants';

/** Returns his id. */
export async function seedLongClosedCase(exec: Exec): Promise<string> {
  const { id } = await exec('participants.create', {
    details: {
      firstName: 'Desmond',
      lastName: 'Oldacre',
      dateOfBirth: '1968-04-02',
      phone: '07700 900456',
      address: '3 Mill Row, Exampletown',
      children: [{ name: 'Rosie Oldacre', dateOfBirth: '2004-09-01', livesWith: 'Mother' }],
    },
    referral: {
      source: 'probation',
      agency: 'Probation',
      receivedOn: '2009-02-10',
      reason: 'Community order with a programme requirement',
      route: 'criminal_justice',
    },
  });
  let record = await exec('participants.get', { id });
  record = await exec('participants.setStatus', {
    id,
    version: record.version,
    status: 'assessed',
    outcome: 'suitable_group',
    effectiveOn: '2009-03-02',
  });
  record = await exec('participants.setStatus', {
    id,
    version: record.version,
    status: 'active',
    effectiveOn: '2009-04-06',
  });
  await exec('notes.add', {
    participantId: id,
    noteType: 'meeting',
    occurredOn: '2009-06-01',
    body: 'Attended well; spoke about wanting to be a better father.',
  });
  await exec('participants.setStatus', {
    id,
    version: record.version,
    status: 'exited',
    exitReason: 'moved_away',
    reason: 'Moved out of the area',
    effectiveOn: '2010-01-15',
  });
  return id;
}
