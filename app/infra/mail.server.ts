import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { deliverDue, type MailTransport } from '../models/outbox.server';
import { db } from './db.server';
import { env } from './env.server';

/** Connection, greeting and socket timeouts, well inside the outbox's claim lease. */
const SMTP_TIMEOUT_MS = 30 * 1000;

/**
 * The transport named by SMTP_URL, or, without it, one that prints each message (with its
 * links) to the log so the whole flow works with no mail server (development, `npm run demo`).
 */
export function transportFromEnv(smtpUrl: string, from: string): MailTransport {
  if (!smtpUrl) {
    return {
      kind: 'console',
      async send(m) {
        console.log(`\n[mail] (SMTP_URL is not set: printed here, not sent)\nTo: ${m.to}\nSubject: ${m.subject}\n\n${m.text}\n`);
      },
    };
  }
  const smtp = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    kind: 'smtp',
    async send(m) {
      await smtp.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html });
    },
  };
}

/** An absolute link for mail: APP_URL + path. */
export function appUrl(path: string): string {
  return `${env().APP_URL}${path}`;
}

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
