import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import { type Catalogue, catalogues, type MessageId } from './catalogues';
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

/** Whether a text is a message id; for loaders and actions (a route importing the catalogues directly would ship them to the browser). */
export { isMessageId } from './catalogues';
