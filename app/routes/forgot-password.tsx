import type { ActionFunctionArgs, HeadersFunction, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { appUrl } from '~/infra/mail.server';
import { nudgeOutbox } from '~/jobs/outbox-worker.server';
import { requestPasswordReset } from '~/models/account-mail.server';
import { RESET_TOKEN_TTL_MS } from '~/models/account-token.server';
import { email, parseForm, readForm } from '~/web/forms.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'account.forgot.title', 'account.forgot.description');

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
  // The link is mailed in the language of this page, unless the account chose its own.
  const locale = await requestLocale(request);
  const result = await requestPasswordReset(db(), { email: parsed.data.email, address, base: appUrl(''), locale });
  if (!result.ok) {
    return json(
      {
        errors: { form: 'account.forgot.throttled' } as Record<string, string>,
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
  const t = useT();
  if (data?.sentTo) {
    return (
      <>
        <h1>{t('account.forgot.sentHeading')}</h1>
        <p role="status">
          {t('account.forgot.sent', {
            email: data.sentTo,
            minutes: RESET_TOKEN_TTL_MS / 60_000,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
        <p>{t('account.forgot.sentHelp', { link: (chunks) => <Link to="/forgot-password">{chunks}</Link> })}</p>
        <p>
          <Link to="/login">{t('account.forgot.backToLogin')}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t('account.forgot.heading')}</h1>
      <p>{t('account.forgot.intro')}</p>
      <Form method="post" noValidate>
        <FormError error={data?.errors.form} />
        <Field
          label={t('account.login.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={data?.values.email}
          error={data?.errors.email}
        />
        <button type="submit" disabled={busy}>
          {busy ? t('account.forgot.submitting') : t('account.forgot.submit')}
        </button>
      </Form>
      <p>{t('account.forgot.remembered', { link: (chunks) => <Link to="/login">{chunks}</Link> })}</p>
    </>
  );
}
