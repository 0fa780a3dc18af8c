/** What meeting mode needs from the device: a ticking clock, an awake screen, and the notes store. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { isApiError, meetingQueryKey, saveMeetingAnswer, saveMeetingNotes } from '../api/index.ts';
import { MeetingNotesStore, NOTES_FIELD, type StoreSnapshot } from './notesStore.ts';
import type { MeetingView } from '@shared/meeting-api.ts';

/** The current time, re-read every `intervalMs`. */
export function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

interface WakeLockSentinelLike {
  release(): Promise<void>;
}

/**
 * Keeps the screen on while `active`, where the Wake Lock API exists. The
 * browser drops the lock when the page is hidden, so it is asked for again on
 * return. Refusals (battery saver, an old browser) are ignored: the page works
 * without it.
 */
export function useWakeLock(active: boolean): void {
  useEffect(() => {
    const wakeLock = (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinelLike> } }).wakeLock;
    if (!active || !wakeLock) return;
    let sentinel: WakeLockSentinelLike | null = null;
    let cancelled = false;
    const acquire = () => {
      if (document.visibilityState !== 'visible') return;
      wakeLock.request('screen').then(
        (lock) => {
          if (cancelled) void lock.release().catch(() => undefined);
          else sentinel = lock;
        },
        () => undefined,
      );
    };
    acquire();
    document.addEventListener('visibilitychange', acquire);
    return () => {
      cancelled = true;
      document.removeEventListener('visibilitychange', acquire);
      void sentinel?.release().catch(() => undefined);
    };
  }, [active]);
}

/**
 * One notes store per account and interview, fed with the server's texts each
 * time they load, and woken when the connection comes back.
 */
export function useMeetingNotes(userId: string, interviewId: string, view: MeetingView | undefined): { store: MeetingNotesStore; snapshot: StoreSnapshot } {
  const queryClient = useQueryClient();
  const [store] = useState(
    () =>
      new MeetingNotesStore(MeetingNotesStore.prefixFor(userId, interviewId), {
        save: async (field, text, baseVersion) => {
          if (field === NOTES_FIELD) return saveMeetingNotes(interviewId, { notes: text, baseVersion });
          try {
            return await saveMeetingAnswer(interviewId, field, { answer: text, baseVersion });
          } catch (error) {
            // The question was dropped elsewhere: reload the agenda so it leaves the page (the store keeps the answer).
            if (isApiError(error, 'NOT_FOUND')) void queryClient.invalidateQueries({ queryKey: meetingQueryKey(interviewId) });
            throw error;
          }
        },
      }),
  );
  // Stopped on unmount and started again on mount (StrictMode mounts twice).
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);

  useEffect(() => {
    if (!view) return;
    const server: Record<string, { text: string | null; version: number }> = {};
    for (const item of view.items) server[item.id] = { text: item.answer, version: item.answerVersion };
    if (view.session) server[NOTES_FIELD] = { text: view.session.notes, version: view.session.notesVersion };
    store.load(server);
  }, [store, view]);

  useEffect(() => {
    const online = () => store.wake();
    const offline = () => store.goneOffline();
    const visible = () => {
      if (document.visibilityState === 'visible' && navigator.onLine) store.wake();
    };
    // A page leaving (closed, or kept in the back-forward cache) stops syncing; what is pending stays on the device.
    const hidden = () => store.stop();
    const shown = (event: PageTransitionEvent) => {
      if (event.persisted) store.start();
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    document.addEventListener('visibilitychange', visible);
    window.addEventListener('pagehide', hidden);
    window.addEventListener('pageshow', shown);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      document.removeEventListener('visibilitychange', visible);
      window.removeEventListener('pagehide', hidden);
      window.removeEventListener('pageshow', shown);
    };
  }, [store]);

  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { store, snapshot };
}
