import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { getOptionalUser } from '~/guards/auth.server';
import { homeFor } from '~/web/home';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta('Peer Academy', 'Online training for people becoming Peer Support Specialists in California.');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homeFor(user.role));
  return null;
}

export default function Index() {
  return (
    <>
      <h1>Learn peer support at your own pace</h1>
      <p>
        Peer Academy helps you train to become a Peer Support Specialist in California. Read short units on the peer role,
        boundaries and ethics, sharing your recovery story and more. Check your understanding with quizzes you can retake as often
        as you like, then try a practice exam when you are ready.
      </p>
      <p>
        <Link className="button" to="/signup">
          Create an account
        </Link>{' '}
        <Link className="button secondary" to="/login">
          Log in
        </Link>
      </p>
      <p className="notice">
        Peer Academy is a practice and learning tool. It is not affiliated with CalMHSA, and its practice exam is not the
        certification exam.
      </p>
    </>
  );
}
