import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { rosterAddedMail, rosterInviteMail } from '../domain/mail';
import { parseRoster, type RosterProblem, type RosterRow, type RosterSaid } from '../domain/roster';
import { mailLanguage } from '../i18n/intl.server';
import { hashPassword } from '../infra/password.server';
import { links } from './account-mail.server';
import { INVITE_TOKEN_TTL_MS, issueToken, retireTokens, useToken } from './account-token.server';
import { addMember } from './cohort.server';
import { localeOfUser } from './locale.server';
import { enqueueMail } from './outbox.server';
import { createUser } from './user.server';

// Roster import (issue #16 item 7): rows read by app/domain/roster.ts are matched against
// accounts. An existing account joins the group (and is told by mail, if its address is
// confirmed); a new email gets an account with no usable password and an invitation to choose
// one. The preview and the import classify rows with the same function; the import does it
// again inside its transaction, so what it reports is what it did.

export interface RosterPlan {
  join: (RosterRow & { userId: string; verified: boolean })[];
  invite: RosterRow[];
  problems: RosterProblem[];
}

async function classify(db: Kysely<Database>, cohortId: string, rows: RosterRow[]): Promise<RosterPlan> {
  const plan: RosterPlan = { join: [], invite: [], problems: [] };
  if (!rows.length) return plan;
  const emails = rows.map((r) => r.email);
  const users = await db
    .selectFrom('users')
    .leftJoin('cohort_members as m', (j) => j.onRef('m.user_id', '=', 'users.id').on('m.cohort_id', '=', cohortId))
    .select(['users.id', 'users.email', 'users.deactivated_at', 'users.email_verified_at', 'm.user_id as member'])
    .where('users.email', 'in', emails)
    .execute();
  const byEmail = new Map(users.map((u) => [u.email, u]));
  for (const row of rows) {
    const u = byEmail.get(row.email);
    if (!u) plan.invite.push(row);
    else if (u.member) plan.problems.push({ ...row, problem: { code: 'trainer.roster.alreadyMember' } });
    else if (u.deactivated_at !== null) plan.problems.push({ ...row, problem: { code: 'trainer.roster.deactivated' } });
    else plan.join.push({ ...row, userId: u.id, verified: u.email_verified_at !== null });
  }
  return plan;
}

export type RosterResult = { error: RosterSaid } | (RosterPlan & { error?: undefined });

const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;

/** What importing `csv` would do, without doing it: rows to join, to invite, and refused rows with reasons. */
export async function previewRoster(db: Kysely<Database>, cohortId: string, csv: string): Promise<RosterResult> {
  const roster = parseRoster(csv);
  if (roster.error) return { error: roster.error };
  const plan = await classify(db, cohortId, roster.rows);
  return { ...plan, problems: [...roster.problems, ...plan.problems].sort(byLine) };
}

/**
 * Imports a roster in one transaction: joins existing accounts, creates and invites new ones,
 * and queues their mail with them. Submitting the same file twice adds no one twice: the
 * second time, every row is "already in the group".
 */
export async function importRoster(
  db: Kysely<Database>,
  input: { cohortId: string; cohortName: string; trainerName: string; csv: string; base: string },
  now = Date.now(),
): Promise<RosterResult> {
  const roster = parseRoster(input.csv);
  if (roster.error) return { error: roster.error };
  // Invited accounts get the hash of a random secret that is thrown away: no password matches
  // it, and a login attempt costs the same time as for any account.
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  const l = links(input.base);
  const days = INVITE_TOKEN_TTL_MS / (24 * 60 * 60 * 1000);
  const plan = await db.transaction().execute(async (trx) => {
    const plan = await classify(trx, input.cohortId, roster.rows);
    for (const row of plan.join) {
      await addMember(trx, input.cohortId, row.userId);
      await trx
        .deleteFrom('cohort_join_requests')
        .where('cohort_id', '=', input.cohortId)
        .where('user_id', '=', row.userId)
        .execute();
      // An unconfirmed address gets no mail but its confirmation link.
      if (row.verified) {
        // In the recipient's language: their own choice, else their newest group's (now this one).
        await enqueueMail(
          trx,
          rosterAddedMail(mailLanguage(await localeOfUser(trx, row.userId)), {
            to: row.email,
            name: row.name,
            groupName: input.cohortName,
            trainerName: input.trainerName,
            loginUrl: l.login,
          }),
          now,
        );
      }
    }
    for (const row of plan.invite) {
      const userId = await createUser(trx, { email: row.email, name: row.name, passwordHash: unusable, emailVerified: false });
      await addMember(trx, input.cohortId, userId);
      const token = await issueToken(trx, userId, 'invite', now);
      // A new account has no language yet: the group's language (cohorts.locale), else English.
      await enqueueMail(
        trx,
        rosterInviteMail(mailLanguage(await localeOfUser(trx, userId)), {
          to: row.email,
          name: row.name,
          groupName: input.cohortName,
          trainerName: input.trainerName,
          url: l.invite(token),
          days,
        }),
        now,
      );
    }
    return plan;
  });
  return { ...plan, problems: [...roster.problems, ...plan.problems].sort(byLine) };
}

/**
 * Accepts an invitation: uses the token, sets the password, and confirms the address (the
 * link reached it), in one transaction. Null when the link is unknown, used or expired.
 */
export async function acceptInvite(
  db: Kysely<Database>,
  input: { token: string; passwordHash: string },
  now = Date.now(),
): Promise<{ userId: string } | null> {
  return db.transaction().execute(async (trx) => {
    const userId = await useToken(trx, input.token, 'invite', now);
    if (!userId) return null;
    await trx.updateTable('users').set({ password_hash: input.passwordHash }).where('id', '=', userId).execute();
    await trx
      .updateTable('users')
      .set({ email_verified_at: now })
      .where('id', '=', userId)
      .where('email_verified_at', 'is', null)
      .execute();
    await retireTokens(trx, userId, 'invite', now);
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    return { userId };
  });
}
