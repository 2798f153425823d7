import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { LinkProblem } from '~/components/link-problem';
import { db } from '~/infra/db.server';
import { appUrl } from '~/infra/mail.server';
import { nudgeOutbox } from '~/jobs/outbox-worker.server';
import { confirmEmailChange, peekEmailChange } from '~/models/account.server';
import { readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta('Confirm your new email · Peer Academy', 'Confirm the new email address for your Peer Academy account.');

/**
 * The link mailed to a new address. Opening it changes nothing (a mail scanner may open it):
 * the page names the address and the change happens when the button is pressed. Works signed
 * out too, since the link may be opened on another device.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const change = await peekEmailChange(db(), params.token ?? '');
  return json({ newEmail: change?.newEmail ?? null }, { status: change ? 200 : 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await readForm(request);
  const r = await confirmEmailChange(db(), { token: params.token ?? '', base: appUrl('') });
  if (r.ok) nudgeOutbox();
  return json(r, { status: r.ok ? 200 : r.reason === 'taken' ? 409 : 400 });
}

const problem = <LinkProblem kind="emailChange" />;

export default function ConfirmEmailChange() {
  const { newEmail } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result?.ok) {
    return (
      <>
        <h1>Your email was changed</h1>
        <p role="status">Your account now uses {result.email}. Use it the next time you log in.</p>
        <p>
          <Link to="/account">Go to your account</Link>
        </p>
      </>
    );
  }
  if (result && result.reason === 'taken') {
    return (
      <>
        <h1>This email is already in use</h1>
        <p>Another Peer Academy account uses this address, so your email was not changed.</p>
        <p>
          <Link to="/account">Go to your account</Link>
        </p>
      </>
    );
  }
  if (!newEmail || result) return problem;
  return (
    <>
      <h1>Confirm your new email</h1>
      <p>
        Use <strong>{newEmail}</strong> for your Peer Academy account? You will log in with it from now on.
      </p>
      <Form method="post">
        <button type="submit">Use this email address</button>
      </Form>
    </>
  );
}
