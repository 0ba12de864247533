import { Badge, DEFAULT_THEME, Loader, Modal, Notification, createTheme, type MantineColorsTuple } from '@mantine/core';

/**
 * Mantine's default system font stack: nothing is fetched. A focus ring shows for keyboard users.
 * Fields are marked "(optional)" in their label instead of marking the required ones with an asterisk
 * (most fields are required, and a row of red stars means little to a new volunteer).
 */
const noAsterisk = { defaultProps: { withAsterisk: false } };

/**
 * Mantine's colours with shades 7 to 9 darkened where they gave less than 4.5:1 with white
 * (or with the colour's own light tint): text in `c="orange.8"`, light and outline badges, and
 * filled badges all stay readable (WCAG 2.2 AA, 1.4.3).
 */
function darker(name: keyof typeof DEFAULT_THEME.colors, seven: string, eight: string, nine: string): MantineColorsTuple {
  const [s0, s1, s2, s3, s4, s5, s6] = DEFAULT_THEME.colors[name]!;
  return [s0, s1, s2, s3, s4, s5, s6, seven, eight, nine];
}

const colors = {
  red: darker('red', '#c92a2a', '#b02525', '#962020'),
  orange: darker('orange', '#b5460b', '#9c3c09', '#8a3a00'),
  yellow: darker('yellow', '#8f5c00', '#7f5200', '#6e4700'),
  green: darker('green', '#2b7a3b', '#256b33', '#1e5c2b'),
  lime: darker('lime', '#4f7a0c', '#446a0a', '#3a5c08'),
  teal: darker('teal', '#0b7556', '#096a4e', '#075e45'),
  cyan: darker('cyan', '#0c7486', '#0a6676', '#085866'),
  blue: darker('blue', '#1864ab', '#155a99', '#124f87'),
  grape: darker('grape', '#9c36b5', '#862e9c', '#702682'),
  pink: darker('pink', '#c2255c', '#a61e4d', '#8f1a42'),
};

export const theme = createTheme({
  colors,
  primaryColor: 'indigo',
  defaultRadius: 'md',
  focusRing: 'auto',
  // WCAG 2.2 AA: at least 4.5:1 for all text. Filled colours use their darkest shade, and the text on
  // them is black or white, whichever gives 4.5:1 (a threshold of 0.18 guarantees it for any colour).
  // Safety flags were white on red.6 at 3.3:1; now white on red.9 at 5.5:1.
  primaryShade: 9,
  autoContrast: true,
  luminanceThreshold: 0.18,
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
    // A spinner is a status message to screen readers (its aria-label needs a role).
    Loader: Loader.extend({ defaultProps: { role: 'status' } }),
    // Every dialog's and message's close button has a name (axe found it unnamed once dialogs were opened).
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close this message' } } }),
    Badge: Badge.extend({ defaultProps: { tt: 'none', size: 'md' }, styles: { root: { minWidth: 'max-content' } } }),
  },
});
