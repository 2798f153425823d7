import { existsSync, readFileSync } from 'node:fs';

/** A message as the test SMTP server started by start-server.mjs received it. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const MAIL_FILE = `${process.env.E2E_DB || 'tests/.tmp/e2e.db'}.mail.jsonl`;

function all(): Mail[] {
  if (!existsSync(MAIL_FILE)) return [];
  return readFileSync(MAIL_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Mail);
}

/** Waits for the `nth` (1-based) message to `to` whose subject matches, as delivered over SMTP. */
export async function waitForMail(to: string, subject: RegExp, nth = 1, timeoutMs = 20_000): Promise<Mail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = all().filter((m) => m.to === to && subject.test(m.subject));
    if (found.length >= nth) return found[nth - 1];
    if (Date.now() > until) throw new Error(`no mail to ${to} matching ${subject} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The path of the first link in a message's text that starts with `prefix` (e.g. /reset-password/). */
export function linkPath(mail: Mail, prefix: string): string {
  const url = mail.text.match(new RegExp(`https?://[^\\s]+${prefix}[^\\s]*`))?.[0];
  if (!url) throw new Error(`no ${prefix} link in "${mail.subject}"`);
  return new URL(url).pathname;
}
