import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { LinkProblem } from '~/components/link-problem';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { confirmEmail } from '~/models/account-mail.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'account.verify.title');

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
  const t = useT();
  if (!confirmed) return <LinkProblem kind="verify" />;
  return (
    <>
      <h1>{t('account.verify.doneHeading')}</h1>
      <p role="status">{t('account.verify.done')}</p>
      <p>
        <Link to="/courses">{t('account.verify.toCourses')}</Link>
      </p>
    </>
  );
}
