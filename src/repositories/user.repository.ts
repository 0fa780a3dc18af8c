/** SQL about accounts that better-auth does not do for us: lookups for setup and the CLI. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

export interface UserSummary {
  id: string;
  email: string;
  name: string;
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUserByEmail(db: Db, email: string): Promise<UserSummary | undefined> {
  return db.selectFrom('user').select(['id', 'email', 'name']).where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserSummary | undefined> {
  return db.selectFrom('user').select(['id', 'email', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Db, limit: number): Promise<UserSummary[]> {
  return db.selectFrom('user').select(['id', 'email', 'name']).orderBy('createdAt').limit(limit).execute();
}

/** Claims the one-time setup; false when another request claimed it first. */
export async function claimSetup(db: Db, at: string): Promise<boolean> {
  const result = await db
    .insertInto('setting')
    .values({ key: 'setup_claimed_at', value: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function releaseSetup(db: Db): Promise<void> {
  await db.deleteFrom('setting').where('key', '=', 'setup_claimed_at').execute();
}

export async function isSetupClaimed(db: Db): Promise<boolean> {
  const row = await db.selectFrom('setting').select('key').where('key', '=', 'setup_claimed_at').executeTakeFirst();
  return row !== undefined;
}
