import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { EMPTY_SESSION, SessionForm } from '~/components/session-form';
import { TableWrap } from '~/components/table-wrap';
import { getContent } from '~/content/content.server';
import { formatHours } from '~/domain/hours';
import { courseFromSearch, requireCohort } from '~/guards/trainer.server';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta, metaT } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { createTrainingSession, listCohortSessions } from '~/models/training-session.server';
import { pacificDateTime } from '~/web/dates';
import { parseForm, readForm } from '~/web/forms.server';
import { sessionSchema } from '~/web/session-form.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  i18nMeta(matches, 'trainer.sessions.title', 'trainer.sessions.description', {
    name: data?.cohort.name ?? metaT(matches)('trainer.group.fallbackTitle'),
  });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohort(request, params);
  const course = await courseFromSearch(request);
  const [sessions, content] = await Promise.all([listCohortSessions(db(), cohort.id, course.course.slug), getContent()]);
  const now = Date.now();
  const locale = await requestLocale(request);
  return json({
    cohort: { id: cohort.id, name: cohort.name },
    course: { slug: course.course.slug, title: course.course.title },
    competencies: content.competencies,
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      when: pacificDateTime(s.startsAt, locale),
      length: formatHours(s.durationMinutes),
      mode: s.mode,
      makeup: s.makeup,
      past: s.startsAt < now,
    })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohort(request, params);
  const course = await courseFromSearch(request);
  const content = await getContent();
  const form = await readForm(request);
  const parsed = parseForm(form, sessionSchema(content.competencies.map((c) => c.id)));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const id = await createTrainingSession(db(), {
    cohortId: cohort.id,
    courseSlug: course.course.slug,
    actorId: user.id,
    session: parsed.data,
  });
  return redirect(`/trainer/cohorts/${cohort.id}/sessions/${id}?course=${course.course.slug}&saved=created`);
}

export default function Sessions() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const values = a
    ? {
        ...EMPTY_SESSION,
        ...a.values,
        competencies: [],
        makeup: a.values.makeup === 'on',
      }
    : EMPTY_SESSION;
  const t = useT();
  return (
    <div className="wide">
      <p className="muted">
        <Link to={`/trainer/cohorts/${d.cohort.id}?course=${d.course.slug}`}>{d.cohort.name}</Link>
      </p>
      <h1>{t('trainer.sessions.heading')}</h1>
      <p>{t('trainer.sessions.intro', { name: d.cohort.name, course: d.course.title })}</p>
      {d.sessions.length ? (
        <TableWrap label={t('trainer.sessions.table')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('trainer.sessions.col.session')}</th>
                <th scope="col">{t('trainer.sessions.col.when')}</th>
                <th scope="col">{t('trainer.sessions.col.length')}</th>
                <th scope="col">{t('trainer.sessionForm.where')}</th>
              </tr>
            </thead>
            <tbody>
              {d.sessions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`${s.id}?course=${d.course.slug}`}>{s.title}</Link>
                    {s.makeup ? t('trainer.sessions.makeup') : ''}
                  </th>
                  <td>{s.when}</td>
                  <td>{s.length}</td>
                  <td>{s.mode === 'online' ? t('trainer.sessionForm.online') : t('trainer.sessionForm.inPerson')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>{t('trainer.sessions.none')}</p>
      )}
      <section aria-labelledby="new-heading" className="card">
        <h2 id="new-heading">{t('trainer.sessions.new')}</h2>
        <SessionForm
          intent="create"
          submitLabel={t('trainer.sessions.schedule')}
          values={values}
          errors={a?.errors ?? {}}
          competencies={d.competencies}
        />
      </section>
    </div>
  );
}
