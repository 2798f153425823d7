import type { MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'account.deleted.title', 'account.deleted.description');

export default function AccountDeleted() {
  const t = useT();
  return (
    <>
      <h1>{t('account.deleted.heading')}</h1>
      <p>{t('account.deleted.body')}</p>
      <p>
        <Link to="/">{t('account.deleted.home')}</Link>
      </p>
    </>
  );
}
