import { Form, useLocation } from '@remix-run/react';
import { LOCALE_NAMES, LOCALES } from '~/i18n/locales';
import { useLocale, useT } from '~/i18n/react';

/** One button per other language, each labelled in its own language; works without JavaScript. */
export function LanguageSwitch({ className }: { className?: string }) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  return (
    <Form method="post" action="/language" className={className} aria-label={t('language.change')}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {LOCALES.filter((l) => l !== locale).map((l) => (
        <button key={l} type="submit" name="locale" value={l} lang={l} className="link-button">
          {LOCALE_NAMES[l]}
        </button>
      ))}
    </Form>
  );
}
