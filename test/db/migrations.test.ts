import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/database.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { createTestDb, DIALECTS, dialectUnavailable, type TestDb } from '../support/databases.ts';

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let db: TestDb;
  beforeAll(async () => {
    if (!skip) db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db?.close();
  });

  it.skipIf(skip)('are all applied, and migrating again is a no-op', async () => {
    const applied = await db.kysely.selectFrom('rapport_migration' as never).select('name' as never).execute();
    expect(applied.map((r) => (r as { name: string }).name)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(db.kysely)).toEqual([]);
    expect(await migrateToLatest(db.kysely)).toEqual([]);
  });

  it.skipIf(skip)('enforce the owner and uniqueness rules in the schema too', async () => {
    const now = new Date().toISOString();
    await db.kysely
      .insertInto('user')
      .values({ id: 'u1', name: 'U', email: 'u@example.com', emailVerified: dialect === 'sqlite' ? 0 : false, image: null, createdAt: now, updatedAt: now })
      .execute();
    const org = { owner_id: 'u1', name: 'Acme', name_key: 'acme', website: null, industry: null, notes: null, version: 1, created_at: now, updated_at: now };
    await db.kysely.insertInto('organization').values({ id: 'o1', ...org }).execute();
    await expect(db.kysely.insertInto('organization').values({ id: 'o2', ...org }).execute()).rejects.toThrow();
    await expect(db.kysely.insertInto('organization').values({ id: 'o3', ...org, owner_id: 'nobody', name_key: 'other' }).execute()).rejects.toThrow();
  });

  it.skipIf(skip)('roll back whole when one fails halfway', async () => {
    const broken = {
      ...migrations,
      '9999_broken': {
        async up(db: Kysely<any>) {
          await db.schema.createTable('half_done').addColumn('id', 'text').execute();
          throw new Error('disk full, say');
        },
      },
    };
    await expect(migrateToLatest(db.kysely, broken)).rejects.toThrow('disk full, say');
    const tables = await db.kysely.introspection.getTables();
    expect(tables.map((t) => t.name)).not.toContain('half_done');
    const applied = await db.kysely.selectFrom('rapport_migration' as never).select('name' as never).execute();
    expect(applied.map((r) => (r as { name: string }).name)).toEqual(Object.keys(migrations));
  });
});
