/** The manager's home card for data protection: what is waiting, in one line each. */
import { Text } from '@mantine/core';
import { useApiQuery } from '../../app/api';

export function DataProtectionSummary() {
  const requests = useApiQuery('subjectAccess.list', { status: 'open' });
  const review = useApiQuery('retention.review', {});
  const open = requests.data?.length ?? 0;
  const overdue = requests.data?.filter((r) => r.overdue).length ?? 0;
  const due = review.data?.due.length ?? 0;
  return (
    <>
      Subject access requests and the retention review.{' '}
      {requests.data && (
        <Text span fw={open ? 600 : undefined} c={overdue ? 'red' : undefined}>
          {open === 0
            ? 'No request is waiting.'
            : `${open} ${open === 1 ? 'request is' : 'requests are'} waiting${overdue ? `, ${overdue} overdue` : ''}.`}
        </Text>
      )}{' '}
      {review.data &&
        (due === 0
          ? 'No record is past its retention date.'
          : `${due} ${due === 1 ? 'record is' : 'records are'} past the retention date.`)}
    </>
  );
}
