import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ResetLinkProblem } from '~/components/link-problem';
import { NewPasswordForm } from '~/components/new-password-form';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { appUrl } from '~/infra/mail.server';
import { resetTokenCookie } from '~/infra/session.server';
import { nudgeOutbox } from '~/jobs/outbox-worker.server';
import { resetPassword } from '~/models/account-mail.server';
import { peekToken } from '~/models/account-token.server';
import { readForm } from '~/web/forms.server';
import { hashNewPassword } from '~/web/new-password.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'account.reset.title');

async function tokenOf(request: Request): Promise<string | null> {
  const value = await resetTokenCookie().parse(request.headers.get('cookie'));
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
  const chosen = await hashNewPassword(form);
  if (!chosen.ok) return json({ invalid: false, errors: chosen.errors }, { status: chosen.status, headers: chosen.headers });
  const { passwordHash } = chosen;
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
  const t = useT();
  if (loaded.invalid || data?.invalid) return <ResetLinkProblem />;
  const errors: Record<string, string | undefined> = data?.errors ?? {};
  return (
    <>
      <h1>{t('account.reset.heading')}</h1>
      <p>{t('account.reset.intro')}</p>
      <NewPasswordForm label={t('account.reset.label')} submit={t('account.reset.submit')} errors={errors} />
    </>
  );
}
