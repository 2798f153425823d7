import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { InviteLinkProblem } from '~/components/link-problem';
import { NewPasswordForm } from '~/components/new-password-form';
import { db } from '~/infra/db.server';
import { createSession, inviteTokenCookie } from '~/infra/session.server';
import { peekToken } from '~/models/account-token.server';
import { acceptInvite } from '~/models/roster.server';
import { readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';
import { hashNewPassword } from '~/web/new-password.server';

export const meta: MetaFunction = () =>
  pageMeta('Choose your password · Peer Academy', 'Choose your password to start your peer support training.');

async function tokenOf(request: Request): Promise<string | null> {
  const value = await inviteTokenCookie().parse(request.headers.get('Cookie'));
  return typeof value === 'string' ? value : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = await tokenOf(request);
  if (!token || !(await peekToken(db(), token, 'invite'))) return json({ invalid: true }, { status: 400 });
  return json({ invalid: false });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const token = await tokenOf(request);
  if (!token || !(await peekToken(db(), token, 'invite'))) return json({ invalid: true, errors: {} }, { status: 400 });
  const chosen = await hashNewPassword(form);
  if (!chosen.ok) return json({ invalid: false, errors: chosen.errors }, { status: chosen.status, headers: chosen.headers });
  const { passwordHash } = chosen;
  const done = await acceptInvite(db(), { token, passwordHash });
  if (!done) return json({ invalid: true, errors: {} }, { status: 400 });
  const headers = new Headers();
  headers.append('Set-Cookie', await inviteTokenCookie().serialize('', { maxAge: 0 }));
  headers.append('Set-Cookie', await createSession(done.userId));
  return redirect('/courses', { headers });
}

export default function AcceptInvite() {
  const loaded = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  if (loaded.invalid || data?.invalid) return <InviteLinkProblem />;
  const errors: Record<string, string | undefined> = data?.errors ?? {};
  return (
    <>
      <h1>Choose your password</h1>
      <p>Your trainer invited you to Peer Academy. Choose a password for your account; you will be logged in right away.</p>
      <NewPasswordForm label="Password" submit="Save my password" errors={errors} />
    </>
  );
}
