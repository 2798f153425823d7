import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { FormError } from '~/components/field';
import { requireRole } from '~/guards/auth.server';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta, metaT } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { deactivateUser, reactivateUser, userOverview } from '~/models/user.server';
import { pacificDateTime } from '~/web/dates';
import { id, parseForm, parseParams, readForm } from '~/web/forms.server';

// One account for an admin: role, groups and roles in them, and deactivate / reactivate
// (issue #16 item 8). Deactivating ends every session at once (the rows are deleted).

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  i18nMeta(matches, 'admin.user.title', 'admin.user.description', {
    name: data?.user.name ?? metaT(matches)('admin.user.fallbackName'),
  });

const params = () => z.object({ userId: id });
const schema = () => z.object({ intent: z.enum(['deactivate', 'reactivate'], { message: 'admin.user.chooseAction' }) });

const DONE = new Set(['deactivated', 'reactivated']);

export async function loader({ request, params: p }: LoaderFunctionArgs) {
  const admin = await requireRole(request, ['admin']);
  const { userId } = parseParams(p, params());
  const o = await userOverview(db(), userId);
  if (!o) throw new Response('admin.user.notFound', { status: 404 });
  const locale = await requestLocale(request);
  const done = new URL(request.url).searchParams.get('done') ?? '';
  return json({
    user: {
      id: o.user.id,
      name: o.user.name,
      email: o.user.email,
      role: o.user.role,
      created: pacificDateTime(o.user.created_at, locale),
      emailConfirmed: o.user.email_verified_at !== null,
      deactivated: o.user.deactivated_at === null ? null : pacificDateTime(o.user.deactivated_at, locale),
    },
    self: o.user.id === admin.id,
    member: o.member.map((c) => ({
      id: c.id,
      name: c.name,
      archived: c.archived_at !== null,
      joined: pacificDateTime(c.joined_at, locale),
    })),
    teaches: o.teaches.map((c) => ({ id: c.id, name: c.name, archived: c.archived_at !== null, role: c.role })),
    pending: o.pending,
    done: DONE.has(done) ? done : null,
  });
}

export async function action({ request, params: p }: ActionFunctionArgs) {
  const admin = await requireRole(request, ['admin']);
  const { userId } = parseParams(p, params());
  const parsed = parseForm(await readForm(request), schema);
  if (!parsed.ok) return json({ error: Object.values(parsed.errors)[0] }, { status: 400 });
  if (userId === admin.id) return json({ error: 'admin.user.ownAccount' }, { status: 400 });
  const o = await userOverview(db(), userId);
  if (!o) throw new Response('admin.user.notFound', { status: 404 });
  // A repeated submit (already deactivated / already active) changes nothing and lands on the same page.
  if (parsed.data.intent === 'deactivate') await deactivateUser(db(), { actorId: admin.id, userId });
  else await reactivateUser(db(), { actorId: admin.id, userId });
  return redirect(`/admin/users/${userId}?done=${parsed.data.intent}d`);
}

export default function AdminUser() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const u = d.user;
  const t = useT();
  return (
    <>
      <p className="muted">
        <Link to="/admin">{t('admin.home.heading')}</Link> ·{' '}
        <Link to={`/admin/audit?${new URLSearchParams({ target: u.email })}`}>{t('admin.user.auditLink')}</Link>
      </p>
      <h1>{u.name}</h1>
      {d.done && !a ? (
        <p className="success" role="status">
          {t('admin.user.done', { done: d.done })}
        </p>
      ) : null}
      <FormError error={a?.error} />
      <dl>
        <dt>{t('admin.user.email')}</dt>
        <dd>
          {u.email} {u.emailConfirmed ? t('admin.user.confirmed') : t('admin.user.notConfirmed')}
        </dd>
        <dt>{t('admin.user.role')}</dt>
        <dd>{t('admin.user.roleHint', { role: t('admin.role.name', { role: u.role }) })}</dd>
        <dt>{t('admin.user.created')}</dt>
        <dd>{u.created}</dd>
        <dt>{t('admin.user.status')}</dt>
        <dd>{u.deactivated ? t('admin.user.deactivatedOn', { date: u.deactivated }) : t('admin.user.active')}</dd>
      </dl>
      <h2>{t('admin.user.groups')}</h2>
      {d.member.length || d.teaches.length || d.pending.length ? (
        <ul>
          {d.teaches.map((c) => (
            <li key={`t-${c.id}`}>
              <Link to={`/trainer/cohorts/${c.id}`}>{c.name}</Link>:{' '}
              {c.role === 'owner' ? t('admin.user.owner') : t('admin.user.coTrainer')}
              {c.archived ? t('admin.user.archived') : ''}
            </li>
          ))}
          {d.member.map((c) => (
            <li key={`m-${c.id}`}>
              <Link to={`/trainer/cohorts/${c.id}`}>{c.name}</Link>: {t('admin.user.traineeSince', { date: c.joined })}
              {c.archived ? t('admin.user.archived') : ''}
            </li>
          ))}
          {d.pending.map((c) => (
            <li key={`p-${c.id}`}>
              <Link to={`/trainer/cohorts/${c.id}`}>{c.name}</Link>: {t('admin.user.waiting')}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('admin.user.noGroups')}</p>
      )}
      <h2>{t('admin.user.access')}</h2>
      {d.self ? (
        <p>{t('admin.user.self')}</p>
      ) : u.deactivated ? (
        <Form method="post">
          <p>{t('admin.user.reactivateHint')}</p>
          <button type="submit" name="intent" value="reactivate">
            {t('admin.user.reactivate')}
          </button>
        </Form>
      ) : (
        <Form method="post">
          <p>{t('admin.user.deactivateHint')}</p>
          <button type="submit" name="intent" value="deactivate">
            {t('admin.user.deactivate')}
          </button>
        </Form>
      )}
    </>
  );
}
