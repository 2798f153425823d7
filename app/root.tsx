import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { i18nMeta } from '~/i18n/meta';
import { ErrorPage } from './components/error-page';
import { LanguageSwitch } from './components/language-switch';
import { getOptionalUser } from './guards/auth.server';
import { pageMessages } from './i18n/intl.server';
import { requestLocale } from './i18n/locale.server';
import { PageIntl, useLocale, useT } from './i18n/react';
import { db } from './infra/db.server';
import { unreadCount } from './models/notification.server';
import styles from './styles/app.css';
import { useNonce } from './web/nonce';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'site.name');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [user, locale] = await Promise.all([getOptionalUser(request), requestLocale(request)]);
  return json({
    locale,
    // Only this page's language, and only the areas this person can open (ADR 033): the one
    // catalogue every component formats from (app/i18n/react.tsx). Imported through intl.server so
    // the catalogues stay out of the browser bundle.
    messages: pageMessages(locale, user?.role ?? null),
    user: user ? { name: user.name, role: user.role } : null,
    unread: user ? await unreadCount(db(), user.id) : 0,
    // Only the person's own address, to remind them to confirm it.
    // Not on the confirmation pages themselves: their loader may be confirming it right now.
    unconfirmedEmail:
      user && user.emailVerified === false && !new URL(request.url).pathname.startsWith('/verify-email') ? user.email : null,
    requestId: context.requestId,
  });
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <PageIntl>
      <Document>{children}</Document>
    </PageIntl>
  );
}

function Document({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const t = useT();
  const locale = useLocale();
  const data = useRouteLoaderData<typeof loader>('root');
  const user = data?.user ?? null;
  const can = (...roles: string[]) => Boolean(user && (user.role === 'admin' || roles.includes(user.role)));
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            {t('site.name')}
          </Link>
          <nav aria-label={t('nav.main')}>
            <ul>
              {user ? (
                <>
                  <li>
                    <NavLink to="/courses">{t('nav.courses')}</NavLink>
                  </li>
                  {can('trainer') ? (
                    <li>
                      <NavLink to="/trainer">{t('nav.trainer')}</NavLink>
                    </li>
                  ) : null}
                  {can('author') ? (
                    <li>
                      <NavLink to="/author">{t('nav.author')}</NavLink>
                    </li>
                  ) : null}
                  {can() ? (
                    <li>
                      <NavLink to="/admin">{t('nav.admin')}</NavLink>
                    </li>
                  ) : null}
                  <li>
                    <NavLink
                      to="/notifications"
                      aria-label={data?.unread ? t('nav.notifications.unread', { count: data.unread }) : undefined}
                    >
                      {t('nav.notifications')}
                      {data?.unread ? <span className="badge">{data.unread}</span> : null}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/account">{t('nav.account')}</NavLink>
                  </li>
                  <li>
                    <Form method="post" action="/logout">
                      <button type="submit" className="link-button">
                        {t('nav.logout')}
                      </button>
                    </Form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <NavLink to="/login">{t('nav.login')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/signup">{t('nav.signup')}</NavLink>
                  </li>
                </>
              )}
              <li>
                <LanguageSwitch className="language-switch" />
              </li>
            </ul>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {data?.unconfirmedEmail ? (
            <Form method="post" action="/verify-email" className="notice">
              {t('email.unconfirmed', { email: data.unconfirmedEmail, strong: (chunks) => <strong>{chunks}</strong> })}{' '}
              <button type="submit" className="link-button">
                {t('email.sendAgain')}
              </button>
            </Form>
          ) : null}
          {children}
        </main>
        <footer className="site-footer">
          <p>{t('site.footer')}</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
