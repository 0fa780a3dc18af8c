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
}

export interface NotesConflict {
  mine: string;
  theirs: string;
  theirsVersion: number;
}

export type SyncStatus = 'synced' | 'pending' | 'syncing' | 'offline' | 'conflict' | 'failed';

export interface SyncApi {
  save(field: FieldKey, text: string | null, baseVersion: number): Promise<{ text: string | null; version: number }>;
}

export interface StoreSnapshot {
  texts: Record<FieldKey, string>;
  conflicts: Record<FieldKey, NotesConflict>;
  status: SyncStatus;
  pendingCount: number;
  /** The last failure that was not a dropped connection or a conflict. */
  error: string | null;
}

const SYNC_DELAY_MS = 800;
/** While offline or failing, try again this often (the 'online' event also wakes it). */
const RETRY_MS = 15_000;

const browserOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

/** What the server stores for a text: blank is no text. */
const normalize = (text: string): string | null => (text.trim() === '' ? null : text.replace(/\r\n?/g, '\n'));

export class MeetingNotesStore {
  private readonly entries = new Map<FieldKey, LocalEntry>();
  private readonly conflicts = new Map<FieldKey, NotesConflict>();
  private readonly listeners = new Set<() => void>();
  private snapshot: StoreSnapshot;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private syncing = false;
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
   * conflict); otherwise the server's text is taken.
   */
  load(server: Record<FieldKey, { text: string | null; version: number }>): void {
    for (const [field, remote] of Object.entries(server)) {
      const local = this.read(field);
      if (local?.dirty) {
        this.entries.set(field, local);
      } else if (!this.entries.get(field)?.dirty) {
        const entry = { text: remote.text ?? '', baseVersion: remote.version, dirty: false };
        this.entries.set(field, entry);
        this.write(field, entry);
      }
    }
    this.offline = browserOffline();
    this.changed();
    void this.sync();
  }

  /** A keystroke: on the device at once, to the server shortly. */
  edit(field: FieldKey, text: string): void {
    const before = this.entries.get(field) ?? this.read(field) ?? { text: '', baseVersion: 0, dirty: false };
    const entry = { text, baseVersion: before.baseVersion, dirty: true };
    this.entries.set(field, entry);
    this.write(field, entry);
    this.changed();
    this.schedule(SYNC_DELAY_MS);
  }

  /** After a conflict: send this device's text again, over the version the server holds now. */
  keepMine(field: FieldKey): void {
    const conflict = this.conflicts.get(field);
    if (!conflict) return;
    this.conflicts.delete(field);
    const entry = { text: this.entries.get(field)?.text ?? conflict.mine, baseVersion: conflict.theirsVersion, dirty: true };
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
      this.again = true;
      return;
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
          if (!entry?.dirty || this.conflicts.has(field)) continue;
          if (!(await this.send(field, entry))) return;
        }
      } while (this.again && !this.disposed);
    } finally {
      this.syncing = false;
      this.changed();
    }
  }

  /** False when syncing must stop for now (offline, or the server failing). */
  private async send(field: FieldKey, sent: LocalEntry): Promise<boolean> {
    try {
      const saved = await this.api.save(field, normalize(sent.text), sent.baseVersion);
      // An answer that left before the connection dropped does not mean it is back.
      this.offline = browserOffline();
      this.error = null;
      const now = this.entries.get(field) ?? sent;
      // Typed on while the save was under way: the newer text stays pending, over the version just made.
      const still = normalize(now.text) !== normalize(sent.text);
      const entry = { text: now.text, baseVersion: saved.version, dirty: still };
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
      if (entry.dirty) pendingCount++;
    }
    const conflicts = Object.fromEntries(this.conflicts);
    let status: SyncStatus = 'synced';
    if (this.conflicts.size > 0) status = 'conflict';
    else if (this.offline) status = 'offline';
    else if (pendingCount > 0) status = this.error ? 'failed' : this.syncing ? 'syncing' : 'pending';
    return { texts, conflicts, status, pendingCount, error: this.error };
  }

  private read(field: FieldKey): LocalEntry | undefined {
    try {
      const raw = this.storage.getItem(this.prefix + field);
      if (!raw) return undefined;
      const value = JSON.parse(raw) as Partial<LocalEntry>;
      if (typeof value.text !== 'string' || typeof value.baseVersion !== 'number') return undefined;
      return { text: value.text, baseVersion: value.baseVersion, dirty: value.dirty === true };
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
}
