import { Link } from '@remix-run/react';
import type { MessageId } from '~/i18n/catalogues';
import { useT } from '~/i18n/react';

type LinkKind = 'reset' | 'invite' | 'verify' | 'emailChange';

const AGAIN: Record<LinkKind, { to: string; label: MessageId }> = {
  reset: { to: '/forgot-password', label: 'account.linkProblem.again.reset' },
  invite: { to: '/forgot-password', label: 'account.linkProblem.again.invite' },
  verify: { to: '/verify-email', label: 'account.verify.linkAgain' },
  emailChange: { to: '/account', label: 'account.linkProblem.again.emailChange' },
};

/**
 * The page for a mailed link that is unknown, used or expired: one plain answer for all three
 * (saying which would tell a guesser something), and a way to ask again.
 */
export function LinkProblem({ kind }: { kind: LinkKind }) {
  const t = useT();
  const again = AGAIN[kind];
  return (
    <>
      <h1>{t('account.linkProblem.heading')}</h1>
      <p>{t('account.linkProblem.body', { kind })}</p>
      <p>
        <Link to={again.to}>{t(again.label)}</Link>
      </p>
    </>
  );
}

export function ResetLinkProblem() {
  return <LinkProblem kind="reset" />;
}

export function InviteLinkProblem() {
  return <LinkProblem kind="invite" />;
}
