/** A date field the UK way: typed or picked as dd/mm/yyyy, held as YYYY-MM-DD text ('' when empty). */
import '@mantine/dates/styles.css';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { parseUkDate } from '../app/format';

type Props = Omit<DateInputProps, 'value' | 'onChange' | 'defaultValue'> & {
  value?: string | null;
  onChange?: (value: string) => void;
};

export function UkDateInput({ value, onChange, ...rest }: Props) {
  return (
    <DateInput
      placeholder="dd/mm/yyyy"
      valueFormat="DD/MM/YYYY"
      dateParser={parseUkDate}
      leftSection={<IconCalendar size={16} aria-hidden />}
      {...rest}
      value={value || null}
      onChange={(v) => onChange?.(v ?? '')}
    />
  );
}
