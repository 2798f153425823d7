import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { getOptionalUser } from '~/guards/auth.server';
import { keepLang, signedOutChoice } from '~/i18n/locale.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { createSession, deviceCookieFor, readDevice } from '~/infra/session.server';
import { setUserLocale } from '~/models/locale.server';
import { attemptLogin } from '~/models/login.server';
import { findUserById } from '~/models/user.server';
import { email, parseForm, readForm } from '~/web/forms.server';
import { homeFor } from '~/web/home';
import { safeRedirect } from '~/web/safe-redirect';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'account.login.title', 'account.login.description');

const schema = () =>
  z.object({
    email,
    password: z.string({ message: 'account.login.passwordRequired' }).min(1, 'account.login.passwordRequired').max(200),
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
const waitValues = (seconds: number) => ({
  wait: seconds >= 120 ? 'minutes' : seconds >= 60 ? 'minute' : 'seconds',
  minutes: Math.round(seconds / 60),
});

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
      return json({ errors: { form: 'account.login.deactivated' } as Record<string, string>, values }, { status: 403 });
    }
    if (result.reason === 'invalid') {
      return json({ errors: { form: 'account.login.invalid' } as Record<string, string>, values }, { status: 400 });
    }
    await tarpit(result.reason === 'busy' ? result.retryAfter : 1);
    // The form error is a message id; the wait, when there is one, travels as its values.
    const message = result.reason === 'busy' ? 'account.login.busy' : 'account.login.throttled';
    const wait = result.reason === 'busy' ? undefined : waitValues(result.retryAfter);
    return json(
      { errors: { form: message } as Record<string, string>, values, wait },
      { status: 429, headers: { 'Retry-After': String(result.retryAfter) } },
    );
  }
  const user = await findUserById(db(), result.userId);
  // A language chosen while signed out goes onto an account that has none yet.
  const choice = await signedOutChoice(request);
  if (user && !user.locale && choice) await setUserLocale(db(), user.id, choice);
  const headers = new Headers();
  headers.append('Set-Cookie', await createSession(result.userId));
  headers.append('Set-Cookie', await deviceCookieFor(result.userId, device));
  return redirect(keepLang(request, safeRedirect(redirectTo, homeFor(user?.role ?? 'trainee'))), { headers });
}

export default function Login() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  const t = useT();
  const redirectTo = params.get('redirectTo') ?? '';
  const formError =
    data?.errors.form === 'account.login.throttled' ? t('account.login.throttled', waitOf(data)) : data?.errors.form;
  return (
    <>
      <h1>{t('account.login.heading')}</h1>
      {params.get('reset') === 'done' ? (
        <p className="success" role="status">
          {t('account.login.resetDone')}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <FormError error={formError} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label={t('account.login.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={data?.values.email}
          error={data?.errors.email}
        />
        <Field
          label={t('account.login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={data?.errors.password}
        />
        <button type="submit" disabled={busy}>
          {busy ? t('account.login.submitting') : t('account.login.submit')}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t('account.login.forgot')}</Link>
      </p>
      <p>
        {t('account.login.newHere', {
          link: (chunks) => <Link to={`/signup${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ''}`}>{chunks}</Link>,
        })}
      </p>
    </>
  );
}

function waitOf(data: unknown) {
  const wait = (data as { wait?: { wait: string; minutes: number } } | undefined)?.wait;
  return wait ?? { wait: 'seconds', minutes: 0 };
}
