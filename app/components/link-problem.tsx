import { Link } from '@remix-run/react';
import { useT } from '~/i18n/react';

/**
 * The page for a mailed link that is unknown, used or expired: one plain answer for all three
 * (saying which would tell a guesser something), and a way to ask again.
 */
/** `what` and `lifetime` in the page's language ("Password reset", "30 minutes"). */
export function LinkProblem({ what, lifetime, again }: { what: string; lifetime: string; again: { to: string; label: string } }) {
  const t = useT();
  return (
    <>
      <h1>{t('trainee.link.heading')}</h1>
      <p>{t('trainee.link.body', { what, lifetime })}</p>
      <p>
        <Link to={again.to}>{again.label}</Link>
      </p>
    </>
  );
}

export function ResetLinkProblem() {
  const t = useT();
  return (
    <LinkProblem
      what={t('trainee.link.reset')}
      lifetime={t('trainee.link.resetLifetime')}
      again={{ to: '/forgot-password', label: t('trainee.link.resetAgain') }}
    />
  );
}

export function InviteLinkProblem() {
  const t = useT();
  return (
    <LinkProblem
      what={t('trainee.link.invite')}
      lifetime={t('trainee.link.inviteLifetime')}
      again={{ to: '/forgot-password', label: t('trainee.link.inviteAgain') }}
    />
  );
}
