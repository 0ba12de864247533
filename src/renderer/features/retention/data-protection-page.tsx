/** Data protection for managers: subject access requests, the retention review, and the retention policy. */
import { Tabs } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { SubjectAccessPanel } from '../subject-access/requests-panel';
import { RetentionPolicyForm } from './policy-form';
import { RetentionReviewPanel } from './review-panel';

const tabs = ['requests', 'retention', 'policy'] as const;
type Tab = (typeof tabs)[number];
const labels: Record<Tab, string> = {
  requests: 'Subject access',
  retention: 'Retention review',
  policy: 'Retention policy',
};

export function DataProtectionPage() {
  const { tab } = useParams();
  const navigate = useNavigate();
  const active: Tab = (tabs as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'requests';
  return (
    <>
      <PageHeader
        title="Data protection"
        description="Answer a man's request for his data within a month, and keep records no longer than the retention policy says."
      />
      <Tabs
        value={active}
        onChange={(t) => t && void navigate(`/data-protection/${t}`, { replace: true })}
        keepMounted={false}
        variant="outline"
        radius="md"
      >
        <Tabs.List aria-label="Parts of data protection">
          {tabs.map((t) => (
            <Tabs.Tab key={t} value={t}>
              {labels[t]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="requests" pt="md">
          <SubjectAccessPanel />
        </Tabs.Panel>
        <Tabs.Panel value="retention" pt="md">
          <RetentionReviewPanel />
        </Tabs.Panel>
        <Tabs.Panel value="policy" pt="md" maw={900}>
          <RetentionPolicyForm />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
