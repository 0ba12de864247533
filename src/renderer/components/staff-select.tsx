/** Choosing a member of staff (key worker, assessor, whom a task is for) from the staff directory. */
import { Select, type SelectProps } from '@mantine/core';
import type { StaffDirectoryEntry } from '../../shared/features/staff';
import { roleLabels, type Role } from '../../shared/permissions';
import { useApiQuery } from '../app/api';

export function useStaffDirectory() {
  return useApiQuery('staff.directory', {}, { staleTime: 5 * 60_000 });
}

/**
 * Options for a staff choice. `roles` narrows the list; `current` keeps a
 * choice already made for someone no longer in the directory (deactivated).
 */
export function staffOptions(
  directory: readonly StaffDirectoryEntry[],
  roles?: readonly Role[],
  current?: { id: string | null | undefined; name: string | null | undefined },
): Array<{ value: string; label: string }> {
  const options = directory
    .filter((s) => !roles || roles.includes(s.role))
    .map((s) => ({ value: s.id, label: `${s.fullName} (${roleLabels[s.role].toLowerCase()})` }));
  if (current?.id && !options.some((o) => o.value === current.id)) {
    options.push({ value: current.id, label: `${current.name ?? 'Former member of staff'} (no longer active)` });
  }
  return options;
}

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  roles?: readonly Role[];
  value?: string | null;
  onChange?: (value: string | null) => void;
  currentName?: string | null;
};

export function StaffSelect({ roles, value, onChange, currentName, ...rest }: Props) {
  const directory = useStaffDirectory();
  const data = staffOptions(directory.data ?? [], roles, { id: value, name: currentName });
  return (
    <Select
      searchable
      nothingFoundMessage="Nobody by that name"
      {...rest}
      data={data}
      value={value ?? null}
      onChange={(v) => onChange?.(v)}
      error={rest.error ?? (directory.isError ? 'The staff list could not be loaded' : undefined)}
    />
  );
}
