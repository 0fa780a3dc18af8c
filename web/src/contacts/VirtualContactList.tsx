import { Paper } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import { listContacts, queryKeys, type ContactListParams } from '../api/index.ts';
import { ContactRow, ContactRowSkeleton } from './ContactRow.tsx';

export const PAGE_SIZE = 100;

export type ContactFilters = Omit<ContactListParams, 'offset' | 'limit'>;

export function contactPageQuery(filters: ContactFilters, page: number) {
  return {
    queryKey: queryKeys.contacts.list(filters, PAGE_SIZE, page),
    queryFn: ({ signal }: { signal: AbortSignal }) => listContacts({ ...filters, offset: page * PAGE_SIZE, limit: PAGE_SIZE }, signal),
  };
}

interface VirtualContactListProps {
  filters: ContactFilters;
  total: number;
  wide: boolean;
}

/**
 * The contact list, windowed: only the rows on screen exist in the page, and
 * rows are fetched 100 at a time as they scroll into view, so 30,000 contacts
 * feel like 30.
 */
export function VirtualContactList({ filters, total, wide }: VirtualContactListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const rowHeight = wide ? 68 : 80;

  // The list's distance from the top of the page, which the toolbar above may change.
  useLayoutEffect(() => {
    const measure = () => {
      const element = listRef.current;
      if (!element) return;
      const top = element.getBoundingClientRect().top + window.scrollY;
      setScrollMargin((current) => (Math.abs(current - top) > 0.5 ? top : current));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: total,
    estimateSize: () => rowHeight,
    overscan: 8,
    scrollMargin,
  });

  useLayoutEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);

  const rows = virtualizer.getVirtualItems();
  const pages = [...new Set(rows.map((row) => Math.floor(row.index / PAGE_SIZE)))];
  const results = useQueries({ queries: pages.map((page) => ({ ...contactPageQuery(filters, page), staleTime: 30_000 })) });
  const byPage = new Map(pages.map((page, i) => [page, results[i]?.data]));

  return (
    <Paper p={0} style={{ overflow: 'hidden' }}>
      <div
        ref={listRef}
        role="list"
        aria-label="Contacts"
        style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}
      >
        {rows.map((row) => {
          const page = byPage.get(Math.floor(row.index / PAGE_SIZE));
          const contact = page?.items[row.index - page.offset];
          return (
            <div
              key={row.key}
              role="listitem"
              aria-setsize={total}
              aria-posinset={row.index + 1}
              aria-busy={contact ? undefined : true}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                height: row.size,
                transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)`,
              }}
            >
              {contact ? <ContactRow contact={contact} wide={wide} /> : <ContactRowSkeleton wide={wide} />}
            </div>
          );
        })}
      </div>
    </Paper>
  );
}
