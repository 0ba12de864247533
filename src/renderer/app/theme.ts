import { Badge, createTheme } from '@mantine/core';

/**
 * Mantine's default system font stack: nothing is fetched. A focus ring shows for keyboard users.
 * Fields are marked "(optional)" in their label instead of marking the required ones with an asterisk
 * (most fields are required, and a row of red stars means little to a new volunteer).
 */
const noAsterisk = { defaultProps: { withAsterisk: false } };

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  focusRing: 'auto',
  components: {
    TextInput: noAsterisk,
    PasswordInput: noAsterisk,
    Textarea: noAsterisk,
    // A number outside its range stays as typed and the form says what is allowed (Mantine would quietly change 0 places to 1 on blur).
    NumberInput: { defaultProps: { withAsterisk: false, clampBehavior: 'none' } },
    Select: noAsterisk,
    RadioGroup: noAsterisk,
    DateInput: noAsterisk,
    // Sentence case reads more easily than Mantine's default capitals.
    // (and never cut short inside a table cell)
    Badge: Badge.extend({ defaultProps: { tt: 'none', size: 'md' }, styles: { root: { minWidth: 'max-content' } } }),
  },
});
