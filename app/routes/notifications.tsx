import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requireUser } from '~/guards/auth.server';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { listNotifications, markAllRead, markRead } from '~/models/notification.server';
import { pacificDateTime } from '~/web/dates';
import { id, parseForm, readForm } from '~/web/forms.server';
import { safeRedirect } from '~/web/safe-redirect';

export const meta: MetaFunction = ({ matches }) =>
  i18nMeta(matches, 'trainee.notifications.title', 'trainee.notifications.description');

const schema = () =>
  z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('read'), id, open: z.string().optional() }),
    z.object({ intent: z.literal('read-all') }),
  ]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const rows = await listNotifications(db(), user.id);
  const locale = await requestLocale(request);
  return json({
    notifications: rows.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      link: n.link,
      at: pacificDateTime(n.created_at, locale),
      unread: n.read_at === null,
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(await readForm(request), schema);
  if (!parsed.ok) throw new Response('trainee.notifications.badAction', { status: 400 });
  if (parsed.data.intent === 'read-all') {
    await markAllRead(db(), user.id);
    return redirect('/notifications');
  }
  // Someone else's notification is answered like an unknown one.
  if (!(await markRead(db(), user.id, parsed.data.id))) throw new Response('trainee.notifications.notFound', { status: 404 });
  return redirect(parsed.data.open ? safeRedirect(parsed.data.open, '/notifications') : '/notifications');
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const unread = notifications.filter((n) => n.unread).length;
  const t = useT();
  return (
    <>
      <h1>{t('trainee.notifications.heading')}</h1>
      <p>
        {t('trainee.notifications.unread', { count: unread })}{' '}
        <Link to="/account#notifications">{t('trainee.notifications.choose')}</Link>.
      </p>
      {unread > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="read-all" />
          <button type="submit">{t('trainee.notifications.markAll')}</button>
        </Form>
      ) : null}
      {notifications.length ? (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.unread ? 'card unread' : 'card'}>
              <h2>
                {n.unread ? <span className="status status-started">{t('trainee.notifications.new')}</span> : null} {n.title}
              </h2>
              <p className="muted">{n.at}</p>
              <p className="pre-line">{n.body}</p>
              {n.unread || n.link ? (
                <Form method="post" className="inline-actions">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  {n.link ? (
                    <button type="submit" name="open" value={n.link}>
                      {t('trainee.notifications.open')}
                    </button>
                  ) : null}
                  {n.unread ? (
                    <button type="submit" className="link-button">
                      {t('trainee.notifications.markRead')}
                    </button>
                  ) : null}
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('trainee.notifications.empty')}</p>
      )}
    </>
  );
}
