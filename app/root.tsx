import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { pageMeta } from '~/web/meta';
import { ErrorPage } from './components/error-page';
import { getOptionalUser } from './guards/auth.server';
import { db } from './infra/db.server';
import { unreadCount } from './models/notification.server';
import styles from './styles/app.css';
import { useNonce } from './web/nonce';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const meta: MetaFunction = () => pageMeta('Peer Academy');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return json({
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
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>('root');
  const user = data?.user ?? null;
  const can = (...roles: string[]) => Boolean(user && (user.role === 'admin' || roles.includes(user.role)));
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            Peer Academy
          </Link>
          <nav aria-label="Main">
            <ul>
              {user ? (
                <>
                  <li>
                    <NavLink to="/courses">Courses</NavLink>
                  </li>
                  {can('trainer') ? (
                    <li>
                      <NavLink to="/trainer">Trainer</NavLink>
                    </li>
                  ) : null}
                  {can('author') ? (
                    <li>
                      <NavLink to="/author">Author</NavLink>
                    </li>
                  ) : null}
                  {can() ? (
                    <li>
                      <NavLink to="/admin">Admin</NavLink>
                    </li>
                  ) : null}
                  <li>
                    <NavLink to="/notifications" aria-label={data?.unread ? `Notifications, ${data.unread} unread` : undefined}>
                      Notifications{data?.unread ? <span className="badge">{data.unread}</span> : null}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/account">Account</NavLink>
                  </li>
                  <li>
                    <Form method="post" action="/logout">
                      <button type="submit" className="link-button">
                        Log out
                      </button>
                    </Form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <NavLink to="/login">Log in</NavLink>
                  </li>
                  <li>
                    <NavLink to="/signup">Sign up</NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {data?.unconfirmedEmail ? (
            <Form method="post" action="/verify-email" className="notice">
              Confirm your email: we sent a link to <strong>{data.unconfirmedEmail}</strong>. You can keep learning meanwhile.{' '}
              <button type="submit" className="link-button">
                Send it again
              </button>
            </Form>
          ) : null}
          {children}
        </main>
        <footer className="site-footer">
          <p>Peer Academy is a practice and learning tool. It is not affiliated with CalMHSA.</p>
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
