import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form } from '@remix-run/react';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { logout } from '~/infra/session.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'account.logout.title', 'account.logout.description');

export async function action({ request }: ActionFunctionArgs) {
  return logout(request);
}

// NOTE: logging out changes state, so it happens only on POST; a GET shows a button.
export default function Logout() {
  const t = useT();
  return (
    <>
      <h1>{t('account.logout.heading')}</h1>
      <Form method="post">
        <button type="submit">{t('account.logout.submit')}</button>
      </Form>
    </>
  );
}
