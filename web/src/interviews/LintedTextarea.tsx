import { Input } from '@mantine/core';
import { forwardRef, useCallback, useImperativeHandle, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import type { LintFinding, LintSeverity } from '@core/request-lint.ts';
import classes from './LintedTextarea.module.css';

interface Segment {
  start: number;
  end: number;
  severity: LintSeverity | null;
  /** Index of the finding this segment belongs to, for the active outline. */
  finding: number | null;
}

/**
 * Cuts the text at every finding's edges; each piece takes the strongest
 * severity covering it (a blocker inside a long-message warning stays red).
 */
export function highlightSegments(text: string, findings: readonly LintFinding[]): Segment[] {
  const spans = findings
    .map((finding, index) => ({ finding, index }))
    .filter(({ finding }) => finding.span !== null)
    .map(({ finding, index }) => ({
      start: Math.max(0, Math.min(text.length, finding.span!.start)),
      end: Math.max(0, Math.min(text.length, finding.span!.end)),
      severity: finding.severity,
      index,
    }))
    .filter((span) => span.end > span.start);
  const cuts = [...new Set([0, text.length, ...spans.flatMap((span) => [span.start, span.end])])].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const covering = spans.filter((span) => span.start <= start && span.end >= end);
    const strongest = covering.find((span) => span.severity === 'blocker') ?? covering[0];
    // The shortest covering span names the segment: it is the finding the reader is looking at.
    const named = covering.reduce<(typeof covering)[number] | undefined>(
      (best, span) => (best === undefined || span.end - span.start < best.end - best.start ? span : best),
      undefined,
    );
    segments.push({ start, end, severity: strongest?.severity ?? null, finding: named?.index ?? null });
  }
  return segments;
}

export interface LintedTextareaHandle {
  /** Selects `text.slice(start, end)` in the textarea and brings it into view. */
  select: (start: number, end: number) => void;
  focus: () => void;
}

interface LintedTextareaProps {
  id: string;
  label: string;
  description?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  findings: readonly LintFinding[];
  /** The finding last picked in the list: outlined in the text. */
  activeFinding?: number | null;
  placeholder?: string;
  error?: ReactNode;
  /** Ids of elements that describe the field too (the word count). */
  describedBy?: string;
  maxHeight?: number;
}

/**
 * The request editor: a plain textarea whose problems are highlighted in place.
 * A backdrop behind the (transparent) textarea repeats the text with `<mark>`
 * around each finding's span; both layers share every metric that decides
 * wrapping, and the backdrop scrolls with the textarea.
 */
export const LintedTextarea = forwardRef<LintedTextareaHandle, LintedTextareaProps>(function LintedTextarea(
  { id, label, description, value, onChange, findings, activeFinding = null, placeholder, error, describedBy, maxHeight = 560 },
  ref,
) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);

  const syncScroll = useCallback(() => {
    if (!textarea.current || !backdrop.current) return;
    backdrop.current.scrollTop = textarea.current.scrollTop;
    backdrop.current.scrollLeft = textarea.current.scrollLeft;
  }, []);

  // Grows with the text up to maxHeight, then scrolls.
  const autosize = useCallback(() => {
    const element = textarea.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(maxHeight, element.scrollHeight)}px`;
    syncScroll();
  }, [maxHeight, syncScroll]);

  useLayoutEffect(autosize, [value, autosize]);
  useLayoutEffect(() => {
    const element = textarea.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    // A new width rewraps the text: the height follows.
    let width = element.clientWidth;
    const observer = new ResizeObserver(() => {
      if (element.clientWidth !== width) {
        width = element.clientWidth;
        autosize();
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [autosize]);

  useImperativeHandle(
    ref,
    () => ({
      select: (start, end) => {
        const element = textarea.current;
        if (!element) return;
        element.focus({ preventScroll: true });
        element.setSelectionRange(start, end);
        // Bring the selection into view: the backdrop's mark says where it falls.
        const mark = backdrop.current?.querySelector<HTMLElement>(`[data-start="${start}"]`);
        if (!mark) return;
        if (element.scrollHeight > element.clientHeight) {
          element.scrollTop = Math.max(0, mark.offsetTop - element.clientHeight / 3);
          syncScroll();
        }
        const rect = mark.getBoundingClientRect();
        const header = 72;
        if (rect.top < header || rect.bottom > window.innerHeight) {
          window.scrollBy({ top: rect.top - window.innerHeight / 3 });
        }
      },
      focus: () => textarea.current?.focus(),
    }),
    [syncScroll],
  );

  const segments = useMemo(() => highlightSegments(value, findings), [value, findings]);
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const ariaDescribedBy = [descriptionId, errorId, describedBy].filter(Boolean).join(' ') || undefined;

  return (
    <Input.Wrapper
      id={id}
      label={label}
      description={description}
      error={error}
      descriptionProps={{ id: descriptionId }}
      errorProps={{ id: errorId }}
      inputWrapperOrder={['label', 'description', 'input', 'error']}
    >
      <div className={classes.editor} data-error={error ? true : undefined}>
        <div ref={backdrop} className={classes.backdrop} aria-hidden>
          {segments.map((segment) =>
            segment.severity === null ? (
              <span key={segment.start}>{value.slice(segment.start, segment.end)}</span>
            ) : (
              <mark
                key={segment.start}
                className={classes.mark}
                data-severity={segment.severity}
                data-start={segment.start}
                data-active={segment.finding !== null && segment.finding === activeFinding ? true : undefined}
              >
                {value.slice(segment.start, segment.end)}
              </mark>
            ),
          )}
          {/* A final newline starts a line the textarea shows; the backdrop needs something on it too. */}
          {value.endsWith('\n') && ' '}
        </div>
        <textarea
          ref={textarea}
          id={id}
          className={classes.input}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          onScroll={syncScroll}
          placeholder={placeholder}
          spellCheck
          aria-invalid={error ? true : undefined}
          aria-describedby={ariaDescribedBy}
          rows={8}
        />
      </div>
    </Input.Wrapper>
  );
});
