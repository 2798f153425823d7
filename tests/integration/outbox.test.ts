import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { passwordResetMail } from '../../app/domain/mail';
import { mailLanguage } from '../../app/i18n/intl.server';
import { transportFromEnv } from '../../app/infra/mail.server';
import { deliverDue, enqueueMail, MAX_ATTEMPTS, outboxCounts, RETRY_BASE_MS, retryDelay } from '../../app/models/outbox.server';
import { openDatabase } from '../../db/connect';
import { engines, type TestDb } from '../setup/db';
import { startTestSmtp, type TestSmtp } from '../setup/smtp';

const en = mailLanguage('en');
const FROM = 'Peer Academy <no-reply@example.org>';
const message = (i: number) => ({
  ...passwordResetMail(en, {
    to: `person${i}@example.org`,
    name: `Person <${i}>`,
    url: `http://x/reset-password/t${i}`,
    minutes: 30,
  }),
  subject: `Message ${i}`,
});

describe.each(engines)('the outbox on $name', ({ fresh }) => {
  let t: TestDb;
  let smtp: TestSmtp;
  beforeEach(async () => {
    t = await fresh();
    smtp = await startTestSmtp();
  });
  afterEach(async () => {
    await smtp.close();
    await t.cleanup();
  });
  const db = () => t.handle.db;
  const row = (subject: string) => db().selectFrom('outbox').selectAll().where('subject', '=', subject).executeTakeFirstOrThrow();

  it('sends each message exactly once when two workers on separate connections run at the same time', async () => {
    for (let i = 0; i < 30; i++) await enqueueMail(db(), message(i));
    // A second handle on the same database: as another process or instance would have.
    const other = openDatabase(await t.url(), { poolSize: 4 });
    try {
      const transport = transportFromEnv(smtp.url, FROM);
      const worker = async (handle: typeof other, id: string) => {
        let total = 0;
        for (;;) {
          const r = await deliverDue(handle.db, transport, id);
          if (r.sent === 0) return total;
          total += r.sent;
        }
      };
      const [a, b, c, d] = await Promise.all([
        worker(t.handle, 'worker-a'),
        worker(other, 'worker-b'),
        worker(t.handle, 'worker-c'),
        worker(other, 'worker-d'),
      ]);
      expect(a + b + c + d).toBe(30);
    } finally {
      await other.db.destroy();
    }
    const subjects = smtp.received.map((m) => m.subject).sort();
    expect(subjects).toEqual(Array.from({ length: 30 }, (_, i) => `Message ${i}`).sort());
    const statuses = await db().selectFrom('outbox').select(['status', 'attempts', 'sent_at', 'claimed_by']).execute();
    expect(statuses.every((s) => s.status === 'sent' && s.attempts === 1 && s.sent_at && !s.claimed_by)).toBe(true);
  });

  it('every message has a plain-text and an HTML part that say why it was sent, with values escaped', async () => {
    await enqueueMail(db(), message(1));
    await deliverDue(db(), transportFromEnv(smtp.url, FROM), 'w');
    const [m] = await smtp.waitFor(1);
    expect(m.text).toContain('http://x/reset-password/t1');
    expect(m.text).toContain('You got this email because a password reset was requested');
    expect(m.html).toContain('href="http://x/reset-password/t1"');
    expect(m.html).toContain('You got this email because a password reset was requested');
    expect(m.html).toContain('Person &lt;1&gt;');
    expect(m.html).not.toContain('Person <1>');
  });

  it('retries after the SMTP server refuses, with backoff, and sends once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await enqueueMail(db(), message(7), 1_000);
    smtp.refuseNext(1);
    const transport = transportFromEnv(smtp.url, FROM);
    const now = 10_000;
    expect(await deliverDue(db(), transport, 'w', () => now)).toEqual({ sent: 0, logged: 0, retrying: 1, failed: 0 });
    let r = await row('Message 7');
    expect(r).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: now + RETRY_BASE_MS, claimed_by: null });
    expect(r.last_error).toMatch(/451/);
    // Not due yet: nothing is tried.
    expect((await deliverDue(db(), transport, 'w', () => now + RETRY_BASE_MS - 1)).retrying).toBe(0);
    expect(await deliverDue(db(), transport, 'w', () => now + RETRY_BASE_MS)).toEqual({
      sent: 1,
      logged: 0,
      retrying: 0,
      failed: 0,
    });
    r = await row('Message 7');
    expect(r).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(smtp.received.map((m) => m.subject)).toEqual(['Message 7']);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('gives up after the last attempt and keeps the message and its error visible', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await enqueueMail(db(), message(3), 0);
    const failing = { kind: 'smtp' as const, send: async () => Promise.reject(new Error('connection refused')) };
    let now = 0;
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const report = await deliverDue(db(), failing, 'w', () => now);
      expect(report.retrying + report.failed).toBe(1);
      now += retryDelay(i);
    }
    expect(await row('Message 3')).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: 'connection refused' });
    expect((await deliverDue(db(), failing, 'w', () => now + 1e9)).failed).toBe(0);
    expect(await outboxCounts(db())).toEqual({ failed: 1 });
    expect(warn.mock.calls.at(-1)?.[0]).toMatch(/gave up/);
    warn.mockRestore();
  });

  it('a message queued in a transaction that rolls back is never sent', async () => {
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await enqueueMail(trx, message(9));
          throw new Error('the event failed');
        }),
    ).rejects.toThrow('the event failed');
    expect(await db().selectFrom('outbox').selectAll().execute()).toHaveLength(0);
  });

  it('without SMTP_URL, prints the message with its links and keeps it as logged', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await enqueueMail(db(), message(4));
    expect(await deliverDue(db(), transportFromEnv('', FROM), 'w')).toMatchObject({ logged: 1 });
    expect(log.mock.calls[0][0]).toContain('http://x/reset-password/t4');
    expect(await row('Message 4')).toMatchObject({ status: 'logged' });
    log.mockRestore();
  });
});

describe('retry delays', () => {
  it('double from 30 seconds and stop growing at an hour', () => {
    expect([1, 2, 3, 4].map(retryDelay)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelay(20)).toBe(60 * 60 * 1000);
  });
});
