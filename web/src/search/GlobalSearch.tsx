import { ActionIcon, Kbd, UnstyledButton } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import classes from './GlobalSearch.module.css';
import { SearchDialog } from './SearchDialog.tsx';
import { searchShortcut } from './shortcut.ts';

/**
 * The search button of the header and the dialog it opens. Ctrl-K (⌘K on a Mac)
 * opens it from anywhere, even from inside a form field.
 */
export function GlobalSearch() {
  const [opened, { open, close }] = useDisclosure(false);
  useHotkeys([[searchShortcut.hotkey, open]], []);

  return (
    <>
      <UnstyledButton className={classes.wide} visibleFrom="sm" onClick={open} aria-label="Search contacts and interview notes" aria-keyshortcuts={searchShortcut.aria} aria-haspopup="dialog">
        <IconSearch size={16} stroke={1.8} aria-hidden />
        <span className={classes.placeholder}>Search</span>
        <Kbd size="xs" className={classes.kbd}>
          {searchShortcut.label}
        </Kbd>
      </UnstyledButton>
      <ActionIcon
        hiddenFrom="sm"
        variant="default"
        size="lg"
        onClick={open}
        aria-label="Search contacts and interview notes"
        aria-haspopup="dialog"
      >
        <IconSearch size={18} stroke={1.8} />
      </ActionIcon>
      <SearchDialog opened={opened} onClose={close} />
    </>
  );
}
