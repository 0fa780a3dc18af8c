import type { Kysely } from 'kysely';
import type { Database, Dialect } from '../db/schema.ts';

/** What a service needs from the outside world, passed in so tests can pin the clock. */
export interface ServiceContext {
  db: Kysely<Database>;
  dialect: Dialect;
  now: () => Date;
  newId: () => string;
}

export function serviceContext(db: Kysely<Database>, dialect: Dialect, overrides: Partial<Omit<ServiceContext, 'db' | 'dialect'>> = {}): ServiceContext {
  return { db, dialect, now: () => new Date(), newId: () => crypto.randomUUID(), ...overrides };
}
