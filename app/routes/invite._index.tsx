import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { InviteLinkProblem } from '~/components/link-problem';
import { db } from '~/infra/db.server';
import { HashQueueFull, hashPassword } from '~/infra/password.server';
import { createSession, inviteTokenCookie } from '~/infra/session.server';
import { peekToken } from '~/models/account-token.server';
import { acceptInvite } from '~/models/roster.server';
import { newPassword, parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta('Choose your password · Peer Academy', 'Choose your password to start your peer support training.');

const schema = () => z.object({ password: newPassword });

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
  const parsed = parseForm(form, schema);
  if (!parsed.ok) return json({ invalid: false, errors: parsed.errors }, { status: 400 });
  let passwordHash: string;
  try {
    passwordHash = await hashPassword(parsed.data.password);
  } catch (e) {
    if (!(e instanceof HashQueueFull)) throw e;
    return json(
      { invalid: false, errors: { form: 'Many people are signing in right now. Please wait a few seconds and try again.' } },
      { status: 429, headers: { 'Retry-After': '2' } },
    );
  }
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
  const busy = useNavigation().state === 'submitting';
  if (loaded.invalid || data?.invalid) return <InviteLinkProblem />;
  const errors: Record<string, string | undefined> = data?.errors ?? {};
  return (
    <>
      <h1>Choose your password</h1>
      <p>Your trainer invited you to Peer Academy. Choose a password for your account; you will be logged in right away.</p>
      <Form method="post" noValidate>
        <FormError error={errors.form} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 15 characters. A few unrelated words in a row work well; common passwords are refused."
          error={errors.password}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save my password'}
        </button>
      </Form>
    </>
  );
}
