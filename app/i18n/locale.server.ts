import { negotiateLocale } from '../domain/locale';
import { getOptionalUser } from '../guards/auth.server';
import { languageCookie } from './language-cookie.server';
import type { Locale } from './locales';

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
