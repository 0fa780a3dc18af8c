/** Downloads: contacts as CSV or vCard, and the whole account as a JSON backup. */
import { Hono } from 'hono';
import { z } from 'zod';
import { exportAccount, serializeBackup } from '../../backup/account-backup.ts';
import { contactsToCsv } from '../../exports/contacts-csv.ts';
import { contactsToVCards } from '../../exports/vcard-writer.ts';
import { findAllContacts } from '../../repositories/contact.repository.ts';
import type { AppContext, AppDeps, AppEnv } from '../env.ts';
import { query } from '../validate.ts';

const VCardQuerySchema = z.object({ version: z.enum(['4.0', '3.0']).default('4.0') });

function download(c: AppContext, body: string, type: string, filename: string) {
  c.header('content-type', type);
  c.header('content-disposition', `attachment; filename="${filename}"`);
  c.header('cache-control', 'no-store');
  return c.body(body);
}

function stamp(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function exportRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/contacts.csv', async (c) => {
      const contacts = await findAllContacts(ctx.db, c.get('user').id);
      return download(c, contactsToCsv(contacts), 'text/csv; charset=utf-8', `rapport-contacts-${stamp(ctx.now())}.csv`);
    })
    .get('/contacts.vcf', async (c) => {
      const { version } = query(c, VCardQuerySchema);
      const contacts = await findAllContacts(ctx.db, c.get('user').id);
      return download(c, contactsToVCards(contacts, version), 'text/vcard; charset=utf-8', `rapport-contacts-${stamp(ctx.now())}.vcf`);
    })
    .get('/account.json', async (c) => {
      const backup = await exportAccount(ctx.db, c.get('user').id, ctx.now());
      return download(c, serializeBackup(backup), 'application/json; charset=utf-8', `rapport-backup-${stamp(ctx.now())}.json`);
    });
}
