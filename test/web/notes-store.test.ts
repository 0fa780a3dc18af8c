/**
 * The meeting notes store without a browser: its sync API is a stand-in for the
 * server (answering as meeting.service does), its localStorage a small
 * in-memory Storage. A text the server refuses for good must not hold up the
 * others, must stay on the device (also after a reload), and an older server
 * copy must never replace a newer one here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/api/ApiError.ts';
import { MeetingNotesStore, NOTES_FIELD, type FieldKey, type SyncApi } from '../../web/src/meeting/notesStore.ts';

/** localStorage as the browser has it, in memory. */
class MemoryStorage implements Storage {
  private readonly values = new Map<string, string>();
  get length() {
    return this.values.size;
  }
  key(index: number) {
    return [...this.values.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.values.set(key, String(value));
  }
  removeItem(key: string) {
    this.values.delete(key);
  }
  clear() {
    this.values.clear();
  }
  keys() {
    return [...this.values.keys()];
  }
}

/** The server's texts and versions, refusing as meeting.service does. */
class FakeServer implements SyncApi {
  readonly texts = new Map<FieldKey, { text: string | null; version: number }>();
  readonly calls: FieldKey[] = [];
  /** Fields whose saves fail for now (a 503). */
  readonly down = new Set<FieldKey>();
  maxChars = 20_000;

  constructor(fields: FieldKey[]) {
    for (const field of fields) this.texts.set(field, { text: null, version: 0 });
  }

  async save(field: FieldKey, text: string | null, baseVersion: number) {
    this.calls.push(field);
    await Promise.resolve();
    if (this.down.has(field)) throw new ApiError(503, 'UNAVAILABLE', 'Try again later.');
    if (text !== null && text.length > this.maxChars) throw new ApiError(400, 'VALIDATION_FAILED', 'The answer is too long.');
    const current = this.texts.get(field);
    if (!current) throw new ApiError(404, 'NOT_FOUND', 'The question was not found.');
    if (current.version === baseVersion) {
      const saved = { text, version: baseVersion + 1 };
      this.texts.set(field, saved);
      return saved;
    }
    if (current.text === text) return current;
    throw new ApiError(409, 'VERSION_CONFLICT', 'Changed elsewhere.', { currentVersion: current.version, currentText: current.text });
  }

  view() {
    return Object.fromEntries(this.texts);
  }
}

const PREFIX = MeetingNotesStore.prefixFor('user-1', 'interview-1');
const stores: MeetingNotesStore[] = [];
const open = (server: SyncApi, storage: Storage) => {
  const store = new MeetingNotesStore(PREFIX, server, storage);
  stores.push(store);
  return store;
};
afterEach(() => {
  for (const store of stores.splice(0)) store.stop();
});

describe('meeting notes store', () => {
  it('keeps syncing the other texts when an answer’s question was dropped, and keeps that answer on the device', async () => {
    const server = new FakeServer(['q1', 'q2', NOTES_FIELD]);
    const storage = new MemoryStorage();
    const store = open(server, storage);
    store.load(server.view());
    await store.sync();

    // Typed offline on the phone: an answer, then the notes.
    store.edit('q1', 'Answer to a question that goes away', 'What does a typical week look like?');
    store.edit('q2', 'A second answer');
    store.edit(NOTES_FIELD, 'Names: Sam Lee');
    // Meanwhile the laptop drops the first question from the agenda.
    server.texts.delete('q1');
    await store.sync();

    expect(server.texts.get('q2')).toEqual({ text: 'A second answer', version: 1 });
    expect(server.texts.get(NOTES_FIELD)).toEqual({ text: 'Names: Sam Lee', version: 1 });
    const snapshot = store.getSnapshot();
    expect(snapshot.status).toBe('failed');
    expect(snapshot.pendingCount).toBe(0);
    expect(snapshot.failures.q1).toMatchObject({ kind: 'dropped', label: 'What does a typical week look like?' });
    expect(snapshot.texts.q1).toBe('Answer to a question that goes away');
    expect(JSON.parse(storage.getItem(`${PREFIX}q1`)!)).toMatchObject({ text: 'Answer to a question that goes away', dirty: true });

    // The failed text is not sent again on every sync, and does not block later edits.
    const calls = server.calls.length;
    store.edit(NOTES_FIELD, 'Names: Sam Lee, Ana Ruiz');
    await store.sync();
    expect(server.calls.slice(calls)).toEqual([NOTES_FIELD]);
    expect(server.texts.get(NOTES_FIELD)?.text).toBe('Names: Sam Lee, Ana Ruiz');
  });

  it('shows a dropped question’s answer again after a reload, and moves it to the notes on request', async () => {
    const server = new FakeServer(['q1', NOTES_FIELD]);
    const storage = new MemoryStorage();
    const before = open(server, storage);
    before.load(server.view());
    before.edit(NOTES_FIELD, 'Names: Sam Lee');
    before.edit('q1', 'Typed offline', 'How did you get into this field?');
    before.stop();
    server.texts.delete('q1');

    // The reload: the server no longer lists the question.
    const store = open(server, storage);
    store.load(server.view());
    await store.sync();
    let snapshot = store.getSnapshot();
    expect(snapshot.failures.q1).toMatchObject({ kind: 'dropped', label: 'How did you get into this field?' });
    expect(snapshot.texts.q1).toBe('Typed offline');
    expect(snapshot.status).toBe('failed');
    expect(server.calls).toEqual([NOTES_FIELD]);

    expect(store.moveToNotes('q1')).toBe(true);
    await store.sync();
    snapshot = store.getSnapshot();
    expect(snapshot.failures).toEqual({});
    expect(snapshot.texts.q1).toBeUndefined();
    expect(storage.getItem(`${PREFIX}q1`)).toBeNull();
    expect(server.texts.get(NOTES_FIELD)?.text).toBe('Names: Sam Lee\n\nHow did you get into this field?\nTyped offline');
    expect(snapshot.status).toBe('synced');
  });

  it('marks a text the server refuses as failed without blocking the others, and sends it again once edited', async () => {
    const server = new FakeServer(['q1', NOTES_FIELD]);
    server.maxChars = 10;
    const store = open(server, new MemoryStorage());
    store.load(server.view());
    store.edit('q1', 'far too long for this server');
    store.edit(NOTES_FIELD, 'short');
    await store.sync();
    expect(store.getSnapshot().failures.q1).toMatchObject({ kind: 'refused', message: 'The answer is too long.' });
    expect(server.texts.get(NOTES_FIELD)?.text).toBe('short');

    store.edit('q1', 'shorter');
    expect(store.getSnapshot().failures.q1).toBeUndefined();
    await store.sync();
    expect(server.texts.get('q1')?.text).toBe('shorter');
    expect(store.getSnapshot().status).toBe('synced');
  });

  it('stops for now, and retries, when the server fails for a moment', async () => {
    const server = new FakeServer(['q1', NOTES_FIELD]);
    server.down.add('q1');
    const store = open(server, new MemoryStorage());
    store.load(server.view());
    store.edit('q1', 'an answer');
    await store.sync();
    expect(store.getSnapshot()).toMatchObject({ status: 'retrying', failures: {}, pendingCount: 1 });
    server.down.clear();
    await store.sync();
    expect(store.getSnapshot().status).toBe('synced');
  });

  it('never takes an older server copy over newer synced text', async () => {
    const server = new FakeServer([NOTES_FIELD]);
    const storage = new MemoryStorage();
    const store = open(server, storage);
    store.load(server.view());
    const stale = server.view();
    store.edit(NOTES_FIELD, 'Fresh notes');
    await store.sync();
    expect(server.texts.get(NOTES_FIELD)).toEqual({ text: 'Fresh notes', version: 1 });

    // A refetch that left before the save came back late with version 0.
    store.load(stale);
    expect(store.getSnapshot().texts[NOTES_FIELD]).toBe('Fresh notes');
    // The same after a reload, from the device's copy.
    const reloaded = open(server, storage);
    reloaded.load(stale);
    expect(reloaded.getSnapshot().texts[NOTES_FIELD]).toBe('Fresh notes');
    // Edits go over the version the server holds: no false conflict.
    reloaded.edit(NOTES_FIELD, 'Fresh notes, more');
    await reloaded.sync();
    expect(reloaded.getSnapshot().status).toBe('synced');
    expect(server.texts.get(NOTES_FIELD)).toEqual({ text: 'Fresh notes, more', version: 2 });

    // A newer server copy is taken.
    server.texts.set(NOTES_FIELD, { text: 'From the laptop', version: 3 });
    reloaded.load(server.view());
    expect(reloaded.getSnapshot().texts[NOTES_FIELD]).toBe('From the laptop');
  });
});
