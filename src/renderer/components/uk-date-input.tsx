/**
 * A date field the UK way: typed or picked as dd/mm/yyyy, held as YYYY-MM-DD text ('' when empty).
 *
 * What the person types is never changed or erased. A date that does not exist
 * (31/02/2027) or falls outside the field's range (a contact date in the future)
 * stays in the box, with an error under it; the form then holds the typed text
 * itself, which no date schema accepts, so nothing is saved until it is put right.
 * (Mantine's DateInput silently drops such text on blur, which is why this is our own.)
 *
 * Escape with the calendar open closes the calendar only, never the dialog around it.
 */
import '@mantine/dates/styles.css';
import { Input, Popover, Text, TextInput, type TextInputProps } from '@mantine/core';
import { Calendar } from '@mantine/dates';
import { IconAlertTriangle, IconCalendar } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { formatDate, parseUkDate } from '../app/format';
import { dateProblem, toIsoDay } from './uk-date-rules';

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue' | 'error'> & {
  value?: string | null;
  defaultValue?: string | null;
  onChange?: (value: string) => void;
  error?: ReactNode;
  /** The earliest and latest dates the field allows (a Date or YYYY-MM-DD). */
  minDate?: Date | string;
  maxDate?: Date | string;
  /** Shows the clear button when there is a date. */
  clearable?: boolean;
  /** A warning under the field that does not stop saving ("years before the referral"). */
  warning?: string | null;
  /** The calendar opens on years ('decade') for a date of birth. */
  defaultLevel?: 'month' | 'year' | 'decade';
};

export function UkDateInput({
  value,
  defaultValue,
  onChange,
  error,
  minDate,
  maxDate,
  clearable: _clearable,
  warning,
  defaultLevel,
  description,
  onBlur,
  onKeyDown,
  ...rest
}: Props) {
  const outside = value !== undefined ? (value ?? '') : (defaultValue ?? '');
  const [text, setText] = useState(() => formatDate(outside) || outside);
  const [opened, setOpened] = useState(false);
  const [blurred, setBlurred] = useState(false);
  // What this field last told the form: anything else arriving from outside (a reset, a set value) replaces the text.
  const told = useRef(outside);
  useEffect(() => {
    if (outside === told.current) return;
    told.current = outside;
    setText(formatDate(outside) || outside);
    setBlurred(false);
  }, [outside]);

  const min = toIsoDay(minDate);
  const max = toIsoDay(maxDate);
  const parsed = parseUkDate(text);
  const problem = dateProblem(text, { min, max });

  const tell = (next: string) => {
    setText(next);
    const iso = parseUkDate(next);
    // In range → the date; empty → ''; otherwise the typed text, so the form cannot pass it as a date.
    const held = next.trim() === '' ? '' : iso && !dateProblem(next, { min, max }) ? iso : next;
    told.current = held;
    onChange?.(held);
  };

  const shownError = problem && (blurred || error) ? problem : error;
  const shownDescription = warning && !shownError ? (
    <Text component="span" size="xs" c="#8a3a00" data-testid="date-warning">
      <IconAlertTriangle size={12} aria-hidden style={{ verticalAlign: 'middle', marginRight: 4 }} />
      {warning}
    </Text>
  ) : (
    description
  );
  const month = parsed ?? (max && max < todayIso() ? max : min && min > todayIso() ? min : todayIso());

  return (
    <Popover opened={opened && !rest.disabled && !rest.readOnly} onChange={setOpened} position="bottom-start" trapFocus={false} closeOnEscape={false} withRoles={false}>
      <Popover.Target>
        <TextInput
          placeholder="dd/mm/yyyy"
          leftSection={<IconCalendar size={16} aria-hidden />}
          autoComplete="off"
          {...rest}
          description={shownDescription}
          error={shownError}
          value={text}
          onChange={(e) => {
            tell(e.currentTarget.value);
            setOpened(true);
          }}
          onFocus={(e) => {
            setOpened(true);
            rest.onFocus?.(e);
          }}
          onClick={(e) => {
            setOpened(true);
            rest.onClick?.(e);
          }}
          onBlur={(e) => {
            setOpened(false);
            setBlurred(true);
            onBlur?.(e);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && opened) {
              // Mantine's dialogs listen for Escape on the window first; this attribute tells them to leave it to us.
              e.preventDefault();
              setOpened(false);
            }
            onKeyDown?.(e);
          }}
          data-mantine-stop-propagation={opened ? 'true' : undefined}
          rightSection={
            _clearable && text && !rest.disabled && !rest.readOnly ? (
              <Input.ClearButton aria-label="Clear the date" onClick={() => tell('')} />
            ) : undefined
          }
        />
      </Popover.Target>
      <Popover.Dropdown onMouseDown={(e) => e.preventDefault()} data-dates-dropdown>
        <CalendarFor
          key={month.slice(0, 7)}
          start={month}
          selected={parsed}
          min={min}
          max={max}
          level={parsed ? 'month' : defaultLevel}
          onPick={(iso) => {
            tell(formatDate(iso));
            setOpened(false);
          }}
        />
      </Popover.Dropdown>
    </Popover>
  );
}

function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}

function CalendarFor({
  start,
  selected,
  min,
  max,
  level,
  onPick,
}: {
  start: string;
  selected: string | null;
  min: string | null;
  max: string | null;
  level: 'month' | 'year' | 'decade' | undefined;
  onPick: (iso: string) => void;
}) {
  const [shown, setShown] = useState(start);
  return (
    <Calendar
      __preventFocus
      defaultLevel={level}
      date={shown}
      onDateChange={setShown}
      minDate={min ?? undefined}
      maxDate={max ?? undefined}
      getDayProps={(day) => ({
        selected: selected === day,
        onClick: () => onPick(day),
      })}
    />
  );
}
