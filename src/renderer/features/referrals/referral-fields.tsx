/** The referral: who referred him, when and why, the route, and any court or order details. Held under `referral` in the form. */
import { Radio, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { z } from 'zod';
import { todayInLondon } from '../../../shared/dates';
import {
  referral,
  referralRouteLabels,
  referralRoutes,
  referralSourceLabels,
  referralSources,
  type Referral,
  type ReferralInput,
  type ReferralRoute,
  type ReferralSource,
} from '../../../shared/features/participants';
import { FormSection } from '../../components/form-section';
import { UkDateInput } from '../../components/uk-date-input';
import { farFromWarning } from '../../components/uk-date-rules';
import { usualRoute } from '../participants/participant-labels';

export interface ReferralValues {
  source: ReferralSource | null;
  agency: string;
  contactName: string;
  contactDetails: string;
  receivedOn: string;
  reason: string;
  route: ReferralRoute | null;
  courtReference: string;
  hearingDate: string;
  reportDueDate: string;
}

export const referralFormSchema = z.object({ referral });

export function emptyReferral(): ReferralValues {
  return {
    source: null,
    agency: '',
    contactName: '',
    contactDetails: '',
    receivedOn: todayInLondon(),
    reason: '',
    route: null,
    courtReference: '',
    hearingDate: '',
    reportDueDate: '',
  };
}

export function referralValuesOf(r: Referral): ReferralValues {
  return {
    source: r.source,
    agency: r.agency,
    contactName: r.contactName,
    contactDetails: r.contactDetails,
    receivedOn: r.receivedOn,
    reason: r.reason,
    route: r.route,
    courtReference: r.courtReference,
    hearingDate: r.hearingDate,
    reportDueDate: r.reportDueDate,
  };
}

/** After the form has been validated: source and route are set. */
export function referralInputOf(v: ReferralValues): ReferralInput {
  return { ...v, source: v.source as ReferralSource, route: v.route as ReferralRoute };
}

type ReferralForm = UseFormReturnType<{ referral: ReferralValues }>;

export function ReferralFields({ form, legend = 'The referral' }: { form: ReferralForm; legend?: string }) {
  const values = form.getValues().referral;
  const sourceProps = form.getInputProps('referral.source');
  return (
    <FormSection legend={legend}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Who referred him?"
            placeholder="Choose the referral source"
            data={referralSources.map((s) => ({ value: s, label: referralSourceLabels[s] }))}
            key={form.key('referral.source')}
            {...sourceProps}
            onChange={(v) => {
              sourceProps.onChange(v);
              // The usual route for that source, unless one was chosen already.
              if (v && !form.getValues().referral.route)
                form.setFieldValue('referral.route', usualRoute[v as ReferralSource]);
            }}
          />
          <UkDateInput
            label="Date received"
            required
            key={form.key('referral.receivedOn')}
            {...form.getInputProps('referral.receivedOn')}
          />
        </SimpleGrid>
        <Radio.Group
          label="Route"
          description="How he came to the programme"
          key={form.key('referral.route')}
          {...form.getInputProps('referral.route')}
        >
          <Group gap="lg" mt={6}>
            {referralRoutes.map((r) => (
              <Radio key={r} value={r} label={referralRouteLabels[r]} />
            ))}
          </Group>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="Referring agency (optional)"
            placeholder={values.source === 'probation' ? 'For example Probation Service, Leeds' : undefined}
            key={form.key('referral.agency')}
            {...form.getInputProps('referral.agency')}
          />
          <TextInput
            label="Named contact at the referrer (optional)"
            key={form.key('referral.contactName')}
            {...form.getInputProps('referral.contactName')}
          />
          <TextInput
            label="Referrer's phone or email (optional)"
            key={form.key('referral.contactDetails')}
            {...form.getInputProps('referral.contactDetails')}
          />
        </SimpleGrid>
        <Textarea
          label="Reason for the referral"
          description="What happened, and what the referrer is asking for"
          required
          autosize
          minRows={3}
          key={form.key('referral.reason')}
          {...form.getInputProps('referral.reason')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="Court or order reference (optional)"
            description="Case number, or the order's reference"
            key={form.key('referral.courtReference')}
            {...form.getInputProps('referral.courtReference')}
          />
          <UkDateInput
            label="Hearing date (optional)"
            clearable
            warning={farFromWarning(values.hearingDate, values.receivedOn, 'the date the referral was received')}
            key={form.key('referral.hearingDate')}
            {...form.getInputProps('referral.hearingDate')}
          />
          <UkDateInput
            label="Report due (optional)"
            description="A task reminds the managers two weeks before"
            clearable
            warning={farFromWarning(values.reportDueDate, values.receivedOn, 'the date the referral was received')}
            key={form.key('referral.reportDueDate')}
            {...form.getInputProps('referral.reportDueDate')}
          />
        </SimpleGrid>
      </Stack>
    </FormSection>
  );
}
