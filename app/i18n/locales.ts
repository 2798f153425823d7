// The interface languages. Adding one is a translation, not code: a new entry here, a folder of
// catalogues under app/i18n/catalogues/<locale>/ and, for the course, a content edition folder.

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language's name in itself: what the language switch shows, whatever the page's language. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };

/** Every time the app shows is California time. */
export const TIME_ZONE = 'America/Los_Angeles';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
