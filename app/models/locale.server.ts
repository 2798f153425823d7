import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { isLocale, type Locale, negotiateLocale } from '../domain/locale';
import { groupLocale } from '../infra/session.server';

/** Keeps a person's language on their account, so it follows them to any device. */
export async function setUserLocale(db: Kysely<Database>, userId: string, locale: Locale): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

/**
 * The language to write to someone in when they are not the one asking (mail, notifications,
 * a certificate): their own choice, else their newest group's language, else English.
 */
export async function localeOfUser(db: Kysely<Database>, userId: string): Promise<Locale> {
  const row = await db
    .selectFrom('users')
    .select(['users.locale', groupLocale])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  return negotiateLocale({ chosen: row?.locale, group: row?.group_locale });
}

/**
 * The language of mail a person asked for themselves while signed out (a reset link): their
 * account's own choice when they made one, else the language of the page they asked on.
 */
export async function localeOfRequester(db: Kysely<Database>, userId: string, pageLocale: Locale): Promise<Locale> {
  const row = await db.selectFrom('users').select('locale').where('id', '=', userId).executeTakeFirst();
  return isLocale(row?.locale) ? row.locale : pageLocale;
}
