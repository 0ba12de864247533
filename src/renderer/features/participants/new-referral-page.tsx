/**
 * A new referral: his details and the referral. Before saving, the program
 * looks for someone already on record with the same or a similar name, date of
 * birth or alias, and asks whether it is the same person.
 */
import { Button, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  createReferralInput,
  type DuplicateCandidate,
  type ParticipantDetails,
} from '../../../shared/features/participants';
import { call, useApiMutation } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { notifyError, notifySuccess } from '../../app/notify';
import { FormAlert, placeApiError, underPrefixes, type FormProblem } from '../../components/form-alert';
import { PageHeader } from '../../components/page-header';
import { emptyReferral, ReferralFields, referralInputOf, type ReferralValues } from '../referrals/referral-fields';
import { DetailsFields, emptyDetails } from './details-fields';
import { DuplicatesModal } from './duplicates-modal';

interface Values {
  details: ParticipantDetails;
  referral: ReferralValues;
}

export function NewReferralPage() {
  const navigate = useNavigate();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [candidates, setCandidates] = useState<DuplicateCandidate[] | null>(null);
  const [checking, setChecking] = useState(false);
  const create = useApiMutation('participants.create', ['participants.', 'tasks.', 'audit.']);
  const form = useForm<Values>({
    initialValues: { details: emptyDetails, referral: emptyReferral() },
    validate: validateWith<Values>(createReferralInput),
  });

  const save = async (linkTo: DuplicateCandidate | null) => {
    const values = form.getValues();
    setProblem(null);
    try {
      const saved = await create.mutateAsync({
        details: values.details,
        referral: referralInputOf(values.referral),
        linkToParticipantId: linkTo?.id ?? null,
      });
      setCandidates(null);
      notifySuccess(
        linkTo
          ? `The referral has been added to the record of ${linkTo.name ?? saved.reference} (${saved.reference}).`
          : `The referral has been recorded. His reference is ${saved.reference}.`,
        'Referral saved',
      );
      void navigate(`/participants/${saved.id}`);
    } catch (err) {
      setCandidates(null);
      setProblem(placeApiError(form, err, underPrefixes('details', 'referral')));
    }
  };

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setChecking(true);
    try {
      const found = await call('participants.findDuplicates', {
        firstName: values.details.firstName,
        lastName: values.details.lastName,
        dateOfBirth: values.details.dateOfBirth,
        aliases: values.details.aliases,
      });
      if (found.length > 0) setCandidates(found);
      else await save(null);
    } catch (err) {
      notifyError(err, 'Could not check for people already on record');
    } finally {
      setChecking(false);
    }
  }, focusFirstError);

  return (
    <>
      <PageHeader
        title="New referral"
        description="Record who he is and who referred him. Anything marked (optional) can be added later from his record. Before saving, the program checks whether he is already on record."
      />
      <form onSubmit={submit} noValidate aria-label="New referral">
        <Stack gap="lg" maw={1100}>
          <DetailsFields form={form} between={<ReferralFields form={form} legend="The referral" />} />
          <FormAlert problem={problem} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void navigate('/participants')}>
              Cancel
            </Button>
            <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={checking || create.isPending}>
              Save referral
            </Button>
          </Group>
          <Text size="xs" c="dimmed" ta="right">
            Saving records who entered the referral and when.
          </Text>
        </Stack>
      </form>
      {candidates && (
        <DuplicatesModal
          candidates={candidates}
          saving={create.isPending}
          onSamePerson={(c) => void save(c)}
          onNewPerson={() => void save(null)}
          onClose={() => setCandidates(null)}
        />
      )}
    </>
  );
}
