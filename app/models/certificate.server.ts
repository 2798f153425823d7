import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import type { CertificateFacts } from '../domain/certificate';
import { CERTIFICATE_NUMBER_BYTES, certificateNumberFrom } from '../domain/certificate-number';
import { STATUS_LIST_LENGTH } from '../domain/status-list';
import { translator } from '../i18n/intl.server';
import { localeOfUser } from './locale.server';
import { notify } from './notification.server';
import { type Limit, reserveAttempt } from './throttle.server';

// Certificates of completion (docs/decisions/023-certificates-and-verification.md). Issued by
// the record's completion flow through issueCertificate; reissued by a trainer (the old number
// is revoked), revoked by an admin. The facts are a snapshot kept as JSON and decoded here only.

export type { CertificateFacts };

const factsSchema = z.object({
  legalName: z.string().trim().min(1).max(200),
  courseSlug: z.string().min(1),
  courseTitle: z.string().min(1),
  liveMinutes: z.number().int().min(0),
  selfPacedMinutes: z.number().int().min(0),
  startedOn: z.iso.date(),
  completedOn: z.iso.date(),
  competencies: z.array(z.string()),
  signerName: z.string().min(1),
  signerTitle: z.string(),
});

/** The one decoder of a stored facts snapshot. */
export function decodeFacts(text: string): CertificateFacts {
  return factsSchema.parse(JSON.parse(text));
}

export type CertificateStatus = 'valid' | 'revoked' | 'replaced';

export interface Certificate {
  id: string;
  number: string;
  userId: string;
  courseSlug: string;
  completionId: string;
  facts: CertificateFacts;
  statusIndex: number;
  issuedAt: number;
  issuedBy: string;
  replacesId: string | null;
  revokedAt: number | null;
  revokeReason: string | null;
  replacedById: string | null;
  status: CertificateStatus;
}

type Row = Database['certificates'];
function toCertificate(r: Row): Certificate {
  return {
    id: r.id,
    number: r.number,
    userId: r.user_id,
    courseSlug: r.course_slug,
    completionId: r.completion_id,
    facts: decodeFacts(r.facts),
    statusIndex: Number(r.status_index),
    issuedAt: Number(r.issued_at),
    issuedBy: r.issued_by,
    replacesId: r.replaces_id,
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
    revokeReason: r.revoke_reason,
    replacedById: r.replaced_by_id,
    status: r.revoked_at === null ? 'valid' : r.replaced_by_id ? 'replaced' : 'revoked',
  };
}

/**
 * A free entry in the revocation status list, chosen at random (the specification's advice:
 * neighbouring entries then say nothing about each other). Candidates are checked in one query;
 * two issues racing for the same one of 131,072 entries would hit the unique index.
 */
async function freeStatusIndex(trx: Kysely<Database>): Promise<number> {
  for (let round = 0; round < 5; round++) {
    const candidates = Array.from({ length: 16 }, () => randomInt(STATUS_LIST_LENGTH));
    const taken = await trx.selectFrom('certificates').select('status_index').where('status_index', 'in', candidates).execute();
    const used = new Set(taken.map((t) => Number(t.status_index)));
    const free = candidates.find((c) => !used.has(c));
    if (free !== undefined) return free;
  }
  throw new Error('The certificate status list is full: add a second list (docs/decisions/024-signing-keys-and-open-badges.md).');
}

async function insertCertificate(
  trx: Kysely<Database>,
  input: { userId: string; issuedBy: string; completionId: string; facts: CertificateFacts; replacesId: string | null },
  now: number,
): Promise<{ id: string; number: string }> {
  const id = randomUUID();
  const number = certificateNumberFrom(randomBytes(CERTIFICATE_NUMBER_BYTES));
  await trx
    .insertInto('certificates')
    .values({
      id,
      number,
      user_id: input.userId,
      course_slug: input.facts.courseSlug,
      completion_id: input.completionId,
      facts: JSON.stringify(factsSchema.parse(input.facts)),
      status_index: await freeStatusIndex(trx),
      issued_at: now,
      issued_by: input.issuedBy,
      replaces_id: input.replacesId,
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
      replaced_by_id: null,
    })
    .execute();
  // The person hears of it in the app and, by their preferences, by mail (ADR 025), in their language.
  const t = translator(await localeOfUser(trx, input.userId));
  await notify(
    trx,
    {
      userId: input.userId,
      kind: 'certificate',
      title: t(input.replacesId ? 'certificate.notice.reissued' : 'certificate.notice.ready'),
      body: t('certificate.notice.body', { course: input.facts.courseTitle, number }),
      link: `/courses/${input.facts.courseSlug}`,
    },
    now,
  );
  return { id, number };
}

/**
 * Issues the certificate for a confirmed completion, inside the caller's transaction. Idempotent:
 * a completion that already has a valid certificate gets that one back.
 */
export async function issueCertificate(
  trx: Kysely<Database>,
  input: { userId: string; issuedBy: string; completionId: string; facts: CertificateFacts },
  now: number = Date.now(),
): Promise<{ id: string; number: string }> {
  const existing = await trx
    .selectFrom('certificates')
    .select(['id', 'number'])
    .where('completion_id', '=', input.completionId)
    .where('user_id', '=', input.userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (existing) return existing;
  return insertCertificate(trx, { ...input, replacesId: null }, now);
}

/** A person's certificates for a course, newest first, revoked ones included (see `status`). */
export async function certificatesFor(db: Kysely<Database>, userId: string, courseSlug: string): Promise<Certificate[]> {
  const rows = await db
    .selectFrom('certificates')
    .selectAll()
    .where('user_id', '=', userId)
    .where('course_slug', '=', courseSlug)
    .orderBy('issued_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toCertificate);
}

export async function findCertificate(db: Kysely<Database>, id: string): Promise<Certificate | null> {
  const row = await db.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toCertificate(row) : null;
}

/** The certificate holding a status list entry, if any. */
export async function findByStatusIndex(db: Kysely<Database>, index: number): Promise<Certificate | null> {
  const row = await db.selectFrom('certificates').selectAll().where('status_index', '=', index).executeTakeFirst();
  return row ? toCertificate(row) : null;
}

/** Every revoked entry of the status list (the bits set to 1). */
export async function revokedStatusIndexes(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom('certificates').select('status_index').where('revoked_at', 'is not', null).execute();
  return rows.map((r) => Number(r.status_index));
}

export type ChangeResult = { ok: true; id: string; number: string } | { ok: false; problem: 'missing' | 'not-valid' };

/**
 * Replaces a valid certificate with a new number stating the same facts, and revokes the old
 * one, recording who and why. The legal name is taken again from the account when the person
 * has confirmed one (a name correction is the usual reason to reissue).
 */
export async function reissueCertificate(
  db: Kysely<Database>,
  input: { certificateId: string; by: string; reason: string },
  now: number = Date.now(),
): Promise<ChangeResult> {
  return db
    .transaction()
    .execute(async (trx) => {
      const old = await findCertificate(trx, input.certificateId);
      if (!old) return { ok: false, problem: 'missing' } as const;
      if (old.status !== 'valid') return { ok: false, problem: 'not-valid' } as const;
      const account = await trx
        .selectFrom('users')
        .select(['legal_name', 'legal_name_confirmed_at'])
        .where('id', '=', old.userId)
        .executeTakeFirst();
      const legalName = account?.legal_name && account.legal_name_confirmed_at ? account.legal_name : old.facts.legalName;
      const made = await insertCertificate(
        trx,
        {
          userId: old.userId,
          issuedBy: input.by,
          completionId: old.completionId,
          facts: { ...old.facts, legalName },
          replacesId: old.id,
        },
        now,
      );
      const updated = await trx
        .updateTable('certificates')
        .set({ revoked_at: now, revoked_by: input.by, revoke_reason: input.reason, replaced_by_id: made.id })
        .where('id', '=', old.id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      // A concurrent reissue or revocation got there first: undo ours.
      if (Number(updated.numUpdatedRows) !== 1) throw new Conflict();
      return { ok: true, ...made } as const;
    })
    .catch((e) => {
      if (e instanceof Conflict) return { ok: false, problem: 'not-valid' } as const;
      throw e;
    });
}

class Conflict extends Error {}

/** Revokes a valid certificate for good (an admin's decision, with the reason recorded). */
export async function revokeCertificate(
  db: Kysely<Database>,
  input: { certificateId: string; by: string; reason: string },
  now: number = Date.now(),
): Promise<ChangeResult> {
  const old = await findCertificate(db, input.certificateId);
  if (!old) return { ok: false, problem: 'missing' };
  const updated = await db
    .updateTable('certificates')
    .set({ revoked_at: now, revoked_by: input.by, revoke_reason: input.reason })
    .where('id', '=', old.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return { ok: false, problem: 'not-valid' };
  return { ok: true, id: old.id, number: old.number };
}

/**
 * What the public verify page may show about a certificate (ADR 023): its status and the
 * date it changed, the legal name, the course, the hours and the dates. Nothing else about
 * the person: no email, account, group, reason for a revocation or replacement number.
 */
export interface PublicCertificate {
  status: CertificateStatus;
  number: string;
  legalName: string;
  courseTitle: string;
  liveMinutes: number;
  selfPacedMinutes: number;
  startedOn: string;
  completedOn: string;
  issuedAt: number;
  revokedAt: number | null;
}

export async function publicCertificate(db: Kysely<Database>, number: string): Promise<PublicCertificate | null> {
  const row = await db.selectFrom('certificates').selectAll().where('number', '=', number).executeTakeFirst();
  if (!row) return null;
  const c = toCertificate(row);
  return {
    status: c.status,
    number: c.number,
    legalName: c.facts.legalName,
    courseTitle: c.facts.courseTitle,
    liveMinutes: c.facts.liveMinutes,
    selfPacedMinutes: c.facts.selfPacedMinutes,
    startedOn: c.facts.startedOn,
    completedOn: c.facts.completedOn,
    issuedAt: c.issuedAt,
    revokedAt: c.revokedAt,
  };
}

/** Checks on the public verify page per client address: a burst, and a steady rate (ADR 023). */
export const VERIFY_LIMITS = { perMinute: 20, perHour: 120 } as const;

/**
 * Reserves one verify-page check for a client address (a number looked up or a credential
 * checked). Refused: how many seconds to wait, for Retry-After.
 */
export async function reserveVerifyCheck(
  db: Kysely<Database>,
  address: string,
  now: number = Date.now(),
): Promise<{ ok: true } | { ok: false; retryAfter: number }> {
  const key = `verify:${address}`;
  const limits: Limit[] = [
    { key, max: VERIFY_LIMITS.perMinute, windowMs: 60_000 },
    { key, max: VERIFY_LIMITS.perHour, windowMs: 3_600_000 },
  ];
  const r = await reserveAttempt(db, limits, now);
  return r.ok ? { ok: true } : { ok: false, retryAfter: r.refused.windowMs / 1000 };
}
