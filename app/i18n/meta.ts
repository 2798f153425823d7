import { createIntl, createIntlCache } from 'react-intl';
import { pageMeta } from '../web/meta';
import type { Catalogue, MessageId } from './catalogues';
import { DEFAULT_LOCALE, isLocale, TIME_ZONE } from './locales';

// <title> and meta descriptions in the page's language. Remix's meta functions get the
// matched routes' data, not React context, so they read the root's catalogue from there.

interface Match {
  id: string;
  data?: unknown;
}
type Values = Record<string, string | number>;

const cache = createIntlCache();

/** A translator for a meta function, from the root route's data. */
export function metaT(matches: readonly Match[]) {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: string; messages?: Catalogue } | undefined;
  const locale = isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
  const intl = createIntl(
    { locale: locale === 'es' ? 'es-US' : 'en-US', messages: root?.messages ?? {}, timeZone: TIME_ZONE, onError: () => {} },
    cache,
  );
  return (id: MessageId, values?: Values) => intl.formatMessage({ id }, values);
}

/**
 * A page's title ("<title> · Peer Academy" is part of the message) and description, both from
 * the catalogue: `export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'login.title', 'login.description')`.
 */
export function i18nMeta(matches: readonly Match[], titleId: MessageId, descriptionId?: MessageId, values?: Values) {
  const t = metaT(matches);
  return pageMeta(t(titleId, values), t(descriptionId ?? 'site.description', values));
}
