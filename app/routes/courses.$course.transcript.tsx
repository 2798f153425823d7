import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { TableWrap } from '~/components/table-wrap';
import { HoursSummary } from '~/components/training-hours';
import { requireCourse } from '~/content/content.server';
import { requireUser } from '~/guards/auth.server';
import { requestLocale } from '~/i18n/locale.server';
import { metaT } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { transcript } from '~/models/training-record.server';
import { findUserById } from '~/models/user.server';
import { hoursView } from '~/views/training-hours';
import { transcriptView } from '~/views/transcript';
import { parseParams, slug } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

// A trainee's own training record, to read or print. Only ever the signed-in person's own:
// the URL names the course, never a person.

const paramsSchema = () => z.object({ course: slug });

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return pageMeta(
    t('trainee.transcript.title', { course: data?.course.title ?? t('trainee.transcript.courseFallback') }),
    t('trainee.transcript.description'),
  );
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const p = parseParams(params, paramsSchema);
  const locale = await requestLocale(request);
  const c = await requireCourse(p.course, locale);
  const [record, person] = await Promise.all([transcript(db(), user.id, c), findUserById(db(), user.id)]);
  return json({
    course: { slug: c.course.slug, title: c.course.title },
    person: { name: person?.name ?? user.name, legalName: record.legalName },
    hours: hoursView(record),
    ...transcriptView(record, c, locale),
  });
}

export default function Transcript() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="wide">
      <p className="muted">
        <Link to={`/courses/${d.course.slug}`}>{d.course.title}</Link>
      </p>
      <h1>{t('trainee.transcript.heading')}</h1>
      <p>{t('trainee.transcript.asOf', { name: d.person.legalName ?? d.person.name, course: d.course.title, date: d.asOf })}</p>
      <p>
        <a href={`/courses/${d.course.slug}/transcript.csv`} download>
          {t('trainee.transcript.download')}
        </a>
      </p>
      <section aria-labelledby="t-hours">
        <h2 id="t-hours">{t('trainee.transcript.hours')}</h2>
        <HoursSummary hours={d.hours} />
      </section>
      <section aria-labelledby="t-completion">
        <h2 id="t-completion">{t('trainee.transcript.completion')}</h2>
        <p>{d.completion ? t('trainee.transcript.completionConfirmed', d.completion) : t('trainee.transcript.notConfirmed')}</p>
      </section>
      <section aria-labelledby="t-units">
        <h2 id="t-units">{t('trainee.transcript.units')}</h2>
        <TableWrap label={t('trainee.transcript.units')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('trainee.transcript.col.unit')}</th>
                <th scope="col">{t('trainee.transcript.col.completed')}</th>
                <th scope="col">{t('trainee.transcript.col.best')}</th>
                <th scope="col">{t('trainee.transcript.col.counted')}</th>
              </tr>
            </thead>
            <tbody>
              {d.units.map((u) => (
                <tr key={u.slug}>
                  <th scope="row">{u.title}</th>
                  <td>{u.completed ?? t('trainee.transcript.notYet')}</td>
                  <td>{u.best === null ? '' : `${u.best}%`}</td>
                  <td>{u.counted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
      <section aria-labelledby="t-quizzes">
        <h2 id="t-quizzes">{t('trainee.transcript.quizzes')}</h2>
        {d.quizzes.length ? (
          <TableWrap label={t('trainee.transcript.quizzes')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('trainee.transcript.col.unit')}</th>
                  <th scope="col">{t('trainee.transcript.col.when')}</th>
                  <th scope="col">{t('trainee.transcript.col.score')}</th>
                  <th scope="col">{t('trainee.transcript.col.result')}</th>
                </tr>
              </thead>
              <tbody>
                {d.quizzes.map((q) => (
                  <tr key={q.key}>
                    <th scope="row">{q.unit}</th>
                    <td>{q.when}</td>
                    <td>{q.percent}%</td>
                    <td>{t('trainee.transcript.quizResult', { passed: String(q.passed) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p>{t('trainee.transcript.noQuizzes')}</p>
        )}
      </section>
      <section aria-labelledby="t-sessions">
        <h2 id="t-sessions">{t('trainee.transcript.sessions')}</h2>
        {d.sessions.length ? (
          <TableWrap label={t('trainee.transcript.sessions')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('trainee.transcript.col.session')}</th>
                  <th scope="col">{t('trainee.transcript.col.when')}</th>
                  <th scope="col">{t('trainee.transcript.col.attendance')}</th>
                  <th scope="col">{t('trainee.transcript.col.counted')}</th>
                </tr>
              </thead>
              <tbody>
                {d.sessions.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{t('trainee.transcript.sessionTitle', { title: s.title, makeup: String(s.makeup) })}</th>
                    <td>{s.when}</td>
                    <td>{t(`trainee.hours.mark.${s.mark ?? 'none'}`)}</td>
                    <td>{s.counted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p>{t('trainee.transcript.noSessions')}</p>
        )}
      </section>
      <section aria-labelledby="t-adjustments">
        <h2 id="t-adjustments">{t('trainee.transcript.adjustments')}</h2>
        {d.adjustments.length ? (
          <ul>
            {d.adjustments.map((a) => (
              <li key={a.id}>
                {t('trainee.transcript.adjustment', {
                  when: a.when,
                  kind: t(`trainee.hours.kind.${a.kind}`),
                  amount: a.amount,
                  reason: a.reason,
                })}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('trainee.transcript.none')}</p>
        )}
      </section>
      <section aria-labelledby="t-exams">
        <h2 id="t-exams">{t('trainee.transcript.exams')}</h2>
        {d.exams.length ? (
          <TableWrap label={t('trainee.transcript.exams')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('trainee.transcript.col.form')}</th>
                  <th scope="col">{t('trainee.transcript.col.started')}</th>
                  <th scope="col">{t('trainee.transcript.col.status')}</th>
                  <th scope="col">{t('trainee.transcript.col.result')}</th>
                </tr>
              </thead>
              <tbody>
                {d.exams.map((e) => (
                  <tr key={e.key}>
                    <th scope="row">{e.form}</th>
                    <td>{e.started}</td>
                    <td>{t('trainee.transcript.examStatus', { status: e.status })}</td>
                    <td>
                      {e.percent === null
                        ? ''
                        : t('trainee.transcript.examResult', { percent: e.percent, passed: String(e.passed) })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p>{t('trainee.transcript.noExams')}</p>
        )}
      </section>
    </div>
  );
}
