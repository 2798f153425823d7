import { randomUUID } from 'node:crypto';
import { db } from '../infra/db.server';
import { env } from '../infra/env.server';
import { transportFromEnv } from '../infra/mail.server';
import { deliverDue } from '../models/outbox.server';

const g = globalThis as unknown as {
  __peerAcademyOutbox?: { timer: ReturnType<typeof setInterval>; run: () => void };
};

/**
 * Sends queued mail from this process every few seconds, and at once after a request queued
 * some (nudgeOutbox). Every instance may run it: claims keep two workers off one message.
 */
export function startOutboxWorker(everyMs = 5_000) {
  if (g.__peerAcademyOutbox) return;
  const e = env();
  const transport = transportFromEnv(e.SMTP_URL, e.MAIL_FROM);
  if (!e.SMTP_URL && e.isProduction) {
    console.warn('[mail] SMTP_URL is not set: mail is printed to this log (with its links) instead of being sent.');
  }
  const workerId = randomUUID();
  let running = false;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    deliverDue(db(), transport, workerId)
      .catch((err) => console.error('[mail] outbox worker', err))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  g.__peerAcademyOutbox = { timer, run };
}

/** Asks this process's worker to look at the outbox now (after a request queued mail). */
export function nudgeOutbox() {
  g.__peerAcademyOutbox?.run();
}
