/** After a failed save, brings the first field with an error into view and focus. */
export function focusFirstError(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!field) return;
    field.scrollIntoView({ block: 'center' });
    field.focus({ preventScroll: true });
  });
}

/** Brings an element (an alert) into view. */
export function reveal(element: HTMLElement | null): void {
  requestAnimationFrame(() => element?.scrollIntoView({ block: 'center' }));
}
