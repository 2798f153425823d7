import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { getOptionalUser } from '~/guards/auth.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { homeFor } from '~/web/home';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'trainee.home.title', 'trainee.home.description');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homeFor(user.role));
  return null;
}

export default function Index() {
  const t = useT();
  return (
    <>
      <h1>{t('trainee.home.heading')}</h1>
      <p>{t('trainee.home.intro')}</p>
      <p>
        <Link className="button" to="/signup">
          {t('trainee.home.signup')}
        </Link>{' '}
        <Link className="button secondary" to="/login">
          {t('trainee.home.login')}
        </Link>
      </p>
      <p className="notice">{t('trainee.home.notice')}</p>
    </>
  );
}
