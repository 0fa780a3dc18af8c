/**
 * `rapport` — the command line. It reads the same configuration as the server
 * (flags > environment > defaults) and works on the database directly through
 * the same services the HTTP API uses.
 */
import { createInterface } from 'node:readline';
import { Command, Option } from 'commander';
import { createAuth, instanceSecret } from '../auth/auth.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { matchKey } from '../core/normalize.ts';
import { migrateToLatest, openDatabase, type Db } from '../db/database.ts';
import { findOrganizationIdByNameKey } from '../repositories/organization.repository.ts';
import { addAccount, resolveAccount } from '../services/account.service.ts';
import { createContact, listContacts } from '../services/contact.service.ts';
import { serviceContext, type ServiceContext } from '../services/context.ts';
import { createOrganization } from '../services/organization.service.ts';
import { parseInput } from '../services/validate.ts';
import { ContactCreateSchema, ContactListQuerySchema, SetupSchema } from '../shared/api.ts';
import { startServer } from '../server.ts';
import { registerDataCommands } from './data-commands.ts';
import type { GlobalOptions } from './options.ts';
import { parseFormat, printRows } from './output.ts';


function configFrom(options: GlobalOptions): Promise<Config> {
  return loadConfig(options, process.env, process.cwd());
}

/** Opens and migrates the database for one command, and always closes it. */
async function withDatabase<T>(options: GlobalOptions, run: (ctx: ServiceContext, db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = await configFrom(options);
  const db = openDatabase(config);
  try {
    await migrateToLatest(db.kysely);
    return await run(serviceContext(db.kysely, db.dialect), db, config);
  } finally {
    await db.close();
  }
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  process.stderr.write('Password (not shown): ');
  // Mute the echo: readline writes each typed character through this method.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  const password = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return password;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const program = new Command('rapport')
  .description('Rapport: informational interviews, end to end.')
  .addOption(new Option('--port <port>', 'port to listen on (env PORT, default 7420)'))
  .addOption(new Option('--host <host>', 'interface to listen on (env HOST, default 127.0.0.1)'))
  .addOption(new Option('--data-dir <dir>', 'SQLite data directory (env RAPPORT_DATA_DIR, default ./data)'))
  .addOption(new Option('--database-url <url>', 'PostgreSQL URL (env DATABASE_URL); unset means SQLite'))
  .addOption(new Option('--public-url <url>', 'address people open (env RAPPORT_PUBLIC_URL)'))
  .addOption(new Option('--format <format>', 'output format: json or table').default('table'))
  .addOption(new Option('--as <email>', 'the account to act for (default: the only one)'))
  .showHelpAfterError();

program
  .command('serve')
  .description('start the web server')
  .action(async (_options, command: Command) => {
    const options = command.optsWithGlobals<GlobalOptions>();
    const config = await configFrom(options);
    const server = await startServer(config);
    const where = server.db.dialect === 'sqlite' ? `SQLite database ${server.db.location}` : `PostgreSQL ${server.db.location}`;
    process.stdout.write(`Rapport is running at ${server.url}\nData: ${where}\nPress Ctrl-C to stop.\n`);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

const dbCommand = program.command('db').description('database maintenance');
dbCommand
  .command('migrate')
  .description('apply pending migrations (running it twice is harmless)')
  .action(async (_options, command: Command) => {
    const options = command.optsWithGlobals<GlobalOptions>();
    const config = await configFrom(options);
    const db = openDatabase(config);
    try {
      const results = await migrateToLatest(db.kysely);
      const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
      const format = parseFormat(options.format);
      if (format === 'json') process.stdout.write(`${JSON.stringify({ applied, database: db.dialect })}\n`);
      else process.stdout.write(applied.length === 0 ? 'Database is up to date.\n' : `Applied: ${applied.join(', ')}\n`);
    } finally {
      await db.close();
    }
  });

const userCommand = program.command('user').description('accounts');
userCommand
  .command('add <email>')
  .description('create an account; the password is read from standard input')
  .option('--name <name>', 'display name (default: the part of the e-mail before @)')
  .action(async (email: string, local: { name?: string }, command: Command) => {
    const options = command.optsWithGlobals<GlobalOptions>();
    const password = await readPassword();
    await withDatabase(options, async (ctx, db, config) => {
      const input = parseInput(SetupSchema, { email, password, name: local.name ?? email.split('@')[0] ?? email });
      const secret = await instanceSecret(db.kysely, config.secret);
      const auth = createAuth({ db: db.kysely, dialect: db.dialect, secret, publicUrl: config.publicUrl });
      const user = await addAccount(ctx, auth, input);
      const format = parseFormat(options.format);
      if (format === 'json') process.stdout.write(`${JSON.stringify(user)}\n`);
      else process.stdout.write(`Created account ${user.email}.\n`);
    });
  });

const contactsCommand = program.command('contacts').description('your contacts');
contactsCommand
  .command('list')
  .description('list contacts, sorted by name')
  .option('--q <text>', 'only names or organizations containing this text')
  .option('--tag <tag>', 'only contacts with this tag')
  .option('--limit <n>', 'at most this many', '100')
  .option('--offset <n>', 'skip this many', '0')
  .option('--sort <sort>', 'name, -name, -updated or -created', 'name')
  .action(async (local: { q?: string; tag?: string; limit: string; offset: string; sort: string }, command: Command) => {
    const options = command.optsWithGlobals<GlobalOptions>();
    const format = parseFormat(options.format);
    await withDatabase(options, async (ctx) => {
      const user = await resolveAccount(ctx, options.as);
      const query = parseInput(ContactListQuerySchema, { q: local.q, tag: local.tag, limit: local.limit, offset: local.offset, sort: local.sort });
      const page = await listContacts(ctx, user.id, query);
      const rows = page.items.map((c) => ({
        name: c.name,
        organization: c.organization?.name ?? null,
        title: c.title,
        email: c.emails[0] ?? null,
        tags: c.tags,
        id: c.id,
      }));
      printRows(format, rows, ['name', 'organization', 'title', 'email', 'tags'], page);
      if (format === 'table' && page.total > page.items.length) {
        process.stdout.write(`${page.items.length} of ${page.total} shown; use --offset and --limit for more.\n`);
      }
    });
  });

contactsCommand
  .command('add')
  .description('add a contact')
  .requiredOption('--name <name>', 'full name')
  .option('--email <email>', 'e-mail address (repeatable)', collect, [])
  .option('--phone <phone>', 'phone number (repeatable)', collect, [])
  .option('--tag <tag>', 'tag (repeatable)', collect, [])
  .option('--organization <name>', 'organization name; created if you have none by that name')
  .option('--title <title>', 'job title')
  .option('--linkedin <url>', 'LinkedIn profile URL')
  .option('--location <place>', 'where they are')
  .option('--time-zone <zone>', 'IANA time zone, e.g. Europe/Paris')
  .option('--source <how>', 'how you met')
  .option('--notes <markdown>', 'notes in Markdown')
  .action(async (local: Record<string, string | string[] | undefined>, command: Command) => {
    const options = command.optsWithGlobals<GlobalOptions>();
    const format = parseFormat(options.format);
    await withDatabase(options, async (ctx) => {
      const user = await resolveAccount(ctx, options.as);
      const input = parseInput(ContactCreateSchema, {
        name: local.name,
        emails: local.email,
        phones: local.phone,
        tags: local.tag,
        title: local.title ?? null,
        linkedinUrl: local.linkedin ?? null,
        location: local.location ?? null,
        timeZone: local.timeZone ?? null,
        source: local.source ?? null,
        notes: local.notes ?? null,
      });
      if (typeof local.organization === 'string' && local.organization.trim() !== '') {
        const existing = await findOrganizationIdByNameKey(ctx.db, user.id, matchKey(local.organization));
        input.organizationId = existing ?? (await createOrganization(ctx, user.id, { name: local.organization, website: null, industry: null, notes: null })).id;
      }
      const contact = await createContact(ctx, user.id, input);
      if (format === 'json') process.stdout.write(`${JSON.stringify(contact, null, 2)}\n`);
      else process.stdout.write(`Added ${contact.name}${contact.organization ? ` (${contact.organization.name})` : ''} — id ${contact.id}\n`);
    });
  });

registerDataCommands(program, { withDatabase, loadConfig: configFrom });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof AppError) {
    process.stderr.write(`error ${error.code}: ${error.message}\n`);
    for (const issue of error.details?.issues ?? []) process.stderr.write(`  - ${issue.field}: ${issue.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
