import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { ResetLinkProblem } from '~/components/link-problem';
import { i18nMeta } from '~/i18n/meta';
import { db } from '~/infra/db.server';
import { resetTokenCookie } from '~/infra/session.server';
import { peekToken } from '~/models/account-token.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'account.reset.title');

/**
 * The mailed link. A valid token moves into a short-lived cookie and the browser goes on to
 * /reset-password, so the token leaves the address bar before the page loads anything else.
 * The token is only looked at here, not used: a mail scanner opening the link spends nothing.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const token = params.token ?? '';
  if (!(await peekToken(db(), token, 'reset'))) return json({ invalid: true }, { status: 400 });
  return redirect('/reset-password', { headers: { 'Set-Cookie': await resetTokenCookie().serialize(token) } });
}

export default function ResetLink() {
  return <ResetLinkProblem />;
}
