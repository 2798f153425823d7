import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { getOptionalUser, requireUser } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { appUrl } from '~/infra/mail.server';
import { nudgeOutbox } from '~/jobs/outbox-worker.server';
import { resendVerification } from '~/models/account-mail.server';
import { readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta('Confirm your email · Peer Academy', 'Confirm the email address on your Peer Academy account.');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return json({ signedIn: Boolean(user), confirmed: user?.emailVerified !== false, email: user?.email ?? null });
}

/** Sends the confirmation link again (the banner's "Send it again"). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await readForm(request);
  const result = await resendVerification(db(), { userId: user.id, base: appUrl('') });
  if (result === 'sent') nudgeOutbox();
  return json({ result, email: user.email }, { status: result === 'throttled' ? 429 : 200 });
}

export default function ConfirmEmail() {
  const page = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  if (done) {
    const text = {
      sent: `We sent a new link to ${done.email}. It can take a few minutes to arrive; check your spam folder too.`,
      confirmed: 'Your email is already confirmed. There is nothing else to do.',
      throttled: `We have sent several links to ${done.email} in the last hour. Please use the newest one, or try again later.`,
    }[done.result];
    return (
      <>
        <h1>Confirm your email</h1>
        <p role="status">{text}</p>
        <p>
          <Link to="/courses">Go to your courses</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Confirm your email</h1>
      {!page.signedIn ? (
        <p>
          <Link to="/login?redirectTo=%2Fverify-email">Log in</Link> to get a new confirmation link.
        </p>
      ) : page.confirmed ? (
        <p>Your email is already confirmed. There is nothing else to do.</p>
      ) : (
        <Form method="post">
          <p>We will send a new confirmation link to {page.email}.</p>
          <button type="submit">Send a new link</button>
        </Form>
      )}
    </>
  );
}
