import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { MailMessage } from '../domain/mail';
import type { Envelope, MailTransport } from '../infra/mail.server';

export type { Envelope, MailTransport };

/** A message is tried this many times in all before it is marked 'failed'. */
export const MAX_ATTEMPTS = 8;
/** The wait after the first failure; it doubles after each further one… */
export const RETRY_BASE_MS = 30 * 1000;
/** …up to this. */
export const RETRY_MAX_MS = 60 * 60 * 1000;
/**
 * A claim lapses after this long, so a worker that died mid-send does not hold a message for
 * ever. Far above the SMTP timeouts (app/infra/mail.server.ts), so a live worker always
 * finishes (or gives up) before its claim could pass to another.
 */
export const CLAIM_LEASE_MS = 2 * 60 * 1000;

/** The wait before attempt number `attempts + 1`, after `attempts` failed attempts. */
export function retryDelay(attempts: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);
}

/**
 * Queues a message. Pass the transaction of the event that causes it (a sign-up, a reset
 * request, a password change): the message exists exactly when the event does.
 */
export async function enqueueMail(trx: Kysely<Database>, message: MailMessage, now = Date.now()): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('outbox')
    .values({
      id,
      to_address: message.to,
      subject: message.subject,
      text_body: message.text,
      html_body: message.html,
      reason: message.reason,
      status: 'pending',
      created_at: now,
      next_attempt_at: now,
    })
    .execute();
  return id;
}

/**
 * Claims up to `limit` due messages for `workerId`. Each claim is one conditional UPDATE that
 * only succeeds while nobody else holds the message, so on both engines (SQLite's write lock,
 * PostgreSQL's row lock with the WHERE re-checked after it) two workers never hold the same
 * message at once, across processes and instances.
 */
export async function claimDue(
  db: Kysely<Database>,
  workerId: string,
  now = Date.now(),
  limit = 20,
): Promise<{ id: string; to_address: string; subject: string; text_body: string; html_body: string; attempts: number }[]> {
  const candidates = await db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  const claimed: string[] = [];
  for (const { id } of candidates) {
    const r = await db
      .updateTable('outbox')
      .set({ claimed_by: workerId, claimed_until: now + CLAIM_LEASE_MS })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) claimed.push(id);
  }
  if (!claimed.length) return [];
  return db
    .selectFrom('outbox')
    .select(['id', 'to_address', 'subject', 'text_body', 'html_body', 'attempts'])
    .where('id', 'in', claimed)
    .where('claimed_by', '=', workerId)
    .orderBy('next_attempt_at')
    .execute();
}

export interface DeliveryReport {
  sent: number;
  logged: number;
  retrying: number;
  failed: number;
}

/**
 * Claims due messages and hands each to the transport: on success it is marked 'sent' (or
 * 'logged'); on failure it is rescheduled with exponential backoff, and after MAX_ATTEMPTS
 * marked 'failed' with the last error kept and a warning in the log.
 * NOTE: a worker that dies after the SMTP server accepted a message but before marking it
 * sends it again once its claim lapses: delivery is at least once in that one case.
 */
export async function deliverDue(
  db: Kysely<Database>,
  transport: MailTransport,
  workerId: string,
  now: () => number = Date.now,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, logged: 0, retrying: 0, failed: 0 };
  const messages = await claimDue(db, workerId, now());
  for (const m of messages) {
    const mine = (eb: Kysely<Database>) =>
      eb.updateTable('outbox').where('id', '=', m.id).where('claimed_by', '=', workerId).where('status', '=', 'pending');
    try {
      await transport.send({ to: m.to_address, subject: m.subject, text: m.text_body, html: m.html_body });
      const status = transport.kind === 'smtp' ? 'sent' : 'logged';
      await mine(db)
        .set({ status, sent_at: now(), attempts: m.attempts + 1, claimed_by: null, claimed_until: null, last_error: null })
        .execute();
      report[status]++;
    } catch (e) {
      const attempts = m.attempts + 1;
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
      if (attempts >= MAX_ATTEMPTS) {
        await mine(db).set({ status: 'failed', attempts, last_error: error, claimed_by: null, claimed_until: null }).execute();
        console.warn(`[mail] gave up on message ${m.id} to ${m.to_address} after ${attempts} attempts: ${error}`);
        report.failed++;
      } else {
        await mine(db)
          .set({
            attempts,
            last_error: error,
            next_attempt_at: now() + retryDelay(attempts),
            claimed_by: null,
            claimed_until: null,
          })
          .execute();
        console.warn(`[mail] message ${m.id} not sent (attempt ${attempts} of ${MAX_ATTEMPTS}), will retry: ${error}`);
        report.retrying++;
      }
    }
  }
  return report;
}

/** Counts by status, for the admin page and for operators. */
export async function outboxCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
