import { Loader, Select, type ComboboxItem, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Ref } from '@shared/api.ts';

const CREATE_PREFIX = '\u0000create:';

export interface RemoteSelectProps
  extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange' | 'filter' | 'searchable'> {
  value: Ref | null;
  onChange: (value: Ref | null) => void;
  /** Server-side search: what matches `q` (empty: the first few). */
  search: (q: string, signal: AbortSignal) => Promise<Ref[]>;
  queryKey: (q: string) => QueryKey;
  /** An id never to offer (a contact cannot introduce themselves). */
  excludeId?: string | undefined;
  /** When set, typing a name that matches nothing offers to create it. */
  onCreate?: ((name: string) => Promise<Ref>) | undefined;
  createLabel?: (name: string) => string;
}

/**
 * A searchable Select whose options come from the server as the person types,
 * for lists too long to load whole (contacts, organizations).
 */
export function RemoteSelect({
  value,
  onChange,
  search,
  queryKey,
  excludeId,
  onCreate,
  createLabel = (name) => `+ Create “${name}”`,
  nothingFoundMessage = 'Nothing found',
  ...props
}: RemoteSelectProps) {
  const [searchValue, setSearchValue] = useState(value?.name ?? '');
  const [opened, setOpened] = useState(false);
  const [creating, setCreating] = useState(false);
  const known = useRef(new Map<string, Ref>());

  useEffect(() => {
    setSearchValue(value?.name ?? '');
  }, [value?.id, value?.name]);

  // While the box shows the selected name, offer everything rather than that one name.
  const typed = searchValue === (value?.name ?? '') ? '' : searchValue.trim();
  const [q] = useDebouncedValue(typed, 200);

  const results = useQuery({
    queryKey: queryKey(q),
    queryFn: ({ signal }) => search(q, signal),
    enabled: opened,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });

  const data = useMemo(() => {
    const items: ComboboxItem[] = [];
    const seen = new Set<string>();
    const add = (ref: Ref) => {
      if (seen.has(ref.id) || ref.id === excludeId) return;
      seen.add(ref.id);
      known.current.set(ref.id, ref);
      items.push({ value: ref.id, label: ref.name });
    };
    if (value) add(value);
    for (const ref of results.data ?? []) add(ref);
    if (onCreate && typed !== '' && !items.some((item) => item.label.toLocaleLowerCase() === typed.toLocaleLowerCase())) {
      items.push({ value: CREATE_PREFIX + typed, label: createLabel(typed) });
    }
    return items;
  }, [value, results.data, excludeId, onCreate, typed, createLabel]);

  const handleChange = async (id: string | null) => {
    if (id === null) {
      onChange(null);
      return;
    }
    if (id.startsWith(CREATE_PREFIX) && onCreate) {
      setCreating(true);
      try {
        const created = await onCreate(id.slice(CREATE_PREFIX.length));
        known.current.set(created.id, created);
        onChange(created);
      } catch {
        // The caller reports the failure; keep the previous value.
        setSearchValue(value?.name ?? '');
      } finally {
        setCreating(false);
      }
      return;
    }
    const ref = known.current.get(id);
    if (ref) onChange(ref);
  };

  const busy = creating || (opened && results.isFetching);

  return (
    <Select
      {...props}
      searchable
      clearable
      data={data}
      value={value?.id ?? null}
      onChange={(id) => void handleChange(id)}
      searchValue={searchValue}
      onSearchChange={setSearchValue}
      filter={({ options }) => options}
      onDropdownOpen={() => setOpened(true)}
      onDropdownClose={() => setOpened(false)}
      nothingFoundMessage={results.isFetching ? 'Searching…' : nothingFoundMessage}
      maxDropdownHeight={280}
      disabled={props.disabled || creating}
      {...(busy ? { rightSection: <Loader size={14} />, rightSectionPointerEvents: 'none' as const } : {})}
    />
  );
}
