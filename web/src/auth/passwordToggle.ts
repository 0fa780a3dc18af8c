/** Keeps the eye button's name from containing "password", so the field alone answers to its label. */
export const passwordToggleProps = { 'aria-label': 'Show or hide the characters' } as const;
