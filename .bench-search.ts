import { openSqlite, openPostgres, migrateToLatest } from './src/db/database.ts';
import { searchContacts } from './src/repositories/search.repository.ts';
import pg from 'pg';
const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
await admin.connect(); await admin.query('drop database if exists bench_search'); await admin.query('create database bench_search'); await admin.end();
const first = ['Dana','Daniel','Emile','Priya','Morgan','Jordan','Alex','Sam','Chris','Taylor','Maria','José','Zoë','Li','Aisha','Omar','Ingrid','Lars','Keiko','Ravi'];
const last = ['Reyes','Okafor','Durand','Shah','Lee','Danvers','Smith','Nguyen','Garcia','Müller','Kowalski','Rossi','Tanaka','Singh','Brown','Martin','Silva','Novak','Cohen','Ivanova'];
const words = 'design product data platform engineering research meetup alumni referral coffee interview startup healthcare finance climate robotics marketing sales hiring team manager'.split(' ');
const rnd = (n: number) => Math.floor(Math.random() * n);
for (const db of [openSqlite('/tmp/bench-search.sqlite'), openPostgres('postgres://postgres@127.0.0.1:5432/bench_search')]) {
  const k = db.kysely; await migrateToLatest(k);
  const now = new Date().toISOString();
  await k.deleteFrom('user').execute().catch(() => {});
  await k.insertInto('user').values({ id: 'u', name: 'u', email: 'u@x', emailVerified: db.dialect === 'sqlite' ? 0 : false, image: null, createdAt: now, updatedAt: now }).execute();
  const orgs = Array.from({ length: 2000 }, (_, i) => ({ id: `o${i}`, owner_id: 'u', name: `${words[rnd(words.length)]} ${last[rnd(20)]} ${i}`, name_key: `org ${i}`, website: null, industry: null, notes: null, version: 1, created_at: now, updated_at: now }));
  for (let i = 0; i < orgs.length; i += 500) await k.insertInto('organization').values(orgs.slice(i, i + 500)).execute();
  const t0 = performance.now();
  await k.transaction().execute(async (trx) => {
    for (let i = 0; i < 30000; i += 500) {
      const rows = Array.from({ length: 500 }, (_, j) => { const name = `${first[rnd(20)]} ${last[rnd(20)]}${i + j}`; return { id: crypto.randomUUID(), owner_id: 'u', name, name_key: name.toLowerCase(), emails: '[]', phones: '[]', linkedin_url: null, organization_id: `o${rnd(2000)}`, title: `${words[rnd(words.length)]} lead`, location: null, time_zone: null, source: null, introduced_by_id: null, notes: Array.from({ length: 40 }, () => words[rnd(words.length)]).join(' '), connected_on: null, version: 1, created_at: now, updated_at: now }; });
      await trx.insertInto('contact').values(rows).execute();
      await trx.insertInto('contact_tag').values(rows.flatMap((r) => [{ contact_id: r.id, owner_id: 'u', tag: words[rnd(words.length)]!, tag_key: 't' + rnd(1e9), position: 0 }])).execute();
    }
  });
  console.log(db.dialect, 'insert 30k contacts+tags ms', Math.round(performance.now() - t0));
  if (db.dialect === 'postgres') await (await import('kysely')).sql`analyze`.execute(k);
  for (const q of ['dan', 'dana reyes', 'design', 'müller', 'health team', 'o', 'zzzq', 'robotics manager coffee']) {
    const times: number[] = [];
    let n = 0;
    for (let r = 0; r < 40; r++) { const s = performance.now(); n = (await searchContacts(k, 'u', q, 10)).length; times.push(performance.now() - s); }
    times.sort((a, b) => a - b);
    console.log(db.dialect, JSON.stringify(q), 'n', n, 'p50', times[20]!.toFixed(1), 'p95', times[38]!.toFixed(1));
  }
  await db.close();
}
