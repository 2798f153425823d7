import type { ActionFunctionArgs, HeadersFunction, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { db } from '~/infra/db.server';
import { appUrl } from '~/infra/mail.server';
import { nudgeOutbox } from '~/jobs/outbox-worker.server';
import { requestPasswordReset } from '~/models/account-mail.server';
import { RESET_TOKEN_TTL_MS } from '~/models/account-token.server';
import { email, parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta('Forgot your password · Peer Academy', 'Ask for a link to choose a new Peer Academy password.');

const schema = () => z.object({ email });

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After');
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers();
};

/**
 * The same answer for every well-formed email, account or not (OWASP Forgot Password): the page
 * never says whether an account exists. Only the per-address limit, which does not depend on
 * the email, is ever told.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(form, schema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, sentTo: null }, { status: 400 });
  const address = context.clientAddress;
  const result = await requestPasswordReset(db(), { email: parsed.data.email, address, base: appUrl('') });
  if (!result.ok) {
    return json(
      {
        errors: {
          form: 'There have been many reset requests from this network in the last hour. Please try again later, or ask your trainer to send you a link.',
        } as Record<string, string>,
        values: { email: parsed.data.email } as Record<string, string>,
        sentTo: null,
      },
      { status: 429, headers: { 'Retry-After': String(result.retryAfter) } },
    );
  }
  nudgeOutbox();
  return json({ errors: {} as Record<string, string>, values: {} as Record<string, string>, sentTo: parsed.data.email });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  if (data?.sentTo) {
    return (
      <>
        <h1>Check your email</h1>
        <p role="status">
          If an account uses <strong>{data.sentTo}</strong>, we have sent it a link to choose a new password. The link works once,
          for {RESET_TOKEN_TTL_MS / 60_000} minutes.
        </p>
        <p>
          It can take a few minutes to arrive. If it does not, check your spam folder, or{' '}
          <Link to="/forgot-password">ask for another link</Link>.
        </p>
        <p>
          <Link to="/login">Back to log in</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Forgot your password?</h1>
      <p>Type the email you use for Peer Academy. We will send you a link to choose a new password.</p>
      <Form method="post" noValidate>
        <FormError error={data?.errors.form} />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={data?.values.email}
          error={data?.errors.email}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Sending…' : 'Send me a link'}
        </button>
      </Form>
      <p>
        Remembered it? <Link to="/login">Log in</Link>
      </p>
    </>
  );
}
