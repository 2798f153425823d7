import type { MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () => pageMeta('Account deleted · Peer Academy', 'Your Peer Academy account was deleted.');

export default function AccountDeleted() {
  return (
    <>
      <h1>Your account was deleted</h1>
      <p>
        You were logged out everywhere, and no one can log in to the account again. Your name, email and private writing are gone;
        the program keeps your results, grades and certificates under an account that no longer names you.
      </p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}
