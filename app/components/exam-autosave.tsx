import { useCallback, useEffect, useRef, useState } from 'react';

// Saves exam answers in the background as they are made. Every change is first kept in this
// browser's storage, then sent; a failed send (offline, server restarting) is retried with
// back-off and nothing typed is thrown away. Without JavaScript none of this runs and the
// "Save and next" buttons do the saving.

type Change = { response?: string; flagged?: boolean };
export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  | { kind: 'retrying'; tries: number }
  | { kind: 'closed' };

const storageKey = (attemptId: string, position: number) => `pa-exam:${attemptId}:${position}`;

export function useExamAutosave(saveUrl: string, attemptId: string, onClosed: () => void) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const pending = useRef(new Map<number, Change>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const tries = useRef(0);

  const flush = useCallback(async () => {
    if (inFlight.current || pending.current.size === 0) return;
    inFlight.current = true;
    setState({ kind: 'saving' });
    try {
      for (const [position, change] of [...pending.current]) {
        const body = new URLSearchParams({ position: String(position) });
        if (change.response !== undefined) body.set('response', change.response);
        if (change.flagged !== undefined) body.set('flagged', change.flagged ? '1' : '0');
        const res = await fetch(saveUrl, {
          method: 'POST',
          body,
          headers: { Accept: 'application/json' },
          credentials: 'same-origin',
        });
        if (res.status === 409) {
          pending.current.clear();
          setState({ kind: 'closed' });
          onClosed();
          return;
        }
        if (!res.ok) throw new Error(`save failed: ${res.status}`);
        const data = (await res.json()) as { savedAt: number };
        // Only forget the change if nothing newer arrived while it was being sent.
        if (pending.current.get(position) === change) {
          pending.current.delete(position);
          localStorage.removeItem(storageKey(attemptId, position));
        }
        setState({ kind: 'saved', at: data.savedAt });
      }
      tries.current = 0;
    } catch {
      tries.current += 1;
      setState({ kind: 'retrying', tries: tries.current });
      const delay = Math.min(30_000, 1000 * 2 ** Math.min(tries.current, 5));
      timer.current = setTimeout(() => {
        inFlight.current = false;
        void flush();
      }, delay);
      return;
    }
    inFlight.current = false;
    if (pending.current.size) void flush();
  }, [saveUrl, attemptId, onClosed]);

  const queue = useCallback(
    (position: number, change: Change, debounceMs = 0) => {
      const merged = { ...pending.current.get(position), ...change };
      pending.current.set(position, merged);
      try {
        localStorage.setItem(storageKey(attemptId, position), JSON.stringify(merged));
      } catch {
        // storage full or blocked: the send still happens
      }
      if (timer.current) clearTimeout(timer.current);
      if (inFlight.current) return;
      timer.current = setTimeout(() => void flush(), debounceMs);
    },
    [attemptId, flush],
  );

  useEffect(() => {
    const online = () => void flush();
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (pending.current.size) e.preventDefault();
    };
    window.addEventListener('online', online);
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [flush]);

  /** A change kept in this browser but never confirmed by the server (e.g. the tab closed offline). */
  const unsaved = useCallback(
    (position: number): Change | null => {
      try {
        const raw = localStorage.getItem(storageKey(attemptId, position));
        return raw ? (JSON.parse(raw) as Change) : null;
      } catch {
        return null;
      }
    },
    [attemptId],
  );

  return { state, queue, unsaved, hasPending: () => pending.current.size > 0 };
}

export function SaveStatus({ state }: { state: SaveState }) {
  let text = '';
  if (state.kind === 'saving') text = 'Saving…';
  if (state.kind === 'saved')
    text = `Saved at ${new Date(state.at).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })}.`;
  if (state.kind === 'retrying')
    text = 'Not saved yet: we cannot reach the server. Your answer is kept on this device and we will keep trying.';
  if (state.kind === 'closed') text = 'This attempt has closed. Taking you to your result…';
  return (
    <p className={`save-status ${state.kind === 'retrying' ? 'save-problem' : ''}`} role="status">
      {text}
    </p>
  );
}

/** A countdown to the server's deadline; announces only the milestones to screen readers. */
export function Countdown({ deadline, onExpire }: { deadline: number; onExpire: () => void }) {
  // null until mounted: the server cannot know the browser's clock, and a mismatch would break hydration.
  const [now, setNow] = useState<number | null>(null);
  const [announce, setAnnounce] = useState('');
  const fired = useRef(false);
  useEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = now === null ? null : Math.max(0, deadline - now);
  const minutes = left === null ? null : Math.ceil(left / 60_000);
  useEffect(() => {
    if (left === null || minutes === null) return;
    if ([30, 10, 5, 1].includes(minutes) && left > 0) setAnnounce(`${minutes} ${minutes === 1 ? 'minute' : 'minutes'} left.`);
    if (left === 0 && !fired.current) {
      fired.current = true;
      onExpire();
    }
  }, [minutes, left, onExpire]);
  if (left === null) return null;
  const h = Math.floor(left / 3_600_000);
  const m = Math.floor((left % 3_600_000) / 60_000);
  const s = Math.floor((left % 60_000) / 1000);
  return (
    <>
      <p className="countdown">
        Time left:{' '}
        <span className="countdown-value">
          {h > 0 ? `${h}:${String(m).padStart(2, '0')}` : m}:{String(s).padStart(2, '0')}
        </span>
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
    </>
  );
}
