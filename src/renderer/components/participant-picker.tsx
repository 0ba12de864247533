/** Choosing a participant by typing part of his name or reference (participants.search). Only records this person may open are offered. */
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useApiQuery } from '../app/api';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable' | 'searchValue' | 'onSearchChange'> & {
  value?: string | null;
  onChange?: (value: string | null) => void;
};

export function ParticipantPicker({ value, onChange, ...rest }: Props) {
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const [q] = useDebouncedValue(search, 150);
  const typed = q.trim().length > 0 && q !== chosen?.label;
  const hits = useApiQuery(
    'participants.search',
    { q, limit: 10 },
    { enabled: typed, placeholderData: keepPreviousData },
  );
  const options = (typed ? (hits.data ?? []) : [])
    .filter((h) => h.canOpen && h.name)
    .map((h) => ({ value: h.id, label: `${h.name} (${h.reference})` }));
  if (chosen && value === chosen.value && !options.some((o) => o.value === chosen.value)) options.unshift(chosen);
  return (
    <Select
      {...rest}
      searchable
      clearable
      data={options}
      value={value ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={typed ? (hits.isFetching ? 'Searching…' : 'Nobody found') : 'Type a name or reference'}
      onChange={(v, option) => {
        setChosen(v && option ? { value: v, label: option.label } : null);
        onChange?.(v);
      }}
    />
  );
}
