import { ApiError } from '../api/index.ts';

export type FieldErrors = Record<string, string>;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Turns the server's `details.issues` into one message per form field. `fieldFor`
 * maps an API field (`organizationId`) to the form's field (`organization`);
 * issues about an item of a list (`emails.1`) name the offending value.
 */
export function fieldErrorsFrom(
  error: unknown,
  values: Record<string, unknown> = {},
  fieldFor: Record<string, string> = {},
): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const [head = '', index] = issue.field.split('.');
    const field = fieldFor[head] ?? head;
    const list = values[field];
    let message = capitalize(issue.message);
    if (index !== undefined && Array.isArray(list) && typeof list[Number(index)] === 'string') {
      message = `“${list[Number(index)] as string}” ${issue.message}`;
    }
    errors[field] = errors[field] ? `${errors[field]}; ${message}` : message;
  }
  return errors;
}
