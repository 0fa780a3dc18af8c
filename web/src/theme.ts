import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A calm, deep teal for the brand, tuned so white text on shade 7 stays readable. */
const brand: MantineColorsTuple = [
  '#e7f7f5',
  '#c9ece8',
  '#9bdcd5',
  '#67c9bf',
  '#3bb6aa',
  '#1fa396',
  '#138f84',
  '#0f766e',
  '#0c5f59',
  '#094a45',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: { light: 7, dark: 5 },
  colors: { brand },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: {
    fontFamily:
      'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
    fontWeight: '650',
  },
  components: {
    // No "*" inside labels: a label's text stays exactly its name ("Name", "E-mail").
    TextInput: { defaultProps: { withAsterisk: false } },
    PasswordInput: { defaultProps: { withAsterisk: false } },
    // Closed dropdowns leave the page, so a field's label names only the field, not a hidden listbox too.
    Select: { defaultProps: { comboboxProps: { keepMounted: false } } },
    TagsInput: { defaultProps: { comboboxProps: { keepMounted: false } } },
    Autocomplete: { defaultProps: { comboboxProps: { keepMounted: false } } },
    Paper: { defaultProps: { withBorder: true, radius: 'lg' } },
    Card: { defaultProps: { withBorder: true, radius: 'lg' } },
    Badge: { defaultProps: { radius: 'sm' }, styles: { root: { textTransform: 'none' } } },
    Modal: { defaultProps: { radius: 'lg', centered: true } },
    Notification: { defaultProps: { radius: 'md' } },
  },
});
