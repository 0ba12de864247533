/** A titled group of fields in a long form (a fieldset whose legend reads as a heading). */
import { Fieldset, type FieldsetProps } from '@mantine/core';

export function FormSection(props: FieldsetProps) {
  return (
    <Fieldset
      radius="md"
      styles={{ legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-md)', paddingInline: 6 } }}
      {...props}
    />
  );
}
