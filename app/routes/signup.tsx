import { randomUUID } from 'node:crypto';
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { getOptionalUser } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { appUrl } from '~/infra/mail.server';
import { createSession, deviceCookieFor, readDevice, unboundSessionCookie } from '~/infra/session.server';
import { nudgeOutbox } from '~/jobs/outbox-worker.server';
import { findCohortByCode } from '~/models/cohort.server';
import { attemptSignup } from '~/models/login.server';
import { email, joinCode, newPassword, parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';
import { safeRedirect } from '~/web/safe-redirect';

export const meta: MetaFunction = () =>
  pageMeta('Sign up · Peer Academy', 'Create a Peer Academy account to start peer support training.');

const schema = () =>
  z.object({
    name: z.string({ message: 'Enter your name.' }).trim().min(1, 'Enter your name.').max(100, 'Use at most 100 characters.'),
    email,
    password: newPassword,
    joinCode: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), joinCode.optional()),
    redirectTo: z.string().optional(),
  });

// A page rendered after a refused attempt still tells the client when to try again.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After');
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect('/courses');
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(form, schema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { name, email, password, joinCode: code, redirectTo } = parsed.data;
  const values = { name, email, joinCode: String(form.get('joinCode') ?? '') };
  const fail = (errors: Record<string, string>, init: ResponseInit = { status: 400 }) => json({ errors, values }, init);
  const cohort = code ? await findCohortByCode(db(), code) : undefined;
  if (code && !cohort) {
    return fail({ joinCode: 'We could not find a group with that join code. Check it with your trainer.' });
  }
  if (cohort && !cohort.usable) return fail({ joinCode: 'This join code no longer works. Ask your trainer for a new one.' });
  const address = context.clientAddress;
  const result = await attemptSignup(db(), {
    email,
    name,
    password,
    address,
    cohortId: cohort?.id,
    cohortRequiresApproval: cohort?.requiresApproval,
    base: appUrl(''),
  });
  if (!result.ok) {
    return fail(
      {
        form:
          result.reason === 'busy'
            ? 'Many people are signing up right now. Please wait a few seconds and try again.'
            : 'Too many accounts have been created from this network in the last hour. Please try again later, or ask your trainer to help.',
      },
      { status: 429, headers: { 'Retry-After': String(result.retryAfter) } },
    );
  }
  nudgeOutbox();
  // A taken email answers exactly like a new account (same status, place and cookies) and its
  // owner is mailed instead, so sign-up does not say which emails have accounts. A new account
  // is signed in at once and can learn while its address is unconfirmed (ADR 018).
  const headers = new Headers();
  headers.append('Set-Cookie', result.userId ? await createSession(result.userId) : await unboundSessionCookie());
  headers.append('Set-Cookie', await deviceCookieFor(result.userId ?? randomUUID(), await readDevice(request)));
  return redirect(safeRedirect(redirectTo, '/courses'), { headers });
}

export default function Signup() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  return (
    <>
      <h1>Create your account</h1>
      <p>
        You can start learning right away. We will email you a link to confirm your address. If your trainer gave you a join code,
        add it so they can follow your progress.
      </p>
      <Form method="post" noValidate>
        <FormError error={data?.errors.form} />
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <Field
          label="Your name"
          name="name"
          autoComplete="name"
          required
          defaultValue={data?.values.name}
          error={data?.errors.name}
        />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={data?.values.email}
          error={data?.errors.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 15 characters. A few unrelated words in a row work well; common passwords are refused."
          error={data?.errors.password}
        />
        <Field
          label="Join code (optional)"
          name="joinCode"
          autoComplete="off"
          hint="8 letters and numbers from your trainer, like K7QM-3XPA."
          defaultValue={data?.values.joinCode ?? params.get('code') ?? ''}
          error={data?.errors.joinCode}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Creating your account…' : 'Create account'}
        </button>
      </Form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </>
  );
}
