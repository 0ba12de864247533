/** The fields of a partner's details: who she is, how to reach her, how to reach her SAFELY, language, children and consent. */
import { ActionIcon, Button, Checkbox, Group, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { PartnerDetails } from '../../../shared/features/partners';
import { StaffSelect } from '../../components/staff-select';
import { UkDateInput } from '../../components/uk-date-input';

export interface LinkValues {
  participantId: string | null;
  relationship: 'current' | 'ex' | null;
  from: string;
  to: string;
}
export interface PartnerFormValues {
  details: PartnerDetails;
  link: LinkValues;
}

export const emptyDetails: PartnerDetails = {
  firstName: '',
  lastName: '',
  dateOfBirth: '',
  phone: '',
  email: '',
  address: '',
  safeContact: { safeNumber: '', safeTimes: '', messageAllowed: 'no', nameToGive: '', codeWord: '', notes: '' },
  language: 'English',
  interpreterNeeded: false,
  children: [],
  consentToService: false,
  consentToSharing: false,
  consentNotes: '',
  workerId: null,
};

export const emptyLink: LinkValues = { participantId: null, relationship: null, from: '', to: '' };

function Part({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Title order={2} size="h4" component="legend" mb={4}>
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed" mb={4}>
          {description}
        </Text>
      )}
      {children}
    </Stack>
  );
}

export function PartnerFields({ form, workerName }: { form: UseFormReturnType<PartnerFormValues>; workerName?: string | null }) {
  const children = form.getValues().details.children;
  return (
    <Stack gap="xl">
      <Part title="Who she is">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <TextInput label="First name" key={form.key('details.firstName')} {...form.getInputProps('details.firstName')} />
          <TextInput label="Last name" key={form.key('details.lastName')} {...form.getInputProps('details.lastName')} />
          <UkDateInput label="Date of birth (optional)" key={form.key('details.dateOfBirth')} {...form.getInputProps('details.dateOfBirth')} />
          <StaffSelect
            label="Her partner support worker"
            placeholder="Choose the worker"
            description="Alerts and contact reminders about her go to this person"
            roles={['partner_worker', 'manager']}
            currentName={workerName}
            clearable
            key={form.key('details.workerId')}
            {...form.getInputProps('details.workerId')}
          />
        </SimpleGrid>
      </Part>

      <Paper withBorder radius="md" p="md" bg="orange.0" style={{ borderColor: 'var(--mantine-color-orange-5)', borderWidth: 2 }}>
        <Part
          title="Safe-contact instructions"
          description="Calling her at the wrong time, on the wrong number or under the wrong name can put her in danger. Ask her, and write down exactly what she says."
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Safe number to call (optional)"
              description="The only number that is safe to use"
              key={form.key('details.safeContact.safeNumber')}
              {...form.getInputProps('details.safeContact.safeNumber')}
            />
            <TextInput
              label="Safe times to call (optional)"
              description="For example: weekdays 10:00 to 12:00, never weekends"
              key={form.key('details.safeContact.safeTimes')}
              {...form.getInputProps('details.safeContact.safeTimes')}
            />
            <TextInput
              label="Name to give when calling (optional)"
              description="Who to say you are if someone else answers"
              key={form.key('details.safeContact.nameToGive')}
              {...form.getInputProps('details.safeContact.nameToGive')}
            />
            <TextInput
              label="Code word (optional)"
              description="A word she can use to say it is not safe to talk"
              key={form.key('details.safeContact.codeWord')}
              {...form.getInputProps('details.safeContact.codeWord')}
            />
          </SimpleGrid>
          <Radio.Group
            label="May a message be left?"
            key={form.key('details.safeContact.messageAllowed')}
            {...form.getInputProps('details.safeContact.messageAllowed')}
          >
            <Group gap="lg" mt={6}>
              <Radio value="no" label="No, never" />
              <Radio value="ask" label="Ask her first each time" />
              <Radio value="yes" label="Yes" />
            </Group>
          </Radio.Group>
          <Textarea
            label="Other instructions (optional)"
            autosize
            minRows={2}
            key={form.key('details.safeContact.notes')}
            {...form.getInputProps('details.safeContact.notes')}
          />
        </Part>
      </Paper>

      <Part title="Her contact details" description="Her address and phone are the most dangerous information in the program. Record only what the service needs.">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Phone (optional)" key={form.key('details.phone')} {...form.getInputProps('details.phone')} />
          <TextInput label="Email (optional)" key={form.key('details.email')} {...form.getInputProps('details.email')} />
        </SimpleGrid>
        <Textarea label="Address (optional)" autosize minRows={2} key={form.key('details.address')} {...form.getInputProps('details.address')} />
      </Part>

      <Part title="Language">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="First language" key={form.key('details.language')} {...form.getInputProps('details.language')} />
          <Checkbox
            mt={{ sm: 30 }}
            label="She needs an interpreter"
            key={form.key('details.interpreterNeeded')}
            {...form.getInputProps('details.interpreterNeeded', { type: 'checkbox' })}
          />
        </SimpleGrid>
      </Part>

      <Part title="Children">
        {children.length === 0 && (
          <Text size="sm" c="dimmed">
            No children recorded. Add any children in her household.
          </Text>
        )}
        {children.map((_, i) => (
          <Group key={i} align="flex-end" gap="sm" wrap="nowrap">
            <TextInput label="Child's name" style={{ flex: 2 }} key={form.key(`details.children.${i}.name`)} {...form.getInputProps(`details.children.${i}.name`)} />
            <UkDateInput
              label="Date of birth (optional)"
              style={{ flex: 1 }}
              key={form.key(`details.children.${i}.dateOfBirth`)}
              {...form.getInputProps(`details.children.${i}.dateOfBirth`)}
            />
            <TextInput
              label="Lives with (optional)"
              style={{ flex: 2 }}
              key={form.key(`details.children.${i}.livesWith`)}
              {...form.getInputProps(`details.children.${i}.livesWith`)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              mb={2}
              aria-label={`Remove child ${i + 1}`}
              onClick={() => form.removeListItem('details.children', i)}
            >
              <IconTrash size={18} />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={16} />}
            onClick={() => form.insertListItem('details.children', { name: '', dateOfBirth: '', livesWith: '' })}
          >
            Add a child
          </Button>
        </Group>
      </Part>

      <Part title="Her consent" description="Explain the service, and that nothing she says is shared with him or his group workers.">
        <Checkbox
          label="She agrees to support from the partner service"
          key={form.key('details.consentToService')}
          {...form.getInputProps('details.consentToService', { type: 'checkbox' })}
        />
        <Checkbox
          label="She agrees that information may be shared with other agencies to keep her safe"
          key={form.key('details.consentToSharing')}
          {...form.getInputProps('details.consentToSharing', { type: 'checkbox' })}
        />
        <Textarea
          label="Consent notes (optional)"
          description="For example: what she agreed to, how, and any limits"
          autosize
          minRows={2}
          key={form.key('details.consentNotes')}
          {...form.getInputProps('details.consentNotes')}
        />
      </Part>
    </Stack>
  );
}
