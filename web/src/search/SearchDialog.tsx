import { Avatar, Button, Group, Kbd, Loader, Modal, Text, TextInput, ThemeIcon, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconCornerDownLeft, IconNotes, IconSearch, IconUserSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SearchResult } from '@shared/api.ts';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage, queryKeys, search } from '../api/index.ts';
import { prefixHighlights, queryWords, splitHighlights } from './highlight.ts';
import classes from './SearchDialog.module.css';

const LIMIT = 12;
/** Long enough to skip the keystrokes of a word being typed, short enough to feel live. */
const DEBOUNCE_MS = 150;

interface SearchDialogProps {
  opened: boolean;
  onClose: () => void;
}

/**
 * Search as you type: a combobox over a list of contacts and interview notes.
 * Arrow keys move through the results, Enter opens one (a contact's page or an
 * interview's), Escape closes. On a phone it takes the screen.
 */
export function SearchDialog({ opened, onClose }: SearchDialogProps) {
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, DEBOUNCE_MS);
  const [active, setActive] = useState(0);
  const phone = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false }) ?? false;
  const navigate = useNavigate();
  const listId = useId();
  const queryClient = useQueryClient();

  // Results are cached under 'contacts', which contact edits refresh; interview
  // notes edited since the last search are not, so each opening asks afresh.
  useEffect(() => {
    // ['contacts', 'global-search']: every text searched so far.
    if (opened) void queryClient.invalidateQueries({ queryKey: queryKeys.search('', LIMIT).slice(0, 2) });
  }, [opened, queryClient]);

  const q = debounced.trim();
  const searching = opened && queryWords(q).length > 0;
  const results = useQuery({
    queryKey: queryKeys.search(q, LIMIT),
    // React Query aborts the request of a query nobody waits for any more.
    queryFn: ({ signal }) => search({ q, limit: LIMIT }, signal),
    enabled: searching,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
  const items = searching ? (results.data?.items ?? []) : [];
  const typing = text.trim() !== q;
  // What is shown does not answer what is typed yet.
  const stale = typing || (searching && !results.isError && (results.isPlaceholderData || !results.data));
  // Enter pressed before the answer came: open the best match when it does.
  const [pendingEnter, setPendingEnter] = useState(false);

  // The best match is the one Enter opens.
  useEffect(() => setActive(0), [results.data]);

  const optionId = (index: number) => `${listId}-option-${index}`;
  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  const open = (item: SearchResult) => {
    onClose();
    navigate(resultPath(item));
  };

  useEffect(() => {
    if (!pendingEnter || stale) return;
    setPendingEnter(false);
    if (items[0]) open(items[0]);
  });

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      const item = items[active];
      if (stale) setPendingEnter(queryWords(text).length > 0);
      else if (item) open(item);
      return;
    }
    if (items.length === 0) return;
    const last = items.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: active >= last ? 0 : active + 1,
      ArrowUp: active <= 0 ? last : active - 1,
      PageDown: Math.min(last, active + 5),
      PageUp: Math.max(0, active - 5),
    };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      setActive(next);
    }
  };

  let status: string;
  if (!searching) status = '';
  else if (results.isError) status = 'Search failed.';
  else if (stale) status = 'Searching…';
  else status = items.length === 0 ? 'Nothing found.' : `${items.length} ${items.length === 1 ? 'result' : 'results'} found.`;

  return (
    <Modal.Root
      opened={opened}
      onClose={onClose}
      fullScreen={phone}
      size={620}
      yOffset="10vh"
      centered={false}
      radius={phone ? 0 : 'lg'}
      transitionProps={{ transition: phone ? 'fade' : 'pop', duration: 150 }}
      onExitTransitionEnd={() => {
        setText('');
        setPendingEnter(false);
      }}
      classNames={{ content: classes.content }}
    >
      <Modal.Overlay backgroundOpacity={0.35} blur={3} />
      <Modal.Content aria-label="Search">
        <div className={classes.searchBar}>
          <TextInput
            data-autofocus
            variant="unstyled"
            size="lg"
            className={classes.input}
            classNames={{ input: classes.inputField }}
            placeholder="Search contacts and notes"
            aria-label="Search contacts and interview notes"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={items.length > 0}
            aria-controls={listId}
            aria-activedescendant={items.length > 0 ? optionId(active) : undefined}
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="go"
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setPendingEnter(false);
            }}
            onKeyDown={onKeyDown}
            leftSection={<IconSearch size={20} stroke={1.8} />}
            rightSection={results.isFetching || (typing && queryWords(text).length > 0) ? <Loader size={16} /> : null}
          />
          {phone ? (
            <Button variant="subtle" size="compact-md" onClick={onClose}>
              Cancel
            </Button>
          ) : (
            <Kbd className={classes.escape} onClick={onClose} aria-hidden>
              Esc
            </Kbd>
          )}
        </div>

        <VisuallyHidden role="status">{status}</VisuallyHidden>

        <div className={classes.body}>
          <ul id={listId} role="listbox" aria-label="Results" className={classes.list} hidden={items.length === 0}>
            {items.map((item, index) => (
              <ResultOption
                key={`${item.kind}:${item.id}`}
                id={optionId(index)}
                item={item}
                query={q}
                active={index === active}
                onPoint={() => setActive(index)}
                onChoose={() => open(item)}
              />
            ))}
          </ul>
          {items.length === 0 && <Hint searching={searching} settled={!stale} error={results.error} query={q} />}
        </div>

        {!phone && (
          <Group className={classes.footer} gap="lg" aria-hidden>
            <span>
              <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> to move
            </span>
            <span>
              <Kbd size="xs">↵</Kbd> to open
            </span>
            <span>
              <Kbd size="xs">Esc</Kbd> to close
            </span>
          </Group>
        )}
      </Modal.Content>
    </Modal.Root>
  );
}

function Hint({ searching, settled, error, query }: { searching: boolean; settled: boolean; error: unknown; query: string }) {
  if (error) {
    return (
      <Group className={classes.hint} gap="xs" c="red" wrap="nowrap">
        <IconAlertTriangle size={18} />
        <Text size="sm">{errorMessage(error)}</Text>
      </Group>
    );
  }
  if (searching && !settled) return <div className={classes.hint} />;
  return (
    <div className={classes.hint}>
      <IconUserSearch size={28} stroke={1.5} className={classes.hintIcon} />
      {searching ? (
        <Text size="sm" c="dimmed">
          Nothing matches <b>{query}</b>.
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          Find anyone by name, organization, title or tag, or by a word from your notes on them and your interviews.
        </Text>
      )}
    </div>
  );
}

interface ResultOptionProps {
  id: string;
  item: SearchResult;
  query: string;
  active: boolean;
  onPoint: () => void;
  onChoose: () => void;
}

/** Where a result leads. */
export function resultPath(item: SearchResult): string {
  return item.kind === 'interview' ? `/interviews/${item.id}` : `/contacts/${item.id}`;
}

function ResultOption({ id, item, query, active, onPoint, onChoose }: ResultOptionProps) {
  const interview = item.kind === 'interview';
  // A contact's title and organization; an interview's organization.
  const line = (interview ? [item.organization?.name] : [item.title, item.organization?.name]).filter(Boolean).join(' · ');
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      className={classes.option}
      data-active={active || undefined}
      data-kind={item.kind}
      onMouseMove={active ? undefined : onPoint}
      // Keep the focus in the search box.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onChoose}
    >
      {interview ? (
        <ThemeIcon variant="light" radius="xl" size={36} aria-hidden className={classes.kindIcon}>
          <IconNotes size={20} stroke={1.6} />
        </ThemeIcon>
      ) : (
        <Avatar name={item.name} color="initials" radius="xl" size={36} aria-hidden />
      )}
      <div className={classes.optionBody}>
        <Text size="sm" fw={600} truncate="end" className={classes.name}>
          {interview && <span className={classes.kind}>Interview notes · </span>}
          <Marked text={item.name} ranges={prefixHighlights(item.name, query)} />
        </Text>
        {line && (
          <Text size="xs" c="dimmed" truncate="end">
            <Marked text={line} ranges={prefixHighlights(line, query)} />
          </Text>
        )}
        {item.snippet && (
          <Text size="xs" c="dimmed" lineClamp={2} className={classes.snippet}>
            <Marked text={item.snippet.text} ranges={item.snippet.highlights} />
          </Text>
        )}
      </div>
      <IconCornerDownLeft size={16} className={classes.enter} aria-hidden />
    </li>
  );
}

function Marked({ text, ranges }: { text: string; ranges: readonly (readonly [number, number])[] }) {
  return (
    <>
      {splitHighlights(text, ranges).map((piece, index) =>
        piece.marked ? (
          <mark key={index} className={classes.mark}>
            {piece.text}
          </mark>
        ) : (
          <span key={index}>{piece.text}</span>
        ),
      )}
    </>
  );
}
