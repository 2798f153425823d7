import { negotiateLocale } from '../domain/locale';
import { getOptionalUser } from '../guards/auth.server';
import { languageCookie } from './language-cookie.server';
import { isLocale, type Locale } from './locales';

/**
 * The language of this request's page (the rule is app/domain/locale.ts): `?lang=`, then the
 * person's choice (account, else cookie), then their group's language, then Accept-Language.
 */
export async function requestLocale(request: Request): Promise<Locale> {
  const [user, cookie] = await Promise.all([getOptionalUser(request), languageCookie.parse(request.headers.get('Cookie'))]);
  return negotiateLocale({
    query: new URL(request.url).searchParams.get('lang'),
    chosen: user?.locale ?? (typeof cookie === 'string' ? cookie : null),
    group: user?.groupLocale ?? null,
    acceptLanguage: request.headers.get('Accept-Language'),
  });
}

/**
 * The language a signed-out person chose (`?lang=` on the page, else the language cookie), or
 * null: kept on the account they sign up for or log in to, so the choice follows them.
 */
export async function signedOutChoice(request: Request): Promise<Locale | null> {
  const query = new URL(request.url).searchParams.get('lang');
  if (isLocale(query)) return query;
  const cookie = await languageCookie.parse(request.headers.get('Cookie'));
  return isLocale(cookie) ? cookie : null;
}

/** `to` with `?lang=` when the request had one, so a link's language survives a redirect. */
export function keepLang(request: Request, to: string): string {
  const lang = new URL(request.url).searchParams.get('lang');
  if (!isLocale(lang)) return to;
  const url = new URL(to, 'http://x');
  url.searchParams.set('lang', lang);
  return url.pathname + url.search + url.hash;
}
