import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { TableWrap } from '~/components/table-wrap';
import { requireRole } from '~/guards/auth.server';
import { i18nMeta } from '~/i18n/meta';
import { useMaybeT, useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { outboxCounts } from '~/models/outbox.server';
import { ROLES, searchUsers, setRole } from '~/models/user.server';
import { parseForm, readForm } from '~/web/forms.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'admin.home.title', 'admin.home.description');

const schema = () =>
  z.object({
    userId: z.uuid('admin.home.chooseUser'),
    role: z.enum(['trainee', 'trainer', 'author', 'admin'], { message: 'admin.home.chooseRole' }),
  });

const searchSchema = () =>
  z.object({
    q: z.string().max(200).catch(''),
    page: z.coerce.number().int().min(1).max(100_000).catch(1),
  });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  const search = searchSchema().parse({ q: '', page: 1, ...Object.fromEntries(new URL(request.url).searchParams) });
  const [found, mail] = await Promise.all([searchUsers(db(), search), outboxCounts(db())]);
  return json({
    users: found.rows.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, active: u.deactivated_at === null })),
    total: found.total,
    pages: found.pages,
    search,
    roles: ROLES,
    mail,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ['admin']);
  const parsed = parseForm(await readForm(request), schema);
  if (!parsed.ok) return json({ error: Object.values(parsed.errors)[0], done: null }, { status: 400 });
  if (parsed.data.userId === admin.id && parsed.data.role !== 'admin')
    return json({ error: 'admin.home.ownRole', done: null }, { status: 400 });
  if (!(await setRole(db(), parsed.data.userId, parsed.data.role, admin.id)))
    throw new Response('admin.user.notFound', { status: 404 });
  return json({ error: null, done: parsed.data.role });
}

export default function Admin() {
  const { users, roles, mail, total, pages, search } = useLoaderData<typeof loader>();
  const pageLink = (page: number) => `?${new URLSearchParams({ q: search.q, page: String(page) })}`;
  const data = useActionData<typeof action>();
  const t = useT();
  const maybeT = useMaybeT();
  return (
    <div className="wide">
      <h1>{t('admin.home.heading')}</h1>
      <p>
        {t('admin.home.mail', {
          sent: mail.sent ?? 0,
          logged: mail.logged ?? 0,
          pending: mail.pending ?? 0,
          failed: mail.failed ?? 0,
        })}
        {mail.failed ? ` ${t('admin.home.mailFailed')}` : null}
      </p>
      <p>{t('admin.home.auditLink', { link: (chunks) => <Link to="/admin/audit">{chunks}</Link> })}</p>
      <Form method="get" className="inline-form filters" role="search">
        <div>
          <label htmlFor="q">{t('admin.home.searchLabel')}</label>
          <input id="q" name="q" type="search" defaultValue={search.q} />
        </div>
        <button type="submit" className="secondary">
          {t('admin.home.search')}
        </button>
      </Form>
      <p>
        {total === 0
          ? t('admin.home.noMatch')
          : t('admin.home.count', {
              total,
              hasQuery: search.q ? 'yes' : 'no',
              q: search.q,
              page: Math.min(search.page, pages),
              pages,
            })}
      </p>
      {data?.error ? (
        <p className="form-error" role="alert">
          {maybeT(data.error)}
        </p>
      ) : null}
      {data?.done ? (
        <p className="success" role="status">
          {t('admin.home.roleChanged', { role: t('admin.role.name', { role: data.done }) })}
        </p>
      ) : null}
      <TableWrap label={t('admin.home.table')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('admin.home.name')}</th>
              <th scope="col">{t('admin.home.email')}</th>
              <th scope="col">{t('admin.home.status')}</th>
              <th scope="col">{t('admin.home.role')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                </td>
                <td>{u.email}</td>
                <td>{u.active ? t('admin.home.active') : t('admin.home.deactivated')}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="userId" value={u.id} />
                    <label htmlFor={`role-${u.id}`} className="visually-hidden">
                      {t('admin.home.roleFor', { email: u.email })}
                    </label>
                    <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {t('admin.role.name', { role: r })}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit" className="secondary">
                      {t('admin.home.changeRole')}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {pages > 1 ? (
        <nav aria-label={t('admin.home.pages')}>
          {search.page > 1 ? <Link to={pageLink(search.page - 1)}>{t('admin.home.previous')}</Link> : null}
          {search.page > 1 && search.page < pages ? ' · ' : null}
          {search.page < pages ? <Link to={pageLink(search.page + 1)}>{t('admin.home.next')}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
