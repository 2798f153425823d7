import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { getOptionalUser } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { createSession, deviceCookieFor, readDevice } from '~/infra/session.server';
import { attemptLogin } from '~/models/login.server';
import { findUserById } from '~/models/user.server';
import { email, parseForm, readForm } from '~/web/forms.server';
import { homeFor } from '~/web/home';
import { pageMeta } from '~/web/meta';
import { safeRedirect } from '~/web/safe-redirect';

export const meta: MetaFunction = () =>
  pageMeta('Log in · Peer Academy', 'Log in to Peer Academy to continue your peer support training.');

const schema = () =>
  z.object({
    email,
    password: z.string({ message: 'Enter your password.' }).min(1, 'Enter your password.').max(200),
    redirectTo: z.string().optional(),
  });

// A page rendered after a refused attempt still tells the client when to try again.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After');
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homeFor(user.role));
  return null;
}

/**
 * A refused attempt is answered after a pause that costs the server only a timer: a client that
 * keeps guessing one request after another sends a request a second or two, not hundreds. The
 * "busy" answer waits as long as its Retry-After, or a flood of clients that each get it at once
 * would loop on the login page fast enough to take the cores from every other page.
 */
const tarpit = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const waitWords = (seconds: number) =>
  seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : seconds >= 60 ? 'a minute' : 'a few seconds';

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(form, schema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { email, password, redirectTo } = parsed.data;
  const address = context.clientAddress;
  const device = await readDevice(request);
  const result = await attemptLogin(db(), { email, password, address, device });
  if (!result.ok) {
    const values = { email } as Record<string, string>;
    if (result.reason === 'deactivated') {
      const message =
        'This account has been turned off by an administrator. If you think this is a mistake, ask your trainer or program.';
      return json({ errors: { form: message } as Record<string, string>, values }, { status: 403 });
    }
    if (result.reason === 'invalid') {
      const message = 'That email and password do not match an account. Check them and try again.';
      return json({ errors: { form: message } as Record<string, string>, values }, { status: 400 });
    }
    await tarpit(result.reason === 'busy' ? result.retryAfter : 1);
    const message =
      result.reason === 'busy'
        ? 'Many people are logging in right now. Please wait a few seconds and try again.'
        : `There have been too many tries to log in. Please wait ${waitWords(result.retryAfter)} and try again, or ask your trainer to help.`;
    return json(
      { errors: { form: message } as Record<string, string>, values },
      { status: 429, headers: { 'Retry-After': String(result.retryAfter) } },
    );
  }
  const user = await findUserById(db(), result.userId);
  const headers = new Headers();
  headers.append('Set-Cookie', await createSession(result.userId));
  headers.append('Set-Cookie', await deviceCookieFor(result.userId, device));
  return redirect(safeRedirect(redirectTo, homeFor(user?.role ?? 'trainee')), { headers });
}

export default function Login() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  const redirectTo = params.get('redirectTo') ?? '';
  return (
    <>
      <h1>Log in</h1>
      {params.get('reset') === 'done' ? (
        <p className="success" role="status">
          Your password was changed and every device was logged out. Log in with your new password.
        </p>
      ) : null}
      <Form method="post" noValidate>
        <FormError error={data?.errors.form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
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
          autoComplete="current-password"
          required
          error={data?.errors.password}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link to={`/signup${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ''}`}>Create an account</Link>
      </p>
    </>
  );
}
