/** Add a member of staff, or edit one: full name, user name, job title, role, and (optionally) gender. */
import { Alert, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { staffCreateInput, staffGenderLabels, staffGenders, type StaffGender, type StaffMember, type TemporaryPassword } from '../../../shared/features/staff';
import type { Role } from '../../../shared/permissions';
import { useApiMutation } from '../../app/api';
import { applyApiError, validateWith, focusFirstError } from '../../app/form-errors';
import { RoleChoice } from './role-choice';
import { CancelButton, FormModal } from '../../components/unsaved-changes';

interface Values {
  fullName: string;
  username: string;
  jobTitle: string;
  role: Role | '';
  /** 'none' is "Prefer not to say" (saved as no gender) */
  gender: StaffGender | 'none';
}

const fieldPaths = ['fullName', 'username', 'jobTitle', 'role', 'gender'];

const checkStaff = validateWith<Record<string, unknown>>(staffCreateInput);

const genderOptions = [...staffGenders.map((g) => ({ value: g, label: staffGenderLabels[g] })), { value: 'none', label: 'Prefer not to say' }];

interface Props {
  /** the person being edited, or null to add someone */
  member: StaffMember | null;
  isSelf: boolean;
  onClose: () => void;
  onCreated: (result: TemporaryPassword) => void;
  onUpdated: (member: StaffMember) => void;
}

export function StaffFormModal({ member, isSelf, onClose, onCreated, onUpdated }: Props) {
  const [formError, setFormError] = useState<string | null>(null);
  const create = useApiMutation('staff.create', ['staff.', 'audit.']);
  const update = useApiMutation('staff.update', ['staff.', 'audit.']);
  const form = useForm<Values>({
    initialValues: member
      ? { fullName: member.fullName, username: member.username, jobTitle: member.jobTitle, role: member.role, gender: member.gender ?? 'none' }
      : { fullName: '', username: '', jobTitle: '', role: '', gender: 'none' },
    validate: (values) => checkStaff({ ...values, gender: values.gender === 'none' ? null : values.gender }),
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const input = { ...values, role: values.role as Role, gender: values.gender === 'none' ? null : values.gender };
    try {
      if (member) onUpdated(await update.mutateAsync({ id: member.id, ...input }));
      else onCreated(await create.mutateAsync(input));
    } catch (err) {
      setFormError(applyApiError(form, err, fieldPaths));
    }
  }, focusFirstError);

  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} title={member ? `Edit ${member.fullName}` : 'Add a member of staff'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {!member && (
            <Text size="sm">
              After you save, the program shows a temporary password for this person. They use it to log in the first time
              and then choose their own.
            </Text>
          )}
          <TextInput label="Full name" required data-autofocus key={form.key('fullName')} {...form.getInputProps('fullName')} />
          <TextInput
            label="User name"
            description="What they type to log in, for example jsmith. Letters, numbers, dots, dashes and underscores"
            required
            autoCapitalize="none"
            spellCheck={false}
            key={form.key('username')}
            {...form.getInputProps('username')}
          />
          <TextInput
            label="Job title (optional)"
            description="For example Group facilitator"
            key={form.key('jobTitle')}
            {...form.getInputProps('jobTitle')}
          />
          <RoleChoice
            label="Role"
            description="The role decides what they can see and do in the program"
            required
            key={form.key('role')}
            {...form.getInputProps('role')}
          />
          <Select
            label="Gender (optional)"
            description="Asked only because groups are usually run by one man and one woman: the program notes when a pair is not."
            data={genderOptions}
            allowDeselect={false}
            w={320}
            key={form.key('gender')}
            {...form.getInputProps('gender')}
          />
          {isSelf && member && form.values.role !== member.role && (
            <Alert color="yellow">
              This is your own account. If you change your role, you may no longer be able to open this page.
            </Alert>
          )}
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Group justify="flex-end">
            <CancelButton onCancel={onClose} />
            <Button type="submit" loading={form.submitting}>
              {member ? 'Save changes' : 'Add member of staff'}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
