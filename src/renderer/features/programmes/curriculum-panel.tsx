/**
 * The curriculum library: themes in the order groups work through them, each
 * with its session templates (aims, timed activities, materials, notes for the
 * facilitators). Managers add, edit and reorder them.
 */
import { ActionIcon, Alert, Badge, Button, Center, Group, List, Loader, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { planMinutes } from '../../../shared/features/plans';
import type { SessionTemplate, Theme } from '../../../shared/features/programmes';
import { useApiMutation, useApiQuery } from '../../app/api';
import { notifyError } from '../../app/notify';
import { EmptyNote } from '../../components/empty-note';
import { moveItem } from '../plans/plan-helpers';
import { TemplateModal } from './template-modal';
import { ThemeModal } from './theme-modal';

const CHANGES = ['curriculum.', 'programmes.', 'audit.'];

function TemplateRow({ template, index, count, onMove, onEdit, busy }: { template: SessionTemplate; index: number; count: number; onMove: (step: -1 | 1) => void; onEdit: () => void; busy: boolean }) {
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" py="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
      <Stack gap={2} style={{ flex: 1 }}>
        <Text fw={600} size="sm">
          {index + 1}. {template.title}
        </Text>
        <Text size="xs" c="dimmed">
          {template.activities.length} activit{template.activities.length === 1 ? 'y' : 'ies'}, {planMinutes(template.activities)} minutes · {template.aims.length} aim
          {template.aims.length === 1 ? '' : 's'} · {template.materials.length} material{template.materials.length === 1 ? '' : 's'}
        </Text>
        {template.aims.length > 0 && (
          <List size="xs" c="dimmed">
            {template.aims.map((a) => (
              <List.Item key={a}>{a}</List.Item>
            ))}
          </List>
        )}
      </Stack>
      <Group gap={4} wrap="nowrap">
        <ActionIcon variant="subtle" color="gray" aria-label={`Move ${template.title} up`} disabled={index === 0 || busy} onClick={() => onMove(-1)}>
          <IconArrowUp size={16} />
        </ActionIcon>
        <ActionIcon variant="subtle" color="gray" aria-label={`Move ${template.title} down`} disabled={index === count - 1 || busy} onClick={() => onMove(1)}>
          <IconArrowDown size={16} />
        </ActionIcon>
        <Button variant="default" size="xs" leftSection={<IconPencil size={14} />} onClick={onEdit} aria-label={`Edit the template ${template.title}`}>
          Edit
        </Button>
      </Group>
    </Group>
  );
}

export function CurriculumPanel() {
  const curriculum = useApiQuery('curriculum.list', {});
  const reorderThemes = useApiMutation('curriculum.reorderThemes', CHANGES);
  const reorderTemplates = useApiMutation('curriculum.reorderTemplates', CHANGES);
  const [editingTheme, setEditingTheme] = useState<Theme | 'new' | null>(null);
  const [editingTemplate, setEditingTemplate] = useState<{ template: SessionTemplate | null; themeId: string } | null>(null);
  const busy = reorderThemes.isPending || reorderTemplates.isPending;

  if (curriculum.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the curriculum" />
      </Center>
    );
  }
  if (curriculum.isError) {
    return (
      <Alert color="red" role="alert" title="The curriculum could not be loaded">
        {curriculum.error.message}
      </Alert>
    );
  }
  const themes = curriculum.data;
  const moveTheme = (i: number, step: -1 | 1) =>
    reorderThemes.mutateAsync({ ids: moveItem(themes, i, step).map((t) => t.id) }).catch((err: unknown) => notifyError(err, 'The themes were not reordered'));
  const moveTemplate = (theme: Theme, i: number, step: -1 | 1) =>
    reorderTemplates.mutateAsync({ ids: moveItem(theme.templates, i, step).map((t) => t.id) }).catch((err: unknown) => notifyError(err, 'The templates were not reordered'));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" maw={760}>
          Groups work through the themes in this order, each for its number of sessions. A theme&apos;s session templates are the starting point
          for facilitators&apos; plans: write them in your own words. Changes here do not alter plans already written.
        </Text>
        <Button leftSection={<IconPlus size={18} />} onClick={() => setEditingTheme('new')}>
          Add a theme
        </Button>
      </Group>
      {themes.length === 0 && (
        <Paper withBorder radius="md" p="md">
          <EmptyNote title="The curriculum is empty">Add the themes your programme works through, then a session template for each session.</EmptyNote>
        </Paper>
      )}
      {themes.map((theme, i) => (
        <Paper key={theme.id} withBorder radius="md" p="md" component="section" aria-label={`Theme: ${theme.name}`}>
          <Group justify="space-between" wrap="nowrap" align="flex-start" mb="xs">
            <Stack gap={4}>
              <Group gap="sm">
                <Title order={2} size="h4">
                  {i + 1}. {theme.name}
                </Title>
                <Badge variant="light">{theme.sessionsCount} sessions</Badge>
                {theme.templates.length < theme.sessionsCount && (
                  <Tooltip label="Facilitators can still start a plan from an earlier template or a blank page">
                    <Badge variant="light" color="orange">
                      {theme.templates.length} of {theme.sessionsCount} templates written
                    </Badge>
                  </Tooltip>
                )}
              </Group>
              {theme.description && (
                <Text size="sm" c="dimmed">
                  {theme.description}
                </Text>
              )}
            </Stack>
            <Group gap={4} wrap="nowrap">
              <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Move the theme ${theme.name} up`} disabled={i === 0 || busy} onClick={() => void moveTheme(i, -1)}>
                <IconArrowUp size={18} />
              </ActionIcon>
              <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Move the theme ${theme.name} down`} disabled={i === themes.length - 1 || busy} onClick={() => void moveTheme(i, 1)}>
                <IconArrowDown size={18} />
              </ActionIcon>
              <Button variant="default" size="xs" leftSection={<IconPencil size={14} />} onClick={() => setEditingTheme(theme)} aria-label={`Edit the theme ${theme.name}`}>
                Edit theme
              </Button>
            </Group>
          </Group>
          {theme.templates.map((t, j) => (
            <TemplateRow
              key={t.id}
              template={t}
              index={j}
              count={theme.templates.length}
              busy={busy}
              onMove={(step) => void moveTemplate(theme, j, step)}
              onEdit={() => setEditingTemplate({ template: t, themeId: theme.id })}
            />
          ))}
          <Group pt="xs" style={{ borderTop: theme.templates.length ? '1px solid var(--mantine-color-gray-2)' : undefined }}>
            <Button variant="subtle" size="xs" leftSection={<IconPlus size={16} />} onClick={() => setEditingTemplate({ template: null, themeId: theme.id })}>
              Add a session template to {theme.name}
            </Button>
          </Group>
        </Paper>
      ))}
      {editingTheme && <ThemeModal theme={editingTheme === 'new' ? null : editingTheme} onClose={() => setEditingTheme(null)} />}
      {editingTemplate && <TemplateModal template={editingTemplate.template} themeId={editingTemplate.themeId} themes={themes} onClose={() => setEditingTemplate(null)} />}
    </Stack>
  );
}
