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

// Which language a page is in. One rule, in this order:
// 1. `?lang=` on the address (a shared link in Spanish opens in Spanish, and the choice is kept);
// 2. the person's own choice: on their account when signed in, else the language cookie;
// 3. their group's language (a trainee in a Spanish-speaking group starts in Spanish);
// 4. the browser's Accept-Language, best match by quality;
// 5. English.

/** The languages an Accept-Language header asks for, best first (ties keep header order). */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      let q = 1;
      for (const p of params) {
        if (!/^\s*q\s*=/i.test(p)) continue;
        // A quality we cannot read counts as "not wanted".
        const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
        q = m ? Number(m[1]) : 0;
      }
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((l) => l.tag && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((l) => l.tag);
}

/** The first supported language in an Accept-Language header ("es-MX" counts as "es"), or null. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  for (const tag of parseAcceptLanguage(header)) {
    if (tag === '*') return null;
    const base = tag.split('-')[0];
    if (isLocale(base)) return base;
  }
  return null;
}

export interface LocaleSignals {
  /** `?lang=` on the address. */
  query?: string | null;
  /** users.locale when signed in, else the language cookie. */
  chosen?: string | null;
  /** The language of the person's group. */
  group?: string | null;
  acceptLanguage?: string | null;
}

export function negotiateLocale(signals: LocaleSignals): Locale {
  for (const v of [signals.query, signals.chosen, signals.group]) if (isLocale(v)) return v;
  return localeFromAcceptLanguage(signals.acceptLanguage) ?? DEFAULT_LOCALE;
}
