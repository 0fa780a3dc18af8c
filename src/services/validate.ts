import type { z } from 'zod';
import { validationFailed, type FieldIssue } from '../core/errors.ts';
import { hasUnsafeText } from '../core/normalize.ts';

/**
 * Parses untrusted input with a schema, or throws VALIDATION_FAILED naming every
 * field at fault. `where` names the part of a request the fields live in.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: '(body)' | '(query)' = '(body)'): z.output<S> {
  const unsafe = unsafeText(value, []);
  if (unsafe.length > 0) throw validationFailed(unsafe);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationFailed(zodIssues(result.error, where));
}

export function zodIssues(error: z.ZodError, where: '(body)' | '(query)' = '(body)'): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : where;
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown field(s): ${issue.keys.join(', ')}`;
    else if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) message = 'is required';
    return { field, message };
  });
}


function unsafeText(value: unknown, path: (string | number)[]): FieldIssue[] {
  if (typeof value === 'string') {
    return hasUnsafeText(value) ? [{ field: path.join('.') || '(body)', message: 'contains a NUL or broken Unicode character' }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => unsafeText(item, [...path, i]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => unsafeText(item, [...path, key]));
  }
  return [];
}
