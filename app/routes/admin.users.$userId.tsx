import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { FormError } from '~/components/field';
import { requireRole } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { deactivateUser, reactivateUser, userOverview } from '~/models/user.server';
import { pacificDateTime } from '~/web/dates';
import { id, parseForm, parseParams, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

// One account for an admin: role, groups and roles in them, and deactivate / reactivate
// (issue #16 item 8). Deactivating ends every session at once (the rows are deleted).

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(`${data?.user.name ?? 'User'} · Admin · Peer Academy`, "A person's account, groups and roles, for admins.");

const params = z.object({ userId: id });
const schema = () => z.object({ intent: z.enum(['deactivate', 'reactivate'], { message: 'Choose an action.' }) });

const DONE: Record<string, string> = {
  deactivated: 'The account is deactivated. Every session it had has ended, and it cannot log in.',
  reactivated: 'The account is active again. The person can log in.',
};

export async function loader({ request, params: p }: LoaderFunctionArgs) {
  const admin = await requireRole(request, ['admin']);
  const { userId } = parseParams(p, params);
  const o = await userOverview(db(), userId);
  if (!o) throw new Response('We could not find that user.', { status: 404 });
  return json({
    user: {
      id: o.user.id,
      name: o.user.name,
      email: o.user.email,
      role: o.user.role,
      created: pacificDateTime(o.user.created_at),
      emailConfirmed: o.user.email_verified_at !== null,
      deactivated: o.user.deactivated_at === null ? null : pacificDateTime(o.user.deactivated_at),
    },
    self: o.user.id === admin.id,
    member: o.member.map((c) => ({
      id: c.id,
      name: c.name,
      archived: c.archived_at !== null,
      joined: pacificDateTime(c.joined_at),
    })),
    teaches: o.teaches.map((c) => ({ id: c.id, name: c.name, archived: c.archived_at !== null, role: c.role })),
    pending: o.pending,
    done: DONE[new URL(request.url).searchParams.get('done') ?? ''] ?? null,
  });
}

export async function action({ request, params: p }: ActionFunctionArgs) {
  const admin = await requireRole(request, ['admin']);
  const { userId } = parseParams(p, params);
  const parsed = parseForm(await readForm(request), schema);
  if (!parsed.ok) return json({ error: Object.values(parsed.errors)[0] }, { status: 400 });
  if (userId === admin.id) return json({ error: 'You cannot deactivate your own account. Ask another admin.' }, { status: 400 });
  const o = await userOverview(db(), userId);
  if (!o) throw new Response('We could not find that user.', { status: 404 });
  // A repeated submit (already deactivated / already active) changes nothing and lands on the same page.
  if (parsed.data.intent === 'deactivate') await deactivateUser(db(), { actorId: admin.id, userId });
  else await reactivateUser(db(), { actorId: admin.id, userId });
  return redirect(`/admin/users/${userId}?done=${parsed.data.intent}d`);
}

export default function AdminUser() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const u = d.user;
  return (
    <>
      <p className="muted">
        <Link to="/admin">Users and roles</Link> ·{' '}
        <Link to={`/admin/audit?${new URLSearchParams({ target: u.email })}`}>Audit log for this user</Link>
      </p>
      <h1>{u.name}</h1>
      {d.done && !a ? (
        <p className="success" role="status">
          {d.done}
        </p>
      ) : null}
      <FormError error={a?.error} />
      <dl>
        <dt>Email</dt>
        <dd>
          {u.email} {u.emailConfirmed ? '(confirmed)' : '(not confirmed yet)'}
        </dd>
        <dt>Role</dt>
        <dd>{u.role} (change it on the users page)</dd>
        <dt>Account made</dt>
        <dd>{u.created}</dd>
        <dt>Status</dt>
        <dd>{u.deactivated ? `Deactivated on ${u.deactivated}` : 'Active'}</dd>
      </dl>
      <h2>Groups</h2>
      {d.member.length || d.teaches.length || d.pending.length ? (
        <ul>
          {d.teaches.map((c) => (
            <li key={`t-${c.id}`}>
              <Link to={`/trainer/cohorts/${c.id}`}>{c.name}</Link>: {c.role === 'owner' ? 'trainer (owner)' : 'co-trainer'}
              {c.archived ? ', archived' : ''}
            </li>
          ))}
          {d.member.map((c) => (
            <li key={`m-${c.id}`}>
              <Link to={`/trainer/cohorts/${c.id}`}>{c.name}</Link>: trainee since {c.joined}
              {c.archived ? ', archived' : ''}
            </li>
          ))}
          {d.pending.map((c) => (
            <li key={`p-${c.id}`}>
              <Link to={`/trainer/cohorts/${c.id}`}>{c.name}</Link>: waiting for approval
            </li>
          ))}
        </ul>
      ) : (
        <p>Not in any group.</p>
      )}
      <h2>Access</h2>
      {d.self ? (
        <p>This is your own account. Another admin can deactivate it.</p>
      ) : u.deactivated ? (
        <Form method="post">
          <p>Reactivating lets the person log in again with their password.</p>
          <button type="submit" name="intent" value="reactivate">
            Reactivate account
          </button>
        </Form>
      ) : (
        <Form method="post">
          <p>
            Deactivating ends every session of this account at once and refuses its logins. Its records (progress, grades,
            certificates) are kept, and you can reactivate it later.
          </p>
          <button type="submit" name="intent" value="deactivate">
            Deactivate account
          </button>
        </Form>
      )}
    </>
  );
}
