import { randomUUID } from 'node:crypto';
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
import { appUrl } from '~/infra/mail.server';
import { createSession, deviceCookieFor, readDevice, unboundSessionCookie } from '~/infra/session.server';
import { nudgeOutbox } from '~/jobs/outbox-worker.server';
import { findCohortByCode } from '~/models/cohort.server';
import { attemptSignup } from '~/models/login.server';
import { email, joinCode, newPassword, parseForm, readForm } from '~/web/forms.server';
import { safeRedirect } from '~/web/safe-redirect';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'account.signup.title', 'account.signup.description');

const schema = () =>
  z.object({
    name: z
      .string({ message: 'account.form.nameRequired' })
      .trim()
      .min(1, 'account.form.nameRequired')
      .max(100, 'account.form.nameTooLong'),
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
    return fail({ joinCode: 'account.signup.unknownCode' });
  }
  if (cohort && !cohort.usable) return fail({ joinCode: 'account.signup.oldCode' });
  const address = context.clientAddress;
  const result = await attemptSignup(db(), {
    email,
    name,
    password,
    address,
    cohortId: cohort?.id,
    cohortRequiresApproval: cohort?.requiresApproval,
    base: appUrl(''),
    // The language chosen while signed out (the switch's cookie, or ?lang= on this page) stays on the account.
    locale: await signedOutChoice(request),
  });
  if (!result.ok) {
    return fail(
      {
        form: result.reason === 'busy' ? 'account.signup.busy' : 'account.signup.throttled',
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
  return redirect(keepLang(request, safeRedirect(redirectTo, '/courses')), { headers });
}

export default function Signup() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  const t = useT();
  return (
    <>
      <h1>{t('account.signup.heading')}</h1>
      <p>{t('account.signup.intro')}</p>
      <Form method="post" noValidate>
        <FormError error={data?.errors.form} />
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <Field
          label={t('account.signup.name')}
          name="name"
          autoComplete="name"
          required
          defaultValue={data?.values.name}
          error={data?.errors.name}
        />
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
          autoComplete="new-password"
          required
          hint={t('account.form.password.hint')}
          error={data?.errors.password}
        />
        <Field
          label={t('account.signup.joinCode')}
          name="joinCode"
          autoComplete="off"
          hint={t('account.signup.joinCodeHint')}
          defaultValue={data?.values.joinCode ?? params.get('code') ?? ''}
          error={data?.errors.joinCode}
        />
        <button type="submit" disabled={busy}>
          {busy ? t('account.signup.submitting') : t('account.signup.submit')}
        </button>
      </Form>
      <p>{t('account.signup.haveAccount', { link: (chunks) => <Link to="/login">{chunks}</Link> })}</p>
    </>
  );
}
