import type { Kysely } from 'kysely';
import type { Database, Dialect } from '../db/schema.ts';

/** What the services need to put e-mail in the outbox; absent when SMTP is not configured. */
export interface MailContext {
  /** The From address, e.g. "Rapport <rapport@example.org>". */
  from: string;
  /** The right-hand side of Message-IDs: the From address's domain. */
  messageIdDomain: string;
  /** Tells the outbox worker a message is waiting (after the transaction commits). */
  wake(): void;
}

/** What a service needs from the outside world, passed in so tests can pin the clock. */
export interface ServiceContext {
  db: Kysely<Database>;
  dialect: Dialect;
  now: () => Date;
  newId: () => string;
  /** The origin people open, for links in e-mail, invite UIDs and the calendar feed URL. */
  publicUrl?: string;
  mail?: MailContext | null;
}

/**
 * A new random id (a UUID v4), held as one flat string. `crypto.randomUUID()`
 * assembles its text from twenty pieces, and V8 keeps that as a tree of some
 * fourteen linked strings (about 480 bytes) until something reads it whole;
 * `toLowerCase()` on an already lower-case id returns it as one 56-byte string.
 * Imports hold tens of thousands of new ids at once, so this is 13 MB of a
 * 30,000-row import's peak (measured with a heap snapshot).
 */
export function newRandomId(): string {
  return crypto.randomUUID().toLowerCase();
}

export function serviceContext(db: Kysely<Database>, dialect: Dialect, overrides: Partial<Omit<ServiceContext, 'db' | 'dialect'>> = {}): ServiceContext {
  return { db, dialect, now: () => new Date(), newId: newRandomId, ...overrides };
}
