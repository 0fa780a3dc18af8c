/**
 * Uploads of LinkedIn and vCard files: the raw file is the request body. With
 * `?dryRun=true` the answer is the preview; without it the import runs, all or nothing.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { IMPORT_FORMATS, parseImportFile } from '../../imports/parse.ts';
import { importParsed } from '../../services/import.service.ts';
import type { AppDeps, AppEnv } from '../env.ts';
import { query } from '../validate.ts';

/** A LinkedIn export of 30,000 connections is about 4 MB; vCards with photos are larger. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const ImportQuerySchema = z.object({
  dryRun: z.enum(['true', 'false']).default('false'),
});

export function importRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>().post(
    '/:format',
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: () => {
        throw new AppError('BODY_TOO_LARGE', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`);
      },
    }),
    async (c) => {
      const format = c.req.param('format');
      if (!IMPORT_FORMATS.includes(format as never)) {
        throw new AppError('ROUTE_NOT_FOUND', `Rapport imports ${IMPORT_FORMATS.join(' and ')} files, not "${format}".`);
      }
      const { dryRun } = query(c, ImportQuerySchema);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', 'The file is empty.', { issues: [{ field: 'file', message: 'is empty' }] });
      const parsed = parseImportFile(format as 'linkedin' | 'vcard', bytes);
      return c.json(await importParsed(ctx, c.get('user').id, parsed, { dryRun: dryRun === 'true' }));
    },
  );
}
