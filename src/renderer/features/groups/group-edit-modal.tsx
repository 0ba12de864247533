/** A manager changes a group's name, venue, facilitators, places or intake. Changes apply to sessions from today on. */
import { Button, Group as Row, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { Group, Warning } from '../../../shared/features/groups';
import { useApiMutation } from '../../app/api';
import { focusFirstError } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';
import { SaveWarnings } from '../../components/save-warnings';
import { CapacityAndIntake, FacilitatorFields, InterpreterField, VenueInput } from './group-fields';
import { emptyGroupValues, groupFieldOf, updateInputOf, validateGroupUpdate, type GroupValues } from './group-form';
import { CancelButton, FormModal } from '../../components/unsaved-changes';

const GROUP_CHANGES = ['groups.', 'sessions.', 'audit.'];

export function GroupEditModal({ group, onClose, onReload }: { group: Group; onClose: () => void; onReload: () => void }) {
  const update = useApiMutation('groups.update', GROUP_CHANGES);
  const [warnings, setWarnings] = useState<Warning[] | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const oneToOne = group.kind === 'one_to_one';
  const form = useForm<GroupValues>({
    initialValues: {
      ...emptyGroupValues,
      name: group.name,
      venue: group.venue,
      facilitator1: group.facilitatorIds[0] ?? null,
      facilitator2: group.facilitatorIds[1] ?? null,
      capacity: group.capacity,
      intake: group.intake,
      interpreterNeeded: group.interpreterNeeded,
    },
    validate: (v) => validateGroupUpdate(v, group),
    onValuesChange: () => setWarnings(null),
  });

  const send = async (values: GroupValues, confirm: boolean) => {
    setProblem(null);
    try {
      const result = await update.mutateAsync(updateInputOf(values, group, confirm));
      if (!result.saved) {
        setWarnings(result.warnings);
        return;
      }
      notifySuccess(`${result.group.name} is saved.`);
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => p in groupFieldOf || ['name', 'venue', 'capacity', 'intake'].includes(p)));
    }
  };

  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} title={`Edit ${group.name}`} size="xl">
      <form onSubmit={form.onSubmit((v) => send(v, false), focusFirstError)} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            A new venue or new facilitators apply to the sessions from today on; sessions already held keep theirs. To move one session, use
            Reschedule on that session&apos;s page.
          </Text>
          <TextInput label="Name" data-autofocus {...form.getInputProps('name')} />
          <VenueInput form={form} />
          <FacilitatorFields form={form} oneToOne={oneToOne} names={group.facilitatorNames} />
          {!oneToOne && <CapacityAndIntake form={form} />}
          {oneToOne && <InterpreterField form={form} />}
          {warnings && <SaveWarnings warnings={warnings} confirming={update.isPending} onConfirm={() => void send(form.getValues(), true)} onCancel={() => setWarnings(null)} />}
          <FormAlert problem={problem} onReload={() => {
            onReload();
            onClose();
          }} />
          {!warnings && (
            <Row justify="flex-end">
              <CancelButton onCancel={onClose} />
              <Button type="submit" loading={update.isPending}>
                Save changes
              </Button>
            </Row>
          )}
        </Stack>
      </form>
    </FormModal>
  );
}
