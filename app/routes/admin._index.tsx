import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { TableWrap } from '~/components/table-wrap';
import { requireRole } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { outboxCounts } from '~/models/outbox.server';
import { ROLES, searchUsers, setRole } from '~/models/user.server';
import { parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () => pageMeta('Admin · Peer Academy', 'Manage Peer Academy accounts and roles.');

const schema = () =>
  z.object({
    userId: z.uuid('Choose a user.'),
    role: z.enum(['trainee', 'trainer', 'author', 'admin'], { message: 'Choose a role.' }),
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
    return json({ error: 'You cannot remove your own admin role. Ask another admin.', done: null }, { status: 400 });
  if (!(await setRole(db(), parsed.data.userId, parsed.data.role, admin.id)))
    throw new Response('We could not find that user.', { status: 404 });
  return json({ error: null, done: `Role changed to ${parsed.data.role}.` });
}

export default function Admin() {
  const { users, roles, mail, total, pages, search } = useLoaderData<typeof loader>();
  const pageLink = (page: number) => `?${new URLSearchParams({ q: search.q, page: String(page) })}`;
  const data = useActionData<typeof action>();
  return (
    <div className="wide">
      <h1>Users and roles</h1>
      <p>
        Mail: {mail.sent ?? 0} sent, {mail.logged ?? 0} printed to the log, {mail.pending ?? 0} waiting, {mail.failed ?? 0}{' '}
        failed.
        {mail.failed ? ' Failed messages keep their last error in the outbox table and in the server log.' : null}
      </p>
      <p>
        <Link to="/admin/audit">Audit log</Link> (role changes, deactivations, reset links, deletions)
      </p>
      <Form method="get" className="inline-form filters" role="search">
        <div>
          <label htmlFor="q">Search users by name or email</label>
          <input id="q" name="q" type="search" defaultValue={search.q} />
        </div>
        <button type="submit" className="secondary">
          Search
        </button>
      </Form>
      <p>
        {total === 0
          ? 'No users match.'
          : `${total} ${total === 1 ? 'user' : 'users'}${search.q ? ` matching “${search.q}”` : ''}; page ${Math.min(search.page, pages)} of ${pages}.`}
      </p>
      {data?.error ? (
        <p className="form-error" role="alert">
          {data.error}
        </p>
      ) : null}
      {data?.done ? (
        <p className="success" role="status">
          {data.done}
        </p>
      ) : null}
      <TableWrap label="Users">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Status</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                </td>
                <td>{u.email}</td>
                <td>{u.active ? 'Active' : 'Deactivated'}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="userId" value={u.id} />
                    <label htmlFor={`role-${u.id}`} className="visually-hidden">
                      Role for {u.email}
                    </label>
                    <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit" className="secondary">
                      Change role
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {pages > 1 ? (
        <nav aria-label="Pages of users">
          {search.page > 1 ? <Link to={pageLink(search.page - 1)}>Previous page</Link> : null}
          {search.page > 1 && search.page < pages ? ' · ' : null}
          {search.page < pages ? <Link to={pageLink(search.page + 1)}>Next page</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
