/** The search shortcut as this platform spells it: ⌘K on Apple devices, Ctrl K elsewhere. */
const apple = typeof navigator !== 'undefined' && /Mac|iPhone|iPad|iPod/i.test(navigator.platform || navigator.userAgent);

export const searchShortcut = {
  /** For Mantine's useHotkeys: Cmd on Apple devices, Ctrl elsewhere. */
  hotkey: 'mod+K',
  label: apple ? '⌘ K' : 'Ctrl K',
  /** For aria-keyshortcuts. */
  aria: apple ? 'Meta+K' : 'Control+K',
} as const;
