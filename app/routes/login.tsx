import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { attemptLogin } from '~/models/login.server';
import { findUserById } from '~/models/user.server';
import { getOptionalUser } from '~/utils/auth.server';
import { db } from '~/utils/db.server';
import { email, parseForm, readForm } from '~/utils/forms.server';
import { homeFor } from '~/utils/home';
import { safeRedirect } from '~/utils/safe-redirect';
import { createSession } from '~/utils/session.server';

export const meta: MetaFunction = () => [{ title: 'Log in · Peer Academy' }];

const schema = () =>
  z.object({
    email,
    password: z.string({ message: 'Enter your password.' }).min(1, 'Enter your password.').max(200),
    redirectTo: z.string().optional(),
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homeFor(user.role));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(form, schema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { email, password, redirectTo } = parsed.data;
  const address = (context as { clientAddress?: string }).clientAddress ?? 'unknown';
  const result = await attemptLogin(db(), { email, password, address });
  if (!result.ok) {
    const message =
      result.reason === 'throttled'
        ? 'There have been too many tries to log in. Please wait 15 minutes and try again, or ask your trainer to help.'
        : 'That email and password do not match an account. Check them and try again.';
    return json(
      { errors: { form: message } as Record<string, string>, values: { email } as Record<string, string> },
      { status: result.reason === 'throttled' ? 429 : 400 },
    );
  }
  const user = await findUserById(db(), result.userId);
  const cookie = await createSession(result.userId);
  return redirect(safeRedirect(redirectTo, homeFor(user?.role ?? 'trainee')), { headers: { 'Set-Cookie': cookie } });
}

export default function Login() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  const redirectTo = params.get('redirectTo') ?? '';
  return (
    <>
      <h1>Log in</h1>
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
        New here? <Link to={`/signup${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ''}`}>Create an account</Link>
      </p>
    </>
  );
}
