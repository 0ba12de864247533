/** The cells a disclosure shows the same way wherever it is listed: on a record, and in the organisation's log. */
import { Badge, Stack, Text } from '@mantine/core';
import type { SharingEntry } from '../../../shared/features/safeguarding';

type Basis = SharingEntry['basis'];

export const basisColours: Record<Basis, string> = { consent: 'green', without_consent: 'orange', child_protection: 'red', subject_access: 'blue' };
export const basisShort: Record<Basis, string> = { consent: 'Consent', without_consent: 'Without consent', child_protection: 'Child protection', subject_access: 'His own request' };

/**
 * Why it was shared, as the person wrote it. Reports sent before issue 16 put
 * the file's fingerprint here ("(file SHA-256 1a2b…)"): a detail for the audit
 * log, not for this log, so it is left out when shown.
 */
export const plainWhy = (why: string) => why.replace(/\s*\(file SHA-256 [0-9a-f]+…?\)/, '');

/** The lawful basis with what backs it: the consent's wording, or the reason and who decided. */
export function SharingBasisCell({ e, consentText }: { e: SharingEntry; consentText: string | null }) {
  return (
    <Stack gap={2}>
      <Badge color={basisColours[e.basis]} variant="light">
        {basisShort[e.basis]}
      </Badge>
      {e.basis === 'consent' && consentText && <Text size="xs">{consentText}</Text>}
      {e.basis === 'consent' && e.side === 'partner' && <Text size="xs">She agreed to sharing</Text>}
      {e.basis === 'child_protection' && !e.decisionReason && <Text size="xs">The exception to confidentiality he was told about: a child may be at risk.</Text>}
      {(e.basis === 'without_consent' || e.basis === 'child_protection') && e.decisionReason && <Text size="xs">{e.decisionReason}</Text>}
      {e.basis === 'without_consent' && e.decidedByName && (
        <Text size="xs" c="dimmed">
          Decided by {e.decidedByName}
        </Text>
      )}
    </Stack>
  );
}

export function SharingRecipientCell({ e }: { e: Pick<SharingEntry, 'agency' | 'person'> }) {
  return (
    <>
      <Text size="sm">{e.agency}</Text>
      {e.person && (
        <Text size="xs" c="dimmed">
          {e.person}
        </Text>
      )}
    </>
  );
}
