import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuditAction } from '../domain/audit';

// The audit log (issue #16 item 8, docs/decisions/026-groups-rosters-and-admin.md): who did
// what to whose account, written in the transaction of the change itself, never edited.

/** Records one event. Pass the transaction of the change, so the entry exists exactly when it does. */
export async function recordAudit(
  trx: Kysely<Database>,
  input: { actorId: string | null; action: AuditAction; targetUserId: string | null; detail?: Record<string, unknown> },
  now = Date.now(),
) {
  await trx
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      at: now,
      actor_id: input.actorId,
      action: input.action,
      target_user_id: input.targetUserId,
      detail: JSON.stringify(input.detail ?? {}),
    })
    .execute();
}

export interface AuditFilter {
  action?: AuditAction;
  /** Matches the actor's email exactly (lower case). */
  actorEmail?: string;
  targetEmail?: string;
  /** Epoch ms, inclusive… */
  from?: number;
  /** …exclusive. */
  to?: number;
}

function filtered(db: Kysely<Database>, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as actor', 'actor.id', 'a.actor_id')
    .leftJoin('users as target', 'target.id', 'a.target_user_id');
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.actorEmail) q = q.where('actor.email', '=', f.actorEmail.toLowerCase());
  if (f.targetEmail) q = q.where('target.email', '=', f.targetEmail.toLowerCase());
  if (f.from !== undefined) q = q.where('a.at', '>=', f.from);
  if (f.to !== undefined) q = q.where('a.at', '<', f.to);
  return q;
}

/** Entries matching `f`, newest first, with the names and emails of actor and target (when the accounts still exist). */
export async function listAudit(db: Kysely<Database>, f: AuditFilter, page: { limit: number; offset: number }) {
  const [rows, count] = await Promise.all([
    filtered(db, f)
      .select([
        'a.id',
        'a.at',
        'a.action',
        'a.detail',
        'a.actor_id',
        'a.target_user_id',
        'actor.email as actor_email',
        'actor.name as actor_name',
        'target.email as target_email',
        'target.name as target_name',
      ])
      .orderBy('a.at', 'desc')
      .orderBy('a.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
