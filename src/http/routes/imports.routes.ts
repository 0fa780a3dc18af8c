/**
 * Uploads of LinkedIn and vCard files: the raw file is the request body. With
 * `?dryRun=true` the answer is the preview; without it the import runs, all or nothing.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { IMPORT_FORMATS, parseImportFile } from '../../imports/parse.ts';
import type { ImportFormat, ImportReport } from '../../imports/types.ts';
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
      const report = await importUpload(ctx, c.get('user').id, format as ImportFormat, new Uint8Array(await c.req.arrayBuffer()), dryRun === 'true');
      collectGarbage();
      return c.json(report);
    },
  );
}

/** Parses and imports one upload. Its own function, so the file and the parsed rows are garbage once it returns. */
async function importUpload(ctx: AppDeps['ctx'], ownerId: string, format: ImportFormat, bytes: Uint8Array, dryRun: boolean): Promise<ImportReport> {
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', 'The file is empty.', { issues: [{ field: 'file', message: 'is empty' }] });
  return importParsed(ctx, ownerId, parseImportFile(format, bytes), { dryRun });
}

/**
 * A large import leaves tens of megabytes of garbage (the rows parsed, matched and written). V8 would give
 * that memory back only after some seconds of idling; `npm start` runs node with `--expose-gc`, so the
 * server collects it as soon as the import ends. Twice: the first collection finds the garbage but sweeps
 * and unmaps the freed pages on background threads, so the process still holds them when the answer goes
 * out; the second waits for that work and releases them (30,000 rows: some 20 + 40 ms, and 25–30 MB less
 * resident right after the import, `npm run bench`). Elsewhere, a no-op.
 */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
}
