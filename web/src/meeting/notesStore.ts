/**
 * Notes typed in meeting mode are never lost. Every keystroke is written to
 * this device first (localStorage, one key per account, interview and text),
 * marked "not yet synced"; a sync sends what is pending to the server shortly
 * after typing stops, when the connection comes back, and when the page loads
 * again — after a reload, a dropped connection or a closed tab.
 *
 * Each text remembers the server version it was typed over. The server refuses
 * a save over a version that changed meanwhile and sends back its own text:
 * the store then holds both and lets the seeker choose. Nothing is overwritten
 * silently, in either direction.
 *
 * A text the server refuses for good (its question was dropped from the agenda
 * meanwhile, or it is too long) is marked failed and kept on this device for
 * the seeker to deal with; it never holds up the other texts' syncing.
 */
import { ApiError } from '../api/index.ts';

/** 'notes' for the free notes, an agenda item id for an answer. */
export type FieldKey = string;
export const NOTES_FIELD: FieldKey = 'notes';

interface LocalEntry {
  text: string;
  /** The server version this text was typed over. */
  baseVersion: number;
  /** Typed here and not yet accepted by the server. */
  dirty: boolean;
  /** For an answer: the question it answers, so the text still makes sense if the question is dropped. */
  label?: string;
}

/**
 * A text the server will not take as it is. 'dropped': its question is no
 * longer on the agenda (or meeting mode is gone), so it can only be moved
 * elsewhere; 'refused': the server rejected the text itself (too long), and
 * editing it sends it again.
 */
export interface FieldFailure {
  kind: 'dropped' | 'refused';
  message: string;
  /** What the text was typed under (an answer's question), when known. */
  label: string | null;
}

export interface NotesConflict {
  mine: string;
  theirs: string;
  theirsVersion: number;
}

/**
 * 'failed': some text was refused for good and waits for the seeker (the rest keep syncing);
 * 'retrying': the server failed for now and the store tries again.
 */
export type SyncStatus = 'synced' | 'pending' | 'syncing' | 'offline' | 'conflict' | 'failed' | 'retrying';

export interface SyncApi {
  save(field: FieldKey, text: string | null, baseVersion: number): Promise<{ text: string | null; version: number }>;
}

export interface StoreSnapshot {
  texts: Record<FieldKey, string>;
  conflicts: Record<FieldKey, NotesConflict>;
  /** Texts the server refused for good, kept here (their text is in `texts`). */
  failures: Record<FieldKey, FieldFailure>;
  status: SyncStatus;
  /** Texts waiting to be synced, not counting failed ones. */
  pendingCount: number;
  /** The last failure that was not a dropped connection, a conflict or a refused text. */
  error: string | null;
}

const SYNC_DELAY_MS = 800;
/** While offline or failing, try again this often (the 'online' event also wakes it). */
const RETRY_MS = 15_000;

const browserOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

/** What the server stores for a text: blank is no text. */
const normalize = (text: string): string | null => (text.trim() === '' ? null : text.replace(/\r\n?/g, '\n'));

/** Refusals that sending the same text again cannot change: the text or its question is the problem, not the moment. */
const PERMANENT_STATUSES = new Set([400, 404, 413, 422]);

export class MeetingNotesStore {
  private readonly entries = new Map<FieldKey, LocalEntry>();
  private readonly conflicts = new Map<FieldKey, NotesConflict>();
  private readonly failures = new Map<FieldKey, FieldFailure>();
  private readonly listeners = new Set<() => void>();
  private snapshot: StoreSnapshot;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private syncing = false;
  /** Callers of `sync` waiting for the pass under way to end. */
  private waiting: (() => void)[] = [];
  private again = false;
  private offline = false;
  private error: string | null = null;
  private disposed = false;

  constructor(
    private readonly prefix: string,
    private readonly api: SyncApi,
    private readonly storage: Storage = window.localStorage,
  ) {
    this.snapshot = this.build();
  }

  /** The storage key prefix for one account's notes on one interview. */
  static prefixFor(userId: string, interviewId: string): string {
    return `rapport.meeting.v1:${userId}:${interviewId}:`;
  }

  /**
   * Reads this device's copy of each field and merges what the server holds:
   * text typed here and not yet synced wins on screen (and syncs, or meets a
   * conflict); otherwise the server's text is taken, unless it is older than
   * the copy here (a fetch that left before the last save came back).
   *
   * An answer kept here whose question the server no longer lists is marked
   * dropped and kept, so the seeker sees it again after a reload.
   */
  load(server: Record<FieldKey, { text: string | null; version: number }>): void {
    for (const [field, remote] of Object.entries(server)) {
      const stored = this.read(field);
      const held = this.entries.get(field);
      if (held?.dirty) continue;
      if (stored?.dirty) {
        this.entries.set(field, stored);
        continue;
      }
      const newest = Math.max(held?.baseVersion ?? -1, stored?.baseVersion ?? -1);
      if (remote.version < newest) {
        // An older copy than the one here: keep ours.
        if (!held && stored) this.entries.set(field, stored);
        continue;
      }
      const entry = { text: remote.text ?? '', baseVersion: remote.version, dirty: false };
      this.entries.set(field, entry);
      this.write(field, entry);
      // Listed again (and taken from the server): whatever failed before is settled.
      this.failures.delete(field);
    }
    this.adoptOrphans(server);
    this.offline = browserOffline();
    this.changed();
    void this.sync();
  }

  /**
   * Answers kept on this device for fields the server does not list: text not
   * yet synced is shown as dropped (never deleted); a synced copy is only a
   * cache of what the server had, and is cleared.
   */
  private adoptOrphans(server: Record<FieldKey, unknown>): void {
    for (const field of new Set([...this.storedFields(), ...this.entries.keys()])) {
      // The notes are absent only before meeting mode starts: nothing was dropped.
      if (field === NOTES_FIELD || field in server) continue;
      const local = this.entries.get(field) ?? this.read(field);
      if (!local) continue;
      if (!local.dirty) {
        this.entries.delete(field);
        this.forget(field);
        continue;
      }
      this.entries.set(field, local);
      this.conflicts.delete(field);
      this.failures.set(field, { kind: 'dropped', message: 'This question is no longer on the agenda.', label: local.label ?? null });
    }
  }

  /** A keystroke: on the device at once, to the server shortly. `label` names an answer's question. */
  edit(field: FieldKey, text: string, label?: string): void {
    const before = this.entries.get(field) ?? this.read(field) ?? { text: '', baseVersion: 0, dirty: false };
    const entry: LocalEntry = { text, baseVersion: before.baseVersion, dirty: true };
    const keptLabel = label ?? before.label;
    if (keptLabel !== undefined) entry.label = keptLabel;
    this.entries.set(field, entry);
    this.write(field, entry);
    // A refused text edited is worth sending again; a dropped question stays dropped.
    if (this.failures.get(field)?.kind === 'refused') this.failures.delete(field);
    this.changed();
    this.schedule(SYNC_DELAY_MS);
  }

  /**
   * Moves a dropped answer to the end of the free notes (under its question,
   * when known), where it syncs like any note, and clears it from this device.
   * False, changing nothing, while the notes themselves wait for a choice in a
   * conflict (the choice could otherwise throw the moved text away).
   */
  moveToNotes(field: FieldKey): boolean {
    const failure = this.failures.get(field);
    const entry = this.entries.get(field);
    if (field === NOTES_FIELD || !failure || !entry || this.conflicts.has(NOTES_FIELD)) return false;
    const notes = this.entries.get(NOTES_FIELD)?.text ?? this.read(NOTES_FIELD)?.text ?? '';
    const moved = failure.label ? `${failure.label}\n${entry.text}` : entry.text;
    const joined = notes.trim() === '' ? moved : `${notes.replace(/\s+$/, '')}\n\n${moved}`;
    this.edit(NOTES_FIELD, joined);
    this.failures.delete(field);
    this.entries.delete(field);
    this.forget(field);
    this.changed();
    return true;
  }

  /** After a conflict: send this device's text again, over the version the server holds now. */
  keepMine(field: FieldKey): void {
    const conflict = this.conflicts.get(field);
    if (!conflict) return;
    this.conflicts.delete(field);
    const entry = { ...this.entries.get(field), text: this.entries.get(field)?.text ?? conflict.mine, baseVersion: conflict.theirsVersion, dirty: true };
    this.entries.set(field, entry);
    this.write(field, entry);
    this.changed();
    void this.sync();
  }

  /** After a conflict: take the server's text and drop this device's. */
  takeTheirs(field: FieldKey): void {
    const conflict = this.conflicts.get(field);
    if (!conflict) return;
    this.conflicts.delete(field);
    const entry = { text: conflict.theirs, baseVersion: conflict.theirsVersion, dirty: false };
    this.entries.set(field, entry);
    this.write(field, entry);
    this.changed();
  }

  /** The connection came back (or the page became visible): send what is pending now. */
  wake(): void {
    this.offline = false;
    this.changed();
    void this.sync();
  }

  goneOffline(): void {
    this.offline = true;
    this.changed();
  }

  /** Sends everything pending and resolves when done (or when it cannot be done now). */
  async sync(): Promise<void> {
    if (this.disposed) return;
    if (this.syncing) {
      // A pass is under way: it goes round once more for what changed since, and this waits for it.
      this.again = true;
      return new Promise((resolve) => this.waiting.push(resolve));
    }
    // Known to be offline: no request can succeed; the 'online' event wakes the store.
    if (browserOffline()) {
      this.offline = true;
      this.changed();
      this.schedule(RETRY_MS);
      return;
    }
    clearTimeout(this.timer);
    this.syncing = true;
    this.changed();
    try {
      do {
        this.again = false;
        for (const field of [...this.entries.keys()]) {
          const entry = this.entries.get(field);
          if (!entry?.dirty || this.conflicts.has(field) || this.failures.has(field)) continue;
          if (!(await this.send(field, entry))) return;
        }
      } while (this.again && !this.disposed);
    } finally {
      this.syncing = false;
      this.changed();
      for (const resolve of this.waiting.splice(0)) resolve();
    }
  }

  /**
   * False when syncing must stop for now (offline, or the server failing). A
   * text refused for good is marked failed and the others go on.
   */
  private async send(field: FieldKey, sent: LocalEntry): Promise<boolean> {
    try {
      const saved = await this.api.save(field, normalize(sent.text), sent.baseVersion);
      // An answer that left before the connection dropped does not mean it is back.
      this.offline = browserOffline();
      this.error = null;
      const now = this.entries.get(field) ?? sent;
      // Typed on while the save was under way: the newer text stays pending, over the version just made.
      const still = normalize(now.text) !== normalize(sent.text);
      const entry = { ...now, baseVersion: saved.version, dirty: still };
      this.entries.set(field, entry);
      this.write(field, entry);
      if (still) this.again = true;
      return true;
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'VERSION_CONFLICT') {
        const theirs = typeof failure.details.currentText === 'string' ? failure.details.currentText : '';
        this.conflicts.set(field, { mine: sent.text, theirs, theirsVersion: failure.currentVersion ?? sent.baseVersion });
        return true;
      }
      if (failure instanceof ApiError && PERMANENT_STATUSES.has(failure.status)) {
        this.failures.set(field, {
          kind: failure.status === 404 ? 'dropped' : 'refused',
          message: failure.status === 404 && field !== NOTES_FIELD ? 'This question is no longer on the agenda.' : failure.message,
          label: sent.label ?? null,
        });
        return true;
      }
      if (failure instanceof ApiError && failure.status === 0) this.offline = true;
      else this.error = failure instanceof Error ? failure.message : 'The notes could not be synced.';
      this.schedule(RETRY_MS);
      return false;
    }
  }

  private schedule(ms: number): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.sync(), ms);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): StoreSnapshot => this.snapshot;

  /** Lets timers run again after `stop`, and sends anything pending. */
  start(): void {
    this.disposed = false;
    void this.sync();
  }

  /** Stops the timers (the page is leaving); what is pending stays on the device for next time. */
  stop(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  private changed(): void {
    this.snapshot = this.build();
    for (const listener of this.listeners) listener();
  }

  private build(): StoreSnapshot {
    const texts: Record<FieldKey, string> = {};
    let pendingCount = 0;
    for (const [field, entry] of this.entries) {
      texts[field] = entry.text;
      if (entry.dirty && !this.failures.has(field)) pendingCount++;
    }
    const conflicts = Object.fromEntries(this.conflicts);
    const failures = Object.fromEntries(this.failures);
    let status: SyncStatus = 'synced';
    if (this.conflicts.size > 0) status = 'conflict';
    else if (this.offline) status = 'offline';
    else if (this.failures.size > 0) status = 'failed';
    else if (pendingCount > 0) status = this.error ? 'retrying' : this.syncing ? 'syncing' : 'pending';
    return { texts, conflicts, failures, status, pendingCount, error: this.error };
  }

  private read(field: FieldKey): LocalEntry | undefined {
    try {
      const raw = this.storage.getItem(this.prefix + field);
      if (!raw) return undefined;
      const value = JSON.parse(raw) as Partial<LocalEntry>;
      if (typeof value.text !== 'string' || typeof value.baseVersion !== 'number') return undefined;
      const entry: LocalEntry = { text: value.text, baseVersion: value.baseVersion, dirty: value.dirty === true };
      if (typeof value.label === 'string') entry.label = value.label;
      return entry;
    } catch {
      return undefined;
    }
  }

  private write(field: FieldKey, entry: LocalEntry): void {
    try {
      this.storage.setItem(this.prefix + field, JSON.stringify(entry));
    } catch {
      // Storage full or blocked (private mode): the text is still in memory and syncs from there.
    }
  }

  private forget(field: FieldKey): void {
    try {
      this.storage.removeItem(this.prefix + field);
    } catch {
      // Blocked storage: nothing was kept there either.
    }
  }

  /** The fields this device keeps for this account and interview. */
  private storedFields(): FieldKey[] {
    const fields: FieldKey[] = [];
    try {
      for (let i = 0; i < this.storage.length; i++) {
        const key = this.storage.key(i);
        if (key?.startsWith(this.prefix)) fields.push(key.slice(this.prefix.length));
      }
    } catch {
      // Blocked storage: only what is in memory.
    }
    return fields;
  }
}
