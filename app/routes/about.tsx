import type { MetaFunction } from '@remix-run/node';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'trainee.about.title', 'trainee.about.description');

// A small static page. The benchmark also uses it as the framework's floor: the cost of the
// shell, the session lookup and rendering, with no page data.
export default function About() {
  const t = useT();
  return (
    <>
      <h1>{t('trainee.about.heading')}</h1>
      <p>{t('trainee.about.body')}</p>
    </>
  );
}
