import { Link } from '@remix-run/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocale, useT } from '~/i18n/react';
import { pacificClock } from '~/web/dates';

// Saves exam answers in the background as they are made. Every change is first kept in this
// browser's storage, then sent; a failed send (offline, server restarting) is retried with
// back-off and nothing typed is thrown away. A send that meets the sign-in page (the session
// ended) says so and offers sign-in; the changes kept here are sent when the attempt page
// opens again. Without JavaScript none of this runs and the "Save and next" buttons do the saving.

type Change = { response?: string; flagged?: boolean };
export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  | { kind: 'retrying'; tries: number }
  | { kind: 'signed-out'; signInHref: string }
  | { kind: 'closed' };

const storageKey = (attemptId: string, position: number) => `pa-exam:${attemptId}:${position}`;
const SIGNED_OUT_RETRY_MS = 15_000;

/**
 * What a save's answer means. The endpoint answers JSON; anything else is not a save: a
 * redirect (the guard sends a signed-out browser to the sign-in page; `redirect: 'manual'`
 * keeps fetch from following it to an HTML page) or a body that is not JSON.
 */
async function readSave(res: Response): Promise<'signed-out' | 'closed' | { savedAt: number } | 'failed'> {
  if (res.type === 'opaqueredirect' || res.redirected || res.status === 401) return 'signed-out';
  if (res.status === 409) return 'closed';
  if (!res.ok || !res.headers.get('Content-Type')?.includes('application/json')) return 'failed';
  const data = (await res.json()) as { savedAt?: unknown };
  return typeof data.savedAt === 'number' ? { savedAt: data.savedAt } : 'failed';
}

/** Every change this browser kept for the attempt and the server never confirmed. */
function keptChanges(attemptId: string): [number, Change][] {
  const found: [number, Change][] = [];
  try {
    const prefix = storageKey(attemptId, 0).slice(0, -1);
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      const position = key?.startsWith(prefix) ? Number(key.slice(prefix.length)) : Number.NaN;
      const raw = key ? localStorage.getItem(key) : null;
      if (Number.isInteger(position) && position > 0 && raw) found.push([position, JSON.parse(raw) as Change]);
    }
  } catch {
    // storage blocked or a damaged entry: nothing to resend
  }
  return found;
}

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
          redirect: 'manual',
        });
        const data = await readSave(res);
        if (data === 'closed') {
          pending.current.clear();
          setState({ kind: 'closed' });
          onClosed();
          return;
        }
        if (data === 'signed-out') {
          // Not a network problem: retrying fast would not help. Keep everything, offer sign-in
          // (which comes back here), and try now and then in case it happens in another tab.
          const back = window.location.pathname + window.location.search;
          setState({ kind: 'signed-out', signInHref: `/login?${new URLSearchParams({ redirectTo: back })}` });
          timer.current = setTimeout(() => {
            inFlight.current = false;
            void flush();
          }, SIGNED_OUT_RETRY_MS);
          return;
        }
        if (data === 'failed') throw new Error(`save failed: ${res.status}`);
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

  // Changes kept from an earlier visit (the tab closed offline, or the session ended and the
  // trainee signed in again) are sent once the page opens.
  useEffect(() => {
    const kept = keptChanges(attemptId);
    if (!kept.length) return;
    for (const [position, change] of kept) pending.current.set(position, { ...change, ...pending.current.get(position) });
    void flush();
  }, [attemptId, flush]);

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
  const t = useT();
  const locale = useLocale();
  if (state.kind === 'signed-out')
    return (
      <p className="save-status save-problem" role="status">
        {t('trainee.autosave.signedOut', { link: (chunks) => <Link to={state.signInHref}>{chunks}</Link> })}
      </p>
    );
  let text = '';
  if (state.kind === 'saving') text = t('trainee.autosave.saving');
  if (state.kind === 'saved') text = t('trainee.autosave.saved', { time: pacificClock(state.at, locale) });
  if (state.kind === 'retrying') text = t('trainee.autosave.retrying');
  if (state.kind === 'closed') text = t('trainee.autosave.closed');
  return (
    <p className={`save-status ${state.kind === 'retrying' ? 'save-problem' : ''}`} role="status">
      {text}
    </p>
  );
}

/** A countdown to the server's deadline; announces only the milestones to screen readers. */
export function Countdown({ deadline, endsText, onExpire }: { deadline: number; endsText: string; onExpire: () => void }) {
  // null until mounted: the server cannot know the browser's clock, and a mismatch would break hydration.
  const [now, setNow] = useState<number | null>(null);
  const [announce, setAnnounce] = useState('');
  const fired = useRef(false);
  const t = useT();
  useEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = now === null ? null : Math.max(0, deadline - now);
  const minutes = left === null ? null : Math.ceil(left / 60_000);
  useEffect(() => {
    if (left === null || minutes === null) return;
    if ([30, 10, 5, 1].includes(minutes) && left > 0) setAnnounce(t('trainee.autosave.minutesLeft', { minutes }));
    if (left === 0 && !fired.current) {
      fired.current = true;
      onExpire();
    }
  }, [minutes, left, onExpire, t]);
  // Before the script runs (and without JavaScript) the bar says when time ends, in Pacific time.
  if (left === null) return <p className="countdown">{t('trainee.autosave.endsAt', { when: endsText })}</p>;
  const h = Math.floor(left / 3_600_000);
  const m = Math.floor((left % 3_600_000) / 60_000);
  const s = Math.floor((left % 60_000) / 1000);
  return (
    <>
      <p className="countdown">
        {t('trainee.autosave.timeLeft')}{' '}
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
