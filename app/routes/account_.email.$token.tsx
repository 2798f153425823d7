import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { LinkProblem } from '~/components/link-problem';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { appUrl } from '~/infra/mail.server';
import { nudgeOutbox } from '~/jobs/outbox-worker.server';
import { confirmEmailChange, peekEmailChange } from '~/models/account.server';
import { readForm } from '~/web/forms.server';

export const meta: MetaFunction = ({ matches }) =>
  i18nMeta(matches, 'account.emailChange.title', 'account.emailChange.description');

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
  const t = useT();
  if (result?.ok) {
    return (
      <>
        <h1>{t('account.emailChange.doneHeading')}</h1>
        <p role="status">{t('account.emailChange.done', { email: result.email })}</p>
        <p>
          <Link to="/account">{t('account.linkProblem.again.emailChange')}</Link>
        </p>
      </>
    );
  }
  if (result && result.reason === 'taken') {
    return (
      <>
        <h1>{t('account.emailChange.takenHeading')}</h1>
        <p>{t('account.emailChange.taken')}</p>
        <p>
          <Link to="/account">{t('account.linkProblem.again.emailChange')}</Link>
        </p>
      </>
    );
  }
  if (!newEmail || result) return problem;
  return (
    <>
      <h1>{t('account.emailChange.heading')}</h1>
      <p>{t('account.emailChange.question', { email: newEmail, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <Form method="post">
        <button type="submit">{t('account.emailChange.submit')}</button>
      </Form>
    </>
  );
}
