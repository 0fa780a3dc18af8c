/**
 * The CLI's data commands: import, export, restore and backup. They share the
 * services the web app uses, so a file imported here and uploaded there gives
 * the same result.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { backupSqliteFile } from '../backup/sqlite-backup.ts';
import { exportAccount, parseBackupJson, restoreAccount, serializeBackup } from '../backup/account-backup.ts';
import { AppError } from '../core/errors.ts';
import { sqliteFilePath } from '../db/database.ts';
import { contactsToCsv } from '../exports/contacts-csv.ts';
import { contactsToVCards } from '../exports/vcard-writer.ts';
import { parseImportFile } from '../imports/parse.ts';
import type { ImportFormat } from '../imports/types.ts';
import { findAllContacts } from '../repositories/contact.repository.ts';
import { resolveAccount } from '../services/account.service.ts';
import type { ServiceContext } from '../services/context.ts';
import { importParsed } from '../services/import.service.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { GlobalOptions } from './options.ts';
import { parseFormat } from './output.ts';

export interface DataCommandDeps {
  withDatabase<T>(options: GlobalOptions, run: (ctx: ServiceContext, db: Db, config: Config) => Promise<T>): Promise<T>;
  loadConfig(options: GlobalOptions): Promise<Config>;
}


function readInput(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, {
      issues: [{ field: 'FILE', message: 'cannot be read' }],
    });
  }
}

/** A one-line progress bar on a terminal; silent when output is piped. */
function progressBar(label: string): ((done: number, total: number) => void) & { finish(): void } {
  const tty = process.stderr.isTTY === true;
  let drawn = false;
  const draw = (done: number, total: number) => {
    if (!tty || total === 0) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    drawn = true;
  };
  return Object.assign(draw, {
    finish() {
      if (drawn) process.stderr.write('\n');
    },
  });
}

export function registerDataCommands(program: Command, deps: DataCommandDeps): void {
  const importCommand = program.command('import').description('bring contacts in from a file');
  for (const [format, what] of [
    ['linkedin', "LinkedIn's Connections.csv"],
    ['vcard', 'a vCard file (.vcf) from Google, Apple or Outlook'],
  ] as const) {
    importCommand
      .command(`${format} <file>`)
      .description(`import ${what}`)
      .option('--dry-run', 'report what would happen and write nothing')
      .action(async (file: string, local: { dryRun?: boolean }, command: Command) => {
        const options = command.optsWithGlobals<GlobalOptions>();
        const output = parseFormat(options.format);
        const parsed = parseImportFile(format as ImportFormat, readInput(file));
        await deps.withDatabase(options, async (ctx) => {
          const user = await resolveAccount(ctx, options.as);
          const progress = progressBar(local.dryRun ? 'Checking' : 'Importing');
          const report = await importParsed(ctx, user.id, parsed, { dryRun: local.dryRun === true, onProgress: progress });
          progress.finish();
          if (output === 'json') {
            const { read, created, updated, unchanged, skipped } = report;
            process.stdout.write(`${JSON.stringify({ read, created, updated, unchanged, skipped }, null, 2)}\n`);
            return;
          }
          const verb = report.dryRun ? 'Would import' : 'Imported';
          process.stdout.write(
            `${verb} ${path.basename(file)}: ${report.read} read, ${report.created} created, ${report.updated} updated, ` +
              `${report.unchanged} unchanged, ${report.skipped.length} skipped` +
              (report.organizationsCreated ? `; ${report.organizationsCreated} new organizations` : '') +
              '.\n',
          );
          for (const s of report.skipped) process.stdout.write(`  skipped ${format === 'vcard' ? 'card' : 'line'} ${s.line}: ${s.reason}\n`);
          if (report.dryRun) process.stdout.write('Nothing was written. Run again without --dry-run to import.\n');
        });
      });
  }

  program
    .command('export <kind>')
    .description('export your data: csv or vcard (contacts), json (a full backup of your account)')
    .option('--vcard-version <v>', 'vCard version: 4.0 or 3.0', '4.0')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (kind: string, local: { vcardVersion: string; output?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      if (!['csv', 'vcard', 'json'].includes(kind)) throw new AppError('VALIDATION_FAILED', `export takes csv, vcard or json (got "${kind}").`);
      if (kind === 'vcard' && local.vcardVersion !== '4.0' && local.vcardVersion !== '3.0') {
        throw new AppError('VALIDATION_FAILED', `--vcard-version must be 4.0 or 3.0 (got "${local.vcardVersion}").`);
      }
      await deps.withDatabase(options, async (ctx) => {
        const user = await resolveAccount(ctx, options.as);
        let text: string;
        if (kind === 'json') text = serializeBackup(await exportAccount(ctx.db, user.id, ctx.now()));
        else {
          const contacts = await findAllContacts(ctx.db, user.id);
          text = kind === 'csv' ? contactsToCsv(contacts) : contactsToVCards(contacts, local.vcardVersion as '4.0' | '3.0');
        }
        if (local.output) {
          // A JSON backup holds the password hash: readable by its owner only.
          writeFileSync(local.output, text, { flag: 'wx', mode: kind === 'json' ? 0o600 : 0o644 });
          process.stderr.write(`Wrote ${local.output}.\n`);
        } else process.stdout.write(text);
      });
    });

  program
    .command('restore <file>')
    .description('restore a JSON backup (from `rapport export json`) into this instance')
    .action(async (file: string, _local: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const backup = parseBackupJson(Buffer.from(readInput(file)).toString('utf8'));
      await deps.withDatabase(options, async (ctx) => {
        const result = await restoreAccount(ctx.db, backup, ctx.now());
        const output = parseFormat(options.format);
        if (output === 'json') process.stdout.write(`${JSON.stringify(result)}\n`);
        else process.stdout.write(`Restored ${result.contacts} contacts and ${result.organizations} organizations.\n`);
      });
    });

  program
    .command('backup <file>')
    .description('write a consistent copy of the SQLite database, even while the server runs')
    .action(async (file: string, _local: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const config = await deps.loadConfig(options);
      if (config.databaseUrl) {
        throw new AppError('VALIDATION_FAILED', 'This instance runs on PostgreSQL: back it up with pg_dump, or export an account with `rapport export json`.');
      }
      const result = await backupSqliteFile(sqliteFilePath(config.dataDir), path.resolve(file));
      process.stdout.write(`Backed up to ${file} (${result.bytes} bytes, integrity ${result.integrity}).\n`);
    });
}
