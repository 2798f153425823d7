import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { InviteLinkProblem } from '~/components/link-problem';
import { NewPasswordForm } from '~/components/new-password-form';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { createSession, inviteTokenCookie } from '~/infra/session.server';
import { peekToken } from '~/models/account-token.server';
import { acceptInvite } from '~/models/roster.server';
import { readForm } from '~/web/forms.server';
import { hashNewPassword } from '~/web/new-password.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'account.invite.title', 'account.invite.description');

async function tokenOf(request: Request): Promise<string | null> {
  const value = await inviteTokenCookie().parse(request.headers.get('cookie'));
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
  const chosen = await hashNewPassword(form);
  if (!chosen.ok) return json({ invalid: false, errors: chosen.errors }, { status: chosen.status, headers: chosen.headers });
  const { passwordHash } = chosen;
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
  const t = useT();
  if (loaded.invalid || data?.invalid) return <InviteLinkProblem />;
  const errors: Record<string, string | undefined> = data?.errors ?? {};
  return (
    <>
      <h1>{t('account.invite.heading')}</h1>
      <p>{t('account.invite.intro')}</p>
      <NewPasswordForm label={t('account.invite.label')} submit={t('account.invite.submit')} errors={errors} />
    </>
  );
}
