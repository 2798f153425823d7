import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Locale } from '../i18n/locales';

/** Keeps a person's language on their account, so it follows them to any device. */
export async function setUserLocale(db: Kysely<Database>, userId: string, locale: Locale): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}
