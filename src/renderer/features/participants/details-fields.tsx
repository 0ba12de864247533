/**
 * His details: the same fields when a referral is recorded and when his record
 * is edited. The form holds them under `details`, as the back end names them.
 */
import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { todayInLondon } from '../../../shared/dates';
import {
  participantDetails,
  safeToContactLabels,
  safeToContactOptions,
  type ParticipantDetails,
} from '../../../shared/features/participants';
import { FormSection } from '../../components/form-section';
import { StaffSelect } from '../../components/staff-select';
import { UkDateInput } from '../../components/uk-date-input';
import { ageText, isUnder18 } from './participant-labels';

export const detailsFormSchema = z.object({ details: participantDetails });

export const emptyDetails: ParticipantDetails = {
  firstName: '',
  lastName: '',
  preferredName: '',
  aliases: [],
  dateOfBirth: '',
  under18Reason: '',
  gender: '',
  pronouns: '',
  phone: '',
  email: '',
  address: '',
  safeToContact: 'check_first',
  contactNote: '',
  language: 'English',
  interpreterNeeded: false,
  highProfile: false,
  childProtection: false,
  gpName: '',
  gpPractice: '',
  gpPhone: '',
  agencies: [],
  children: [],
  equality: { ethnicity: '', disability: '', religion: '', sexualOrientation: '' },
  keyWorkerId: null,
};

const GENDERS = ['Man', 'Woman', 'Non-binary', 'Prefer not to say'];
const PRONOUNS = ['he/him', 'she/her', 'they/them'];
const LANGUAGES = [
  'English',
  'Arabic',
  'Bengali',
  'Cantonese',
  'Farsi',
  'French',
  'Gujarati',
  'Kurdish',
  'Lithuanian',
  'Panjabi',
  'Polish',
  'Portuguese',
  'Romanian',
  'Somali',
  'Spanish',
  'Tamil',
  'Turkish',
  'Urdu',
  'Welsh',
];

type DetailsForm = UseFormReturnType<{ details: ParticipantDetails }>;

/** `between`: shown after the essentials (name to key worker), before GP, agencies, children and equality monitoring. */
export function DetailsFields({
  form,
  keyWorkerName,
  between,
}: {
  form: DetailsForm;
  keyWorkerName?: string | null;
  between?: ReactNode;
}) {
  const details = form.getValues().details;
  const today = todayInLondon();
  const under18 = isUnder18(details.dateOfBirth, today);
  const age = ageText(details.dateOfBirth, today);

  return (
    <Stack gap="lg">
      <FormSection legend="Who he is">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="First name"
              required
              autoComplete="off"
              key={form.key('details.firstName')}
              {...form.getInputProps('details.firstName')}
            />
            <TextInput
              label="Last name"
              required
              autoComplete="off"
              key={form.key('details.lastName')}
              {...form.getInputProps('details.lastName')}
            />
            <TextInput
              label="Preferred name (optional)"
              description="What he likes to be called, if different"
              autoComplete="off"
              key={form.key('details.preferredName')}
              {...form.getInputProps('details.preferredName')}
            />
            <TagsInput
              label="Other names he is known by (optional)"
              description="Aliases, earlier names, other spellings. Press Enter after each one"
              clearable
              acceptValueOnBlur
              splitChars={[]}
              key={form.key('details.aliases')}
              {...form.getInputProps('details.aliases')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <UkDateInput
              label="Date of birth"
              required

              defaultLevel="decade"
              description={age ? `Age ${age} today` : 'Type it as dd/mm/yyyy'}
              key={form.key('details.dateOfBirth')}
              {...form.getInputProps('details.dateOfBirth')}
            />
            <Autocomplete
              label="Gender (optional)"
              data={GENDERS}
              key={form.key('details.gender')}
              {...form.getInputProps('details.gender')}
            />
            <Autocomplete
              label="Pronouns (optional)"
              data={PRONOUNS}
              key={form.key('details.pronouns')}
              {...form.getInputProps('details.pronouns')}
            />
          </SimpleGrid>
          {under18 && (
            <Alert color="orange" icon={<IconAlertTriangle size={20} />} title="He is under 18" role="status">
              <Stack gap="sm">
                <Text size="sm">
                  Under-18s are usually seen by a different service (for example the youth offending team). If your
                  service has agreed to work with him, say why below.
                </Text>
                <Textarea
                  label="Why is he being accepted?"
                  required
                  autosize
                  minRows={2}
                  key={form.key('details.under18Reason')}
                  {...form.getInputProps('details.under18Reason')}
                />
              </Stack>
            </Alert>
          )}
        </Stack>
      </FormSection>

      <FormSection legend="Contacting him">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Phone (optional)"
              type="tel"
              key={form.key('details.phone')}
              {...form.getInputProps('details.phone')}
            />
            <TextInput
              label="Email (optional)"
              type="email"
              key={form.key('details.email')}
              {...form.getInputProps('details.email')}
            />
          </SimpleGrid>
          <Textarea
            label="Address (optional)"
            autosize
            minRows={2}
            key={form.key('details.address')}
            {...form.getInputProps('details.address')}
          />
          <Radio.Group
            label="Is it safe to contact him?"
            key={form.key('details.safeToContact')}
            {...form.getInputProps('details.safeToContact')}
          >
            <Group gap="lg" mt={6}>
              {safeToContactOptions.map((o) => (
                <Radio key={o} value={o} label={safeToContactLabels[o]} />
              ))}
            </Group>
          </Radio.Group>
          <Textarea
            label="Contact note (optional)"
            description="For example: text first; never call before 6pm; do not leave a message at his mother's address"
            autosize
            minRows={2}
            key={form.key('details.contactNote')}
            {...form.getInputProps('details.contactNote')}
          />
        </Stack>
      </FormSection>

      <FormSection legend="Language, needs and safety flags">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Autocomplete
              label="First language"
              data={LANGUAGES}
              key={form.key('details.language')}
              {...form.getInputProps('details.language')}
            />
          </SimpleGrid>
          <Checkbox
            label="He needs an interpreter"
            description="Usually means one-to-one work instead of a group"
            key={form.key('details.interpreterNeeded')}
            {...form.getInputProps('details.interpreterNeeded', { type: 'checkbox' })}
          />
          <Checkbox
            label="He is high profile"
            description="Well known locally or nationally, so he may be recognised in a group. A manager can restrict who opens his record"
            key={form.key('details.highProfile')}
            {...form.getInputProps('details.highProfile', { type: 'checkbox' })}
          />
          <Checkbox
            label="There are child protection concerns"
            description="For example a child protection plan, or an open case with children's services. Shows as a flag on every screen about him"
            key={form.key('details.childProtection')}
            {...form.getInputProps('details.childProtection', { type: 'checkbox' })}
          />
        </Stack>
      </FormSection>

      <FormSection legend="Key worker">
        <StaffSelect
          label="Key worker (optional)"
          description="The member of staff responsible for his case. Tasks about him, such as consent reviews, go to this person; with no key worker they go to the managers"
          roles={['manager', 'facilitator']}
          clearable
          maw={480}
          currentName={keyWorkerName}
          key={form.key('details.keyWorkerId')}
          {...form.getInputProps('details.keyWorkerId')}
        />
      </FormSection>

      {between}

      <FormSection legend="GP (optional)">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="GP's name (optional)"
            key={form.key('details.gpName')}
            {...form.getInputProps('details.gpName')}
          />
          <TextInput
            label="GP practice (optional)"
            key={form.key('details.gpPractice')}
            {...form.getInputProps('details.gpPractice')}
          />
          <TextInput
            label="GP phone (optional)"
            type="tel"
            key={form.key('details.gpPhone')}
            {...form.getInputProps('details.gpPhone')}
          />
        </SimpleGrid>
      </FormSection>

      <AgencyList form={form} />
      <ChildrenList form={form} />

      <FormSection legend="Equality monitoring (optional)">
        <Text size="sm" c="dimmed" mb="sm">
          Ask him, but he does not have to answer. Leave a field empty if he did not say; &quot;Prefer not to say&quot;
          is an answer too. Used only for anonymous figures.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Ethnicity (optional)"
            key={form.key('details.equality.ethnicity')}
            {...form.getInputProps('details.equality.ethnicity')}
          />
          <TextInput
            label="Disability (optional)"
            key={form.key('details.equality.disability')}
            {...form.getInputProps('details.equality.disability')}
          />
          <TextInput
            label="Religion or belief (optional)"
            key={form.key('details.equality.religion')}
            {...form.getInputProps('details.equality.religion')}
          />
          <TextInput
            label="Sexual orientation (optional)"
            key={form.key('details.equality.sexualOrientation')}
            {...form.getInputProps('details.equality.sexualOrientation')}
          />
        </SimpleGrid>
      </FormSection>
    </Stack>
  );
}

function AgencyList({ form }: { form: DetailsForm }) {
  const agencies = form.getValues().details.agencies;
  return (
    <FormSection legend="Agencies involved (optional)">
      <Stack gap="sm">
        {agencies.length === 0 && (
          <Text size="sm" c="dimmed">
            No agencies yet. Add each agency working with him or his family (probation, children&apos;s services, drug
            and alcohol service...), with a named contact if you have one.
          </Text>
        )}
        {agencies.map((_, i) => (
          <Paper
            key={form.key(`details.agencies.${i}`)}
            withBorder
            p="sm"
            radius="md"
            aria-label={`Agency ${i + 1}`}
            component="section"
          >
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={600}>
                Agency {i + 1}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove agency ${i + 1}`}
                onClick={() => form.removeListItem('details.agencies', i)}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
              <TextInput
                label="Agency name"
                required
                key={form.key(`details.agencies.${i}.agency`)}
                {...form.getInputProps(`details.agencies.${i}.agency`)}
              />
              <TextInput
                label="Their named contact (optional)"
                key={form.key(`details.agencies.${i}.contactName`)}
                {...form.getInputProps(`details.agencies.${i}.contactName`)}
              />
              <TextInput
                label="Contact's role (optional)"
                placeholder="For example Probation officer"
                key={form.key(`details.agencies.${i}.role`)}
                {...form.getInputProps(`details.agencies.${i}.role`)}
              />
              <TextInput
                label="Contact's phone (optional)"
                type="tel"
                key={form.key(`details.agencies.${i}.phone`)}
                {...form.getInputProps(`details.agencies.${i}.phone`)}
              />
              <TextInput
                label="Contact's email (optional)"
                type="email"
                key={form.key(`details.agencies.${i}.email`)}
                {...form.getInputProps(`details.agencies.${i}.email`)}
              />
            </SimpleGrid>
          </Paper>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={16} />}
            onClick={() =>
              form.insertListItem('details.agencies', { agency: '', contactName: '', role: '', phone: '', email: '' })
            }
          >
            Add an agency
          </Button>
        </Group>
      </Stack>
    </FormSection>
  );
}

function ChildrenList({ form }: { form: DetailsForm }) {
  const children = form.getValues().details.children;
  return (
    <FormSection legend="Children (optional)">
      <Stack gap="sm">
        {children.length === 0 && (
          <Text size="sm" c="dimmed">
            No children yet. Add his children and any children in his or his partner&apos;s household.
          </Text>
        )}
        {children.map((_, i) => (
          <Paper
            key={form.key(`details.children.${i}`)}
            withBorder
            p="sm"
            radius="md"
            aria-label={`Child ${i + 1}`}
            component="section"
          >
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={600}>
                Child {i + 1}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove child ${i + 1}`}
                onClick={() => form.removeListItem('details.children', i)}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                label="Child's name"
                description="Initials are fine"
                required
                key={form.key(`details.children.${i}.name`)}
                {...form.getInputProps(`details.children.${i}.name`)}
              />
              <UkDateInput
                label="Child's date of birth (optional)"

                clearable
                key={form.key(`details.children.${i}.dateOfBirth`)}
                {...form.getInputProps(`details.children.${i}.dateOfBirth`)}
              />
              <TextInput
                label="Lives with (optional)"
                description="For example Mother, Both parents, Foster carer"
                key={form.key(`details.children.${i}.livesWith`)}
                {...form.getInputProps(`details.children.${i}.livesWith`)}
              />
            </SimpleGrid>
          </Paper>
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
      </Stack>
    </FormSection>
  );
}
