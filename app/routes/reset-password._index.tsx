import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { ResetLinkProblem } from '~/components/link-problem';
import { db } from '~/infra/db.server';
import { appUrl } from '~/infra/mail.server';
import { HashQueueFull, hashPassword } from '~/infra/password.server';
import { resetTokenCookie } from '~/infra/session.server';
import { nudgeOutbox } from '~/jobs/outbox-worker.server';
import { resetPassword } from '~/models/account-mail.server';
import { peekToken } from '~/models/account-token.server';
import { newPassword, parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () => pageMeta('Choose a new password · Peer Academy');

const schema = () => z.object({ password: newPassword });

async function tokenOf(request: Request): Promise<string | null> {
  const value = await resetTokenCookie().parse(request.headers.get('Cookie'));
  return typeof value === 'string' ? value : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = await tokenOf(request);
  if (!token || !(await peekToken(db(), token, 'reset'))) return json({ invalid: true }, { status: 400 });
  return json({ invalid: false });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const token = await tokenOf(request);
  if (!token || !(await peekToken(db(), token, 'reset'))) return json({ invalid: true, errors: {} }, { status: 400 });
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
  // Two tabs submitting the same link: only one uses it; the other is told the link is spent.
  const done = await resetPassword(db(), { token, passwordHash, base: appUrl('') });
  if (!done) return json({ invalid: true, errors: {} }, { status: 400 });
  nudgeOutbox();
  return redirect('/login?reset=done', {
    headers: { 'Set-Cookie': await resetTokenCookie().serialize('', { maxAge: 0 }) },
  });
}

export default function ResetPassword() {
  const loaded = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  if (loaded.invalid || data?.invalid) return <ResetLinkProblem />;
  const errors: Record<string, string | undefined> = data?.errors ?? {};
  return (
    <>
      <h1>Choose a new password</h1>
      <p>When you save it, every device signed in to your account is logged out, and we email you to say so.</p>
      <Form method="post" noValidate>
        <FormError error={errors.form} />
        <Field
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 15 characters. A few unrelated words in a row work well; common passwords are refused."
          error={errors.password}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save new password'}
        </button>
      </Form>
    </>
  );
}
