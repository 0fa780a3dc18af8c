/** Reads request bodies and queries through zod, turning every failure into our error model. */
import type { z } from 'zod';
import { AppError } from '../core/errors.ts';
import { parseInput } from '../services/validate.ts';
import type { AppContext } from './env.ts';

export async function jsonBody<S extends z.ZodType>(c: AppContext, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as JSON (Content-Type: application/json).');
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION_FAILED', 'The request body is not valid JSON.', { issues: [{ field: '(body)', message: 'is not valid JSON' }] });
  }
  return parseInput(schema, body);
}

export function query<S extends z.ZodType>(c: AppContext, schema: S): z.output<S> {
  return parseInput(schema, c.req.query(), '(query)');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A path id. A malformed one cannot name anything of the caller's, so it gets
 * the same 404 as an id that belongs to nobody, or to somebody else.
 */
export function pathId(c: AppContext, what: string, param = 'id'): string {
  const id = c.req.param(param) ?? '';
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', `${what} was not found.`);
  return id.toLowerCase();
}
