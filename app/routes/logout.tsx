import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form } from '@remix-run/react';
import { logout } from '~/infra/session.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () => pageMeta('Log out · Peer Academy', 'Log out of Peer Academy.');

export async function action({ request }: ActionFunctionArgs) {
  return logout(request);
}

// NOTE: logging out changes state, so it happens only on POST; a GET shows a button.
export default function Logout() {
  return (
    <>
      <h1>Log out</h1>
      <Form method="post">
        <button type="submit">Log out</button>
      </Form>
    </>
  );
}
