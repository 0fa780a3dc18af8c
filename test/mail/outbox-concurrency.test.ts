/**
 * Two workers, each with its own connections to one database — as two server
 * processes would be — draining the same outbox at once: every message is sent
 * exactly once. On PostgreSQL two pools; on SQLite two connections to one file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openPostgres, openSqlite, type Db } from '../../src/db/database.ts';
import type { Dialect } from '../../src/db/schema.ts';
import { enqueueMessage } from '../../src/mail/outbox.service.ts';
import { createSmtpTransport, parseSmtpUrlOrThrow, startOutboxWorker } from '../../src/mail/sender.ts';
import { createTestDb, DIALECTS, dialectUnavailable, type TestDb } from '../support/databases.ts';
import { insertTestUser } from '../support/factories.ts';
import { LoopbackSmtp } from './loopback-smtp.ts';

const MESSAGES = 40;

/** Two independent handles on one fresh, migrated database. */
async function twoConnections(dialect: Dialect): Promise<{ a: Db; b: Db; close(): Promise<void> }> {
  if (dialect === 'postgres') {
    const test: TestDb = await createTestDb('postgres');
    const other = openPostgres(test.url!, 4);
    return {
      a: test,
      b: other,
      close: async () => {
        await other.close();
        await test.close();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'rapport-outbox-'));
  const file = path.join(dir, 'rapport.sqlite');
  const a = openSqlite(file);
  await migrateToLatest(a.kysely);
  const b = openSqlite(file);
  return {
    a,
    b,
    close: async () => {
      await b.close();
      await a.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.each(DIALECTS)('two workers on one %s outbox', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let dbs: Awaited<ReturnType<typeof twoConnections>>;
  let smtp: LoopbackSmtp;
  const transports: Transporter[] = [];

  beforeAll(async () => {
    if (skip) return;
    dbs = await twoConnections(dialect);
    // A slow server, so the two workers' sends overlap.
    smtp = await LoopbackSmtp.start({ dataDelayMs: 15 });
  });
  afterAll(async () => {
    for (const t of transports) t.close();
    await smtp?.close();
    await dbs?.close();
  });

  it.skipIf(skip)('sends each message exactly once', async () => {
    const now = () => new Date('2026-11-23T09:00:00.000Z');
    await insertTestUser(dbs.a.kysely, dialect, 'owner');
    const ids = new Set<string>();
    for (let i = 0; i < MESSAGES; i++) {
      const { messageId } = await dbs.a.kysely
        .transaction()
        .execute((trx) => enqueueMessage(trx, { ownerId: 'owner', to: 'dana@example.com', subject: `Message ${i}`, text: `Body ${i}`, cause: { kind: 'test', id: String(i) } }, { now }));
      ids.add(messageId);
    }

    const logs: string[] = [];
    const workers = [dbs.a, dbs.b].map((db) => {
      const transport = createSmtpTransport(parseSmtpUrlOrThrow(smtp.url));
      transports.push(transport);
      return startOutboxWorker({ db: db.kysely, transport, from: 'rapport@example.org', now, log: (l) => logs.push(l), pollMs: null });
    });
    const reports = await Promise.all(workers.map((w) => w.drainOnce()));

    // Both did part of the work, and together all of it, once.
    expect(reports.map((r) => r.sent).reduce((a, b) => a + b)).toBe(MESSAGES);
    expect(reports.every((r) => r.sent > 0)).toBe(true);
    expect(smtp.received).toHaveLength(MESSAGES);
    expect(new Set(smtp.received.map((m) => m.messageId))).toEqual(ids);
    const rows = await dbs.b.kysely.selectFrom('outbox_message').select(['status', 'attempts']).execute();
    expect(rows.every((r) => r.status === 'sent' && Number(r.attempts) === 1)).toBe(true);
    expect(logs).toEqual([]);
  });
});
