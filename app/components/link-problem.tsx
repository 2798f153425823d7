import { Link } from '@remix-run/react';

/**
 * The page for a mailed link that is unknown, used or expired: one plain answer for all three
 * (saying which would tell a guesser something), and a way to ask again.
 */
export function LinkProblem({ what, lifetime, again }: { what: string; lifetime: string; again: { to: string; label: string } }) {
  return (
    <>
      <h1>This link no longer works</h1>
      <p>
        {what} links work once, for {lifetime}. This one has been used or has expired.
      </p>
      <p>
        <Link to={again.to}>{again.label}</Link>
      </p>
    </>
  );
}

export function ResetLinkProblem() {
  return (
    <LinkProblem what="Password reset" lifetime="30 minutes" again={{ to: '/forgot-password', label: 'Ask for a new link' }} />
  );
}

export function InviteLinkProblem() {
  return (
    <LinkProblem
      what="Invitation"
      lifetime="7 days"
      again={{ to: '/forgot-password', label: 'Ask for a password link (or ask your trainer to invite you again)' }}
    />
  );
}
