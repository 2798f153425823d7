import { useRouteLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import type { Catalogue, MessageId } from './catalogues';
import enCommon from './catalogues/en/common';
import { DEFAULT_LOCALE, isLocale, type Locale, TIME_ZONE } from './locales';

// The page's language on the client and in server rendering. The root loader sends the one
// catalogue of the page's language (never both), so components format with `useT()`.

type Values = Record<string, ReactNode | string | number | Date | ((chunks: ReactNode[]) => ReactNode)>;

interface RootIntlData {
  locale?: string;
  messages?: Partial<Catalogue>;
}

/**
 * Wraps the page in the page's language. When the root has no data (an action refused the request
 * before any loader ran, e.g. a body that is not a form), the layout and error page still speak:
 * in English, from the small common catalogue that ships with the page for this case.
 */
export function PageIntl({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData('root') as RootIntlData | undefined;
  const locale = isLocale(data?.locale) ? data.locale : DEFAULT_LOCALE;
  return (
    <IntlProvider
      locale={locale === 'es' ? 'es-US' : 'en-US'}
      messages={data?.messages ?? enCommon}
      timeZone={TIME_ZONE}
      defaultLocale="en-US"
      onError={reportMissing}
    >
      {children}
    </IntlProvider>
  );
}

function reportMissing(error: { code?: string; message: string }) {
  // A missing message shows its id; the catalogue test fails on it long before a person sees it.
  if (error.code === 'MISSING_TRANSLATION') return;
  console.warn(error.message);
}

/** The page's language. */
export function useLocale(): Locale {
  const data = useRouteLoaderData('root') as RootIntlData | undefined;
  return isLocale(data?.locale) ? data.locale : DEFAULT_LOCALE;
}

/** `t(id, values)`: a message of the page's language, with ICU plurals/select and rich tags. */
export function useT() {
  const intl = useIntl();
  function t(id: MessageId, values?: Values): string;
  function t(id: MessageId, values?: Values): ReactNode;
  function t(id: MessageId, values?: Values) {
    return intl.formatMessage({ id }, values as never);
  }
  return t;
}

/** Numbers and percentages in the page's language ("1,234.5" / "1234,5"; "75 %" as the language writes it). */
export function useFormat() {
  const intl = useIntl();
  return {
    number: (n: number, options?: Intl.NumberFormatOptions) => intl.formatNumber(n, options),
    percent: (fraction: number, digits = 0) =>
      intl.formatNumber(fraction, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }),
  };
}

/**
 * For texts that may be a message id or already plain words (an error a loader threw, a form
 * error from a schema): the message when it is an id in the catalogue, else the text itself.
 */
export function useMaybeT() {
  const intl = useIntl();
  return (text: string, values?: Values): string =>
    Object.hasOwn(intl.messages, text) ? (intl.formatMessage({ id: text }, values as never) as string) : text;
}
