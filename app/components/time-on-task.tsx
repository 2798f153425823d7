import { useEffect, useRef } from 'react';
import { type ActivityMeter, meterInput, meterShown, meterTake, meterTick, startMeter } from '~/domain/time-on-task';
import { useT } from '~/i18n/react';

// Measures time on a unit page with JavaScript (docs/decisions/017-time-on-task.md): the clock
// runs only while the page is visible and the trainee gave some input (scroll, key, pointer,
// focus) in the last few minutes (the rules are in app/domain/time-on-task.ts). Active seconds
// are reported every heartbeat, when the tab is hidden, and when the page is left. The server
// decides how much of a report to credit; a lost report only means time not counted. Without
// JavaScript the server counts the time between page requests instead.

export interface TimeReport {
  creditedSeconds: number;
  spentSeconds: number;
  completedNow: boolean;
}

const INPUT_EVENTS = ['scroll', 'keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'focusin'] as const;
const TICK_MS = 1000;

export function useTimeOnTask(
  url: string,
  opts: { heartbeatSeconds: number; idleSeconds: number; onReport?: (report: TimeReport) => void },
) {
  const onReport = useRef(opts.onReport);
  onReport.current = opts.onReport;
  const { heartbeatSeconds, idleSeconds } = opts;

  useEffect(() => {
    let meter: ActivityMeter = startMeter(performance.now());
    const visible = () => document.visibilityState === 'visible';
    const tick = () => {
      meter = meterTick(meter, performance.now(), visible(), idleSeconds);
    };
    const take = () => {
      const taken = meterTake(meter);
      meter = taken.meter;
      return taken.seconds;
    };

    const send = (seconds: number) => {
      fetch(url, {
        method: 'POST',
        body: new URLSearchParams({ active: String(seconds) }),
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        keepalive: true,
      })
        .then((res) => (res.ok ? (res.json() as Promise<TimeReport>) : null))
        .then((report) => {
          if (report) onReport.current?.(report);
        })
        .catch(() => {
          // Offline or the server restarting: this stretch is simply not counted.
        });
    };

    // When the page goes away there is no time to wait for an answer.
    const sendFinal = () => {
      tick();
      const seconds = take();
      if (seconds <= 0) return;
      if (!navigator.sendBeacon?.(url, new URLSearchParams({ active: String(seconds) }))) send(seconds);
    };

    const onInput = () => {
      meter = meterInput(meter, performance.now(), visible(), idleSeconds);
    };
    const onVisibility = () => {
      if (visible()) meter = meterShown(meter, performance.now());
      else sendFinal();
    };

    // Tells the server this page view reports its own time, so the gap before the next page
    // request is not counted as well.
    send(0);
    const timer = setInterval(() => {
      tick();
      if (meter.sinceReportMs >= heartbeatSeconds * 1000) {
        const seconds = take();
        if (seconds > 0) send(seconds);
      }
    }, TICK_MS);
    for (const e of INPUT_EVENTS) window.addEventListener(e, onInput, { passive: true, capture: true });
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', sendFinal);
    return () => {
      clearInterval(timer);
      for (const e of INPUT_EVENTS) window.removeEventListener(e, onInput, { capture: true });
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', sendFinal);
      // Leaving for another page of the app.
      sendFinal();
    };
  }, [url, heartbeatSeconds, idleSeconds]);
}

/** "1 h 5 min", "under a minute": a duration in the page's language (the words of formatDuration in app/domain/time-on-task.ts). */
export function useFormatDuration() {
  const t = useT();
  return (seconds: number): string => {
    const s = Math.max(0, Math.floor(seconds));
    if (s < 60) return t(s === 0 ? 'trainee.duration.zero' : 'trainee.duration.underMinute');
    const minutes = Math.floor(s / 60);
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return h ? t('trainee.duration.hours', { h, m }) : t('trainee.duration.minutes', { m });
  };
}
