import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { getOptionalUser, requireUser } from '~/guards/auth.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { appUrl } from '~/infra/mail.server';
import { nudgeOutbox } from '~/jobs/outbox-worker.server';
import { resendVerification } from '~/models/account-mail.server';
import { readForm } from '~/web/forms.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'account.verify.title', 'account.verify.description');

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
  const t = useT();
  if (done) {
    const text = {
      sent: t('account.verify.sent', { email: done.email }),
      confirmed: t('account.verify.confirmed'),
      throttled: t('account.verify.throttled', { email: done.email }),
    }[done.result];
    return (
      <>
        <h1>{t('account.verify.heading')}</h1>
        <p role="status">{text}</p>
        <p>
          <Link to="/courses">{t('account.verify.toCourses')}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t('account.verify.heading')}</h1>
      {!page.signedIn ? (
        <p>
          {t('account.verify.logInFirst', { link: (chunks) => <Link to="/login?redirectTo=%2Fverify-email">{chunks}</Link> })}
        </p>
      ) : page.confirmed ? (
        <p>{t('account.verify.confirmed')}</p>
      ) : (
        <Form method="post">
          <p>{t('account.verify.willSend', { email: page.email ?? '' })}</p>
          <button type="submit">{t('account.verify.submit')}</button>
        </Form>
      )}
    </>
  );
}
