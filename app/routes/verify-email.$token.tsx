import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { LinkProblem } from '~/components/link-problem';
import { db } from '~/infra/db.server';
import { confirmEmail } from '~/models/account-mail.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () => pageMeta('Confirm your email · Peer Academy');

/**
 * The mailed confirmation link. Opening it confirms the address (a mail scanner opening it
 * first only proves the mail reached that mailbox, which is what confirming means).
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const confirmed = await confirmEmail(db(), params.token ?? '');
  return json({ confirmed }, { status: confirmed ? 200 : 400 });
}

export default function VerifyEmail() {
  const { confirmed } = useLoaderData<typeof loader>();
  if (!confirmed) {
    return <LinkProblem what="Email confirmation" lifetime="7 days" again={{ to: '/verify-email', label: 'Get a new link' }} />;
  }
  return (
    <>
      <h1>Your email is confirmed</h1>
      <p role="status">Thank you. Your account is all set.</p>
      <p>
        <Link to="/courses">Go to your courses</Link>
      </p>
    </>
  );
}
