/**
 * Forms: validate with the shared zod schemas (the same ones the back end
 * uses), and put the back end's own field errors next to the right field.
 */
import type { FormErrors } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import type { z } from 'zod';
import type { ApiError } from '../../shared/errors';
import { ApiCallError } from './api';

/** A `validate` function for useForm from a shared schema, plus checks only the window makes (such as "type the password again"). */
export function validateWith<Values>(schema: z.ZodType, extra?: (values: Values) => FormErrors) {
  const resolve = zod4Resolver(schema, { errorPriority: 'first' });
  return (values: Values): FormErrors => {
    const errors = resolve(values as Record<string, unknown>);
    return { ...(extra?.(values) ?? {}), ...errors };
  };
}

export const PASSWORDS_DIFFER = 'The two passwords are not the same. Type the new password again.';

/** "Type it again" check for a new password. */
export function confirmMatches<Values>(get: (v: Values) => [string, string], path: string) {
  return (values: Values): FormErrors => {
    const [password, confirm] = get(values);
    if (!confirm) return { [path]: 'Type the new password again' };
    return password === confirm ? {} : { [path]: PASSWORDS_DIFFER };
  };
}

export function apiErrorOf(err: unknown): ApiError {
  if (err instanceof ApiCallError) return err.error;
  return { code: 'INTERNAL', message: 'Something went wrong. Please try again.' };
}

/**
 * Puts each field error from the back end on its field (paths match the form's,
 * with an optional prefix, e.g. the input { admin: {...} } vs a form of the same shape).
 * Returns the message to show above the form when no field took it, or null.
 */
export function applyApiError(
  form: { setErrors: (errors: FormErrors) => void },
  err: unknown,
  knownFields: readonly string[],
  rename: Record<string, string> = {},
): string | null {
  const error = apiErrorOf(err);
  const fields = error.fields ?? {};
  const onForm: FormErrors = {};
  let unplaced = false;
  for (const [path, message] of Object.entries(fields)) {
    const target = rename[path] ?? path;
    if (knownFields.includes(target)) onForm[target] = message;
    else unplaced = true;
  }
  if (Object.keys(onForm).length > 0) {
    form.setErrors(onForm);
    focusFirstError(onForm);
  }
  if (Object.keys(onForm).length === 0 || unplaced) return error.message;
  return null;
}

/** Moves the keyboard focus to the first field (in page order) that has an error. Use as form.onSubmit's second argument. */
export function focusFirstError(errors: FormErrors): void {
  const paths = new Set(Object.keys(errors));
  if (paths.size === 0) return;
  for (const el of document.querySelectorAll<HTMLElement>('[data-path]')) {
    if (paths.has(el.dataset.path ?? '')) {
      el.focus();
      return;
    }
  }
}
