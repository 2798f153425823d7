import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { InviteLinkProblem } from '~/components/link-problem';
import { i18nMeta } from '~/i18n/meta';
import { db } from '~/infra/db.server';
import { inviteTokenCookie } from '~/infra/session.server';
import { peekToken } from '~/models/account-token.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'account.invite.title', 'account.invite.linkDescription');

/**
 * The mailed invitation. Like a reset link: a valid token moves into a short-lived cookie and
 * the browser goes on to /invite, so it leaves the address bar; only looked at, not used.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const token = params.token ?? '';
  if (!(await peekToken(db(), token, 'invite'))) return json({ invalid: true }, { status: 400 });
  return redirect('/invite', { headers: { 'Set-Cookie': await inviteTokenCookie().serialize(token) } });
}

export default function InviteLink() {
  return <InviteLinkProblem />;
}
