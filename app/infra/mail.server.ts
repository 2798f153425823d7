import nodemailer from 'nodemailer';
import { env } from './env.server';

/** A message as handed to a transport. */
export interface Envelope {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Where claimed messages go: SMTP (`smtp`), or the log when no SMTP_URL is set (`console`:
 * the message is printed and kept in the outbox as 'logged').
 */
export interface MailTransport {
  kind: 'smtp' | 'console';
  send(message: Envelope): Promise<void>;
}

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
