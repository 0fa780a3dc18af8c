/**
 * A full JSON backup of one account, and its restore into an instance of either
 * database. The round trip is exact: SQLite → JSON → PostgreSQL → JSON gives the
 * same file but for `exportedAt`. See `backup-format.ts` for what the file holds.
 *
 * The file carries the account's password hash so its owner signs in with the
 * same password after a restore: keep it as private as the database itself.
 *
 * @example
 * const backup = await exportAccount(db, user.id);
 * await writeFile('rapport-backup.json', serializeBackup(backup), { mode: 0o600 });
 * // … on the new instance:
 * await restoreAccount(db, parseBackupJson(await readFile('rapport-backup.json', 'utf8')), new Date());
 */
import type { Kysely } from 'kysely';
import { AppError, validationFailed, type FieldIssue } from '../core/errors.ts';
import type { Database } from '../db/schema.ts';
import * as backups from '../repositories/backup.repository.ts';
import { isUniqueViolation } from '../repositories/row-mapping.ts';
import { claimSetup, findUserByEmail } from '../repositories/user.repository.ts';
import { zodIssues } from '../services/validate.ts';
import { AccountBackupSchema, BACKUP_FORMAT, BACKUP_VERSION, type AccountBackup } from './backup-format.ts';

export type { AccountBackup } from './backup-format.ts';

export interface RestoreResult {
  /** The new account's id (ids of the rows in the file are kept; the user's is new). */
  userId: string;
  email: string;
  organizations: number;
  contacts: number;
  interviews: number;
}

/** How many problems a refused file lists; the message says how many there were in all. */
const MAX_ISSUES = 20;

/**
 * Every row the account owns, read in one transaction (repeatable read on
 * PostgreSQL) so a server writing meanwhile cannot give a torn file.
 */
export async function exportAccount(db: Kysely<Database>, ownerId: string, now: Date = new Date()): Promise<AccountBackup> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const account = await backups.findBackupAccount(trx, ownerId);
      if (!account) throw new AppError('NOT_FOUND', 'That account was not found.');
      return {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        exportedAt: now.toISOString(),
        account,
        organizations: await backups.listBackupOrganizations(trx, ownerId),
        contacts: await backups.listBackupContacts(trx, ownerId),
        contactTags: await backups.listBackupContactTags(trx, ownerId),
        contactHistory: await backups.listBackupContactHistory(trx, ownerId),
        preferences: await backups.findBackupPreferences(trx, ownerId),
        contactLinks: await backups.listBackupContactLinks(trx, ownerId),
        targets: await backups.listBackupTargets(trx, ownerId),
        interviews: await backups.listBackupInterviews(trx, ownerId),
        interviewEvents: await backups.listBackupInterviewEvents(trx, ownerId),
        taskDecisions: await backups.listBackupTaskDecisions(trx, ownerId),
        calendarFeed: await backups.findBackupCalendarFeed(trx, ownerId),
        questions: await backups.listBackupQuestions(trx, ownerId),
        agendaItems: await backups.listBackupAgendaItems(trx, ownerId),
        meetingSessions: await backups.listBackupMeetingSessions(trx, ownerId),
        writeUps: await backups.listBackupWriteUps(trx, ownerId),
        referrals: await backups.listBackupReferrals(trx, ownerId),
        outcomes: await backups.listBackupOutcomes(trx, ownerId),
      };
    });
}

/** The file as written to disk or sent as a download: indented JSON, one final newline. */
export function serializeBackup(backup: AccountBackup): string {
  return `${JSON.stringify(backup, null, 2)}\n`;
}

/** The text of a backup file, parsed; text that is not JSON is refused as "not a backup". */
export function parseBackupJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new AppError('RESTORE_REFUSED', `This file is not a Rapport backup: it is not JSON (${(error as Error).message}).`);
  }
}

/** A file of another kind or another format version is refused before its rows are looked at. */
function checkFormat(value: unknown): void {
  const header = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  if (header.format !== BACKUP_FORMAT) {
    throw new AppError('RESTORE_REFUSED', `This file is not a Rapport backup (its "format" is not "${BACKUP_FORMAT}").`, {
      format: header.format ?? null,
    });
  }
  const version = header.version;
  if (version !== BACKUP_VERSION) {
    const message =
      typeof version === 'number' && version > BACKUP_VERSION
        ? `This backup has format version ${version}, from a newer Rapport; this one restores version ${BACKUP_VERSION}. Upgrade Rapport first.`
        : `This backup has format version ${JSON.stringify(version ?? null)}; this Rapport restores version ${BACKUP_VERSION}.`;
    throw new AppError('RESTORE_REFUSED', message, { version: version ?? null, supported: BACKUP_VERSION });
  }
}

function parseBackup(value: unknown): AccountBackup {
  checkFormat(value);
  const result = AccountBackupSchema.safeParse(value);
  if (result.success) return result.data;
  const issues: FieldIssue[] = zodIssues(result.error).map((i) => (i.field === '(body)' ? { ...i, field: '(file)' } : i));
  if (issues.length <= MAX_ISSUES) throw validationFailed(issues);
  const first = issues[0]!;
  throw new AppError('VALIDATION_FAILED', `${issues.length} problems in the backup, the first at ${first.field}: ${first.message}`, {
    issues: issues.slice(0, MAX_ISSUES),
    more: issues.length - MAX_ISSUES,
  });
}

/**
 * Creates the account of a backup with all its rows, in one transaction: all or
 * nothing. Rows go in foreign-key order: organizations, contacts, their tags,
 * history and links, targets, interviews, their events, task decisions, the
 * question bank, agendas, meeting sessions, write-ups, referrals, outcomes,
 * preferences, the calendar feed. Refused (RESTORE_REFUSED) when the file is not
 * a version-1 Rapport backup, when this instance already has an account with its
 * e-mail, or already holds rows with its ids or its calendar feed's token (it was
 * restored here before); other accounts may exist.
 * A malformed file is refused (VALIDATION_FAILED) naming the path at fault, e.g.
 * `contacts.3.name`, before anything is written. Marks the instance as set up.
 */
export async function restoreAccount(db: Kysely<Database>, backup: unknown, now: Date): Promise<RestoreResult> {
  const file = parseBackup(backup);
  const { email } = file.account;
  const userId = crypto.randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      if (await findUserByEmail(trx, email)) {
        throw new AppError('RESTORE_REFUSED', `This instance already has an account for ${email}; a backup restores only into an instance without it.`, {
          email,
        });
      }
      await refuseReusedIds(trx, file);
      await backups.insertRestoredUser(trx, {
        id: userId,
        accountId: crypto.randomUUID(),
        email,
        name: file.account.name,
        passwordHash: file.account.passwordHash,
        at: now.toISOString(),
      });
      await backups.insertRestoredOrganizations(trx, userId, file.organizations);
      await backups.insertRestoredContacts(trx, userId, file.contacts);
      await backups.insertRestoredContactTags(trx, userId, file.contactTags);
      await backups.insertRestoredContactHistory(trx, userId, file.contactHistory);
      await backups.insertRestoredContactLinks(trx, userId, file.contactLinks);
      await backups.insertRestoredTargets(trx, userId, file.targets);
      await backups.insertRestoredInterviews(trx, userId, file.interviews);
      await backups.insertRestoredInterviewEvents(trx, userId, file.interviewEvents);
      await backups.insertRestoredTaskDecisions(trx, userId, file.taskDecisions);
      await backups.insertRestoredQuestions(trx, userId, file.questions);
      await backups.insertRestoredAgendaItems(trx, userId, file.agendaItems);
      await backups.insertRestoredMeetingSessions(trx, userId, file.meetingSessions);
      await backups.insertRestoredWriteUps(trx, userId, file.writeUps);
      await backups.insertRestoredReferrals(trx, userId, file.referrals);
      await backups.insertRestoredOutcomes(trx, userId, file.outcomes);
      if (file.preferences) await backups.insertRestoredPreferences(trx, userId, file.preferences);
      if (file.calendarFeed) await backups.insertRestoredCalendarFeed(trx, userId, file.calendarFeed);
      await claimSetup(trx, now.toISOString());
    });
  } catch (error) {
    // Another restore of the same file (or a sign-up with its e-mail) won the race.
    if (isUniqueViolation(error)) {
      throw new AppError('RESTORE_REFUSED', `This instance already holds the account ${email} or rows of this backup.`, { email });
    }
    throw error;
  }
  return { userId, email, organizations: file.organizations.length, contacts: file.contacts.length, interviews: file.interviews.length };
}

async function refuseReusedIds(trx: Kysely<Database>, file: AccountBackup): Promise<void> {
  const sections = [
    ['organization', 'organizations', file.organizations],
    ['contact', 'contacts', file.contacts],
    ['contact_history', 'contactHistory', file.contactHistory],
    ['target', 'targets', file.targets],
    ['interview', 'interviews', file.interviews],
    ['interview_event', 'interviewEvents', file.interviewEvents],
    ['question', 'questions', file.questions],
    ['agenda_item', 'agendaItems', file.agendaItems],
    ['referral', 'referrals', file.referrals],
    ['outcome', 'outcomes', file.outcomes],
  ] as const;
  for (const [table, section, rows] of sections) {
    const taken = await backups.existingIds(
      trx,
      table,
      rows.map((r) => r.id),
    );
    if (taken.length > 0) {
      throw new AppError(
        'RESTORE_REFUSED',
        `This instance already holds ${taken.length} of the backup's ${section} (e.g. id ${taken[0]}): it was restored here before, or exported from here.`,
        { section, ids: taken.slice(0, MAX_ISSUES) },
      );
    }
  }
  // The token hash is unique: a second account cannot answer the same feed URL.
  if (file.calendarFeed && (await backups.calendarFeedTaken(trx, file.calendarFeed.tokenHash))) {
    throw new AppError('RESTORE_REFUSED', "This instance already holds the backup's calendar feed: it was restored here before, or exported from here.", {
      section: 'calendarFeed',
    });
  }
}
