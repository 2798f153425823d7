import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import type { Role } from '../../db/schema';
import { type Area, areaCatalogue, type Catalogue, catalogues, type MessageId } from './catalogues';
import { type Locale, TIME_ZONE } from './locales';

// Messages outside React: emails, PDFs, CSV headers, notifications, thrown 4xx texts. The same
// catalogues and ICU syntax as the pages.

const cache = createIntlCache();
const made = new Map<Locale, IntlShape>();

export function getIntl(locale: Locale): IntlShape {
  let intl = made.get(locale);
  if (!intl) {
    intl = createIntl(
      {
        locale: locale === 'es' ? 'es-US' : 'en-US',
        messages: catalogues[locale] as Catalogue,
        timeZone: TIME_ZONE,
        defaultLocale: 'en-US',
      },
      cache,
    );
    made.set(locale, intl);
  }
  return intl;
}

type Values = Record<string, string | number | Date | boolean | null | undefined>;

/** A translator for one language: `const t = translator(locale); t('mail.reset.subject', { name })`. */
export function translator(locale: Locale) {
  const intl = getIntl(locale);
  return (id: MessageId, values?: Values): string => intl.formatMessage({ id }, values as never);
}

/** The recipient's language for a message of app/domain/mail.ts. */
export function mailLanguage(locale: Locale) {
  return { locale, t: translator(locale) };
}

/**
 * The areas of the catalogue a page may show, by who is reading: everyone's pages (and the 403 a
 * guard throws, whose text is in `account`) need the first list; the staff areas only reach people
 * whose role opens those pages (the role lists of the guards and routes under /trainer,
 * /author and /admin; admins open them all). `mail` is only ever formatted here, on the
 * server, for emails.
 */
const PAGE_AREAS: Area[] = ['common', 'account', 'trainee', 'certificate', 'verify'];
const STAFF_AREAS: Record<Role, Area[]> = {
  trainee: [],
  trainer: ['trainer'],
  author: ['author', 'trainer'], // trainer.practice lets authors in
  admin: ['trainer', 'author', 'admin'],
};

/**
 * The messages the root loader sends with a page (ADR 033): the page's language only, and only the
 * areas its reader can open. The role is the one the page is rendered for; a role change reaches
 * the browser with the root's next load, as the navigation it unlocks does.
 */
export function pageMessages(locale: Locale, role: Role | null): Partial<Catalogue> {
  const areas = [...PAGE_AREAS, ...(role ? STAFF_AREAS[role] : [])];
  return Object.assign({}, ...areas.map((area) => areaCatalogue(locale, area)));
}

/** Whether a text is a message id; for loaders and actions (a route importing the catalogues directly would ship them to the browser). */
export { isMessageId } from './catalogues';
