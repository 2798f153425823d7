import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { TableWrap } from '~/components/table-wrap';
import { requireRole } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { outboxCounts } from '~/models/outbox.server';
import { listUsers, ROLES, setRole } from '~/models/user.server';
import { parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () => pageMeta('Admin · Peer Academy', 'Manage Peer Academy accounts and roles.');

const schema = () =>
  z.object({
    userId: z.uuid('Choose a user.'),
    role: z.enum(['trainee', 'trainer', 'author', 'admin'], { message: 'Choose a role.' }),
  });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  const [users, mail] = await Promise.all([listUsers(db()), outboxCounts(db())]);
  return json({ users, roles: ROLES, mail });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ['admin']);
  const parsed = parseForm(await readForm(request), schema);
  if (!parsed.ok) return json({ error: Object.values(parsed.errors)[0], done: null }, { status: 400 });
  if (parsed.data.userId === admin.id && parsed.data.role !== 'admin')
    return json({ error: 'You cannot remove your own admin role. Ask another admin.', done: null }, { status: 400 });
  if (!(await setRole(db(), parsed.data.userId, parsed.data.role)))
    throw new Response('We could not find that user.', { status: 404 });
  return json({ error: null, done: `Role changed to ${parsed.data.role}.` });
}

export default function Admin() {
  const { users, roles, mail } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="wide">
      <h1>Users and roles</h1>
      <p>
        Mail: {mail.sent ?? 0} sent, {mail.logged ?? 0} printed to the log, {mail.pending ?? 0} waiting, {mail.failed ?? 0}{' '}
        failed.
        {mail.failed ? ' Failed messages keep their last error in the outbox table and in the server log.' : null}
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
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
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
    </div>
  );
}
