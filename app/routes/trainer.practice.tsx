import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { TableWrap } from '~/components/table-wrap';
import { requireRole } from '~/guards/auth.server';
import { courseFromSearch } from '~/guards/trainer.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { practiceStatistics } from '~/models/practice.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'trainer.practice.title', 'trainer.practice.description');

// Practice answers per item, kept apart from the exam's item analysis (ADR 027). Trainers see
// their own groups' trainees (admins every group); authors see counts over everyone.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['trainer', 'author']);
  const course = await courseFromSearch(request);
  const stats = await practiceStatistics(db(), user, course.course.slug);
  const items = new Map((course.exam?.items ?? []).map((i) => [i.id, i]));
  const areaTitle = new Map((course.exam?.definition.areas ?? []).map((a) => [a.id, a.title]));
  return json({
    course: { title: course.course.title },
    scope: user.role === 'author' ? 'everyone' : user.role === 'admin' ? 'everyGroup' : 'yourGroups',
    rows: stats.map((s) => {
      const prompt = items.get(s.itemId)?.prompt;
      return {
        ...s,
        area: areaTitle.get(s.area) ?? s.area,
        prompt: prompt ? (prompt.length > 140 ? `${prompt.slice(0, 140)}…` : prompt) : null,
      };
    }),
  });
}

export default function PracticeStatistics() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p>
        <Link to="/trainer">{t('trainer.practice.back')}</Link>
      </p>
      <h1>{t('trainer.practice.heading')}</h1>
      <p>
        {t('trainer.practice.intro', {
          course: d.course.title,
          scope: d.scope,
          analysis: (chunks) => <Link to="/trainer/analysis">{chunks}</Link>,
        })}
      </p>
      {d.rows.length ? (
        <TableWrap label={t('trainer.practice.table')}>
          <table>
            <caption>{t('trainer.practice.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trainer.practice.col.question')}</th>
                <th scope="col">{t('trainer.practice.col.area')}</th>
                <th scope="col">{t('trainer.practice.col.answered')}</th>
                <th scope="col">{t('trainer.practice.col.right')}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.itemId}>
                  <th scope="row">
                    <span className="muted">{r.itemId}</span> {r.prompt ?? t('trainer.practice.gone')}
                  </th>
                  <td>{r.area}</td>
                  <td>{r.answered}</td>
                  <td>{r.percent === null ? '-' : `${r.percent}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>{t('trainer.practice.none')}</p>
      )}
    </>
  );
}
