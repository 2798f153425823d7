// The interface languages and their names; the list and the rule that picks one live in app/domain/locale.ts.
export { DEFAULT_LOCALE, isLocale, LOCALE_NAMES, LOCALES, type Locale, TIME_ZONE } from '../domain/locale';
