/**
 * The message above a form's buttons when a save was refused for a reason no
 * single field explains. A stale save (CONFLICT) offers to reload the record.
 */
import { Alert, Button, Group, Text } from '@mantine/core';
import type { FormErrors } from '@mantine/form';
import { IconDeviceFloppy, IconRefresh } from '@tabler/icons-react';
import type { ErrorCode } from '../../shared/errors';
import { apiErrorOf, applyApiError } from '../app/form-errors';
import { useGuardedClose } from './unsaved-changes';

export interface FormProblem {
  code: ErrorCode;
  message: string;
}

/**
 * Puts the back end's field errors on the form's fields (same dotted paths) and
 * returns what is left to say above the buttons, or null.
 * `accept` says which paths the form has (by default: every path that starts with one of `prefixes`).
 */
export function placeApiError(
  form: { setErrors: (errors: FormErrors) => void },
  err: unknown,
  accept: (path: string) => boolean,
): FormProblem | null {
  const error = apiErrorOf(err);
  const known = Object.keys(error.fields ?? {}).filter(accept);
  const message = applyApiError(form, err, known);
  if (error.code === 'CONFLICT') return { code: error.code, message: error.message };
  return message ? { code: error.code, message } : null;
}

export const underPrefixes =
  (...prefixes: string[]) =>
  (path: string) =>
    prefixes.some((p) => path === p || path.startsWith(`${p}.`));

export function FormAlert({ problem, onReload }: { problem: FormProblem | null; onReload?: () => void }) {
  if (!problem) return null;
  if (problem.code === 'CONFLICT') {
    return (
      <Alert color="orange" role="alert" title="Not saved">
        <Text size="sm" mb="sm">
          {problem.message}
        </Text>
        {onReload && (
          <Group>
            <Button size="xs" variant="white" color="orange" leftSection={<IconRefresh size={16} />} onClick={onReload}>
              Reload
            </Button>
          </Group>
        )}
      </Alert>
    );
  }
  return (
    <Alert color="red" role="alert">
      {problem.message}
    </Alert>
  );
}

/** The end of a form in a modal: the problem (with Reload for a stale save), Cancel and the save button. */
export function FormFooter({
  problem,
  onReload,
  onCancel,
  saving,
  label,
}: {
  problem: FormProblem | null;
  onReload: () => void;
  onCancel: () => void;
  saving: boolean;
  label: string;
}) {
  // In a FormModal, Cancel asks "Discard your changes?" like Escape and the close button do.
  const guardedClose = useGuardedClose();
  return (
    <>
      <FormAlert problem={problem} onReload={onReload} />
      {/* Stays at the foot of a dialog while its fields scroll (global.css). */}
      <Group justify="flex-end" className="dialog-footer">
        <Button variant="default" onClick={guardedClose ?? onCancel}>
          Cancel
        </Button>
        <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={saving}>
          {label}
        </Button>
      </Group>
    </>
  );
}
