/** "Verify the audit chain": the back end walks every entry's hash and link; the window shows the answer. */
import { Alert, Button, Text } from '@mantine/core';
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react';
import { useApiMutation } from '../../app/api';
import { formatDateTimeSeconds } from '../../app/format';

export function useVerifyChain() {
  // Checking writes an audit entry of its own, so the list is refreshed afterwards.
  return useApiMutation('audit.verify', ['audit.list']);
}

type Verify = ReturnType<typeof useVerifyChain>;

export function VerifyChainButton({ verify }: { verify: Verify }) {
  return (
    <Button variant="light" leftSection={<IconShieldCheck size={18} />} loading={verify.isPending} onClick={() => verify.mutate({})}>
      Verify the audit chain
    </Button>
  );
}

export function VerifyChainResult({ verify }: { verify: Verify }) {
  const result = verify.data;
  if (verify.isError) {
    return (
      <Alert color="red" role="alert" title="The check could not be run">
        {verify.error.message}
      </Alert>
    );
  }
  if (!result) return null;
  const anchor = result.anchor && result.anchor.state !== 'ok' ? result.anchor : null;
  if (result.firstBroken === null && anchor) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={20} />} role="alert" title={anchor.state === 'entries-missing' ? 'Audit entries are missing' : 'The newest entries could not be checked'}>
        <Text size="sm">{anchor.message}</Text>
        <Text size="sm" mt="xs">
          {result.checked} entries were checked; each is linked to the one before it.
        </Text>
      </Alert>
    );
  }
  if (result.ok) {
    return (
      <Alert color="green" icon={<IconShieldCheck size={20} />} role="status" title={`Intact: ${result.checked} entries checked`} withCloseButton onClose={() => verify.reset()} closeButtonLabel="Hide this message">
        Every entry is linked to the one before it, none has been changed or removed, and the newest ones are all there.
        {result.chains && result.chains.length > 1 ? ' Both parts of the log were checked: the programme’s and the partner side’s.' : ''}
      </Alert>
    );
  }
  return (
    <Alert color="red" icon={<IconAlertTriangle size={20} />} role="alert" title="The audit chain is broken">
      {result.firstBroken ? (
        <Text size="sm">
          First broken entry: No. {result.firstBroken.seq}, {formatDateTimeSeconds(result.firstBroken.at)}. {result.firstBroken.reason}
        </Text>
      ) : (
        <Text size="sm">The chain does not match.</Text>
      )}
      <Text size="sm" mt="xs">
        {result.checked} entries were checked. The log may have been changed outside the program: tell your administrator and
        the manager responsible for data protection.
      </Text>
    </Alert>
  );
}
