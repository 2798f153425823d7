import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field } from '~/components/field';
import { TableWrap } from '~/components/table-wrap';
import { requireRole } from '~/guards/auth.server';
import type { MessageId } from '~/i18n/catalogues';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { createCohort, formatJoinCode, listCohortsFor } from '~/models/cohort.server';
import { parseForm, readForm } from '~/web/forms.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'trainer.home.title', 'trainer.home.description');

const isoDate = (which: 'start' | 'end') => {
  const ids: Record<typeof which, [MessageId, MessageId, MessageId]> = {
    start: ['trainer.home.error.startMissing', 'trainer.home.error.startFormat', 'trainer.home.error.startReal'],
    end: ['trainer.home.error.endMissing', 'trainer.home.error.endFormat', 'trainer.home.error.endReal'],
  };
  const [missing, format, real] = ids[which];
  return z
    .string({ message: missing })
    .regex(/^\d{4}-\d{2}-\d{2}$/, format)
    .refine((v) => !Number.isNaN(Date.parse(v)), real);
};

const schema = () =>
  z
    .object({
      name: z
        .string({ message: 'trainer.home.error.name' })
        .trim()
        .min(1, 'trainer.home.error.name')
        .max(100, 'trainer.home.error.nameLong'),
      startsOn: isoDate('start'),
      endsOn: isoDate('end'),
    })
    .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'trainer.home.error.order' });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['trainer']);
  const archived = new URL(request.url).searchParams.get('show') === 'archived';
  const cohorts = await listCohortsFor(db(), user, { archived });
  return json({
    archived,
    cohorts: cohorts.map((c) => ({ ...c, join_code: formatJoinCode(c.join_code), members: Number(c.members) })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ['trainer']);
  const parsed = parseForm(await readForm(request), schema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { id } = await createCohort(db(), { ...parsed.data, trainerId: user.id });
  return redirect(`/trainer/cohorts/${id}`);
}

export default function TrainerHome() {
  const { cohorts, archived } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <h1>{archived ? t('trainer.home.archivedHeading') : t('trainer.group.back')}</h1>
      <p>
        <Link to="/trainer/grading">{t('trainer.grade.queue')}</Link> ·{' '}
        <Link to="/trainer/analysis">{t('trainer.home.analysis')}</Link> ·{' '}
        <Link to="/trainer/practice">{t('trainer.practice.heading')}</Link> ·{' '}
        <Link to="/trainer/announcements">{t('trainer.home.announcements')}</Link> ·{' '}
        {archived ? (
          <Link to="/trainer">{t('trainer.home.current')}</Link>
        ) : (
          <Link to="/trainer?show=archived">{t('trainer.home.archived')}</Link>
        )}
      </p>
      {archived ? <p>{t('trainer.home.archivedIntro')}</p> : null}
      {cohorts.length ? (
        <TableWrap label={t('trainer.home.table')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('trainer.home.col.group')}</th>
                <th scope="col">{t('trainer.home.col.dates')}</th>
                <th scope="col">{t('trainer.home.col.trainees')}</th>
                <th scope="col">{t('trainer.home.col.joinCode')}</th>
              </tr>
            </thead>
            <tbody>
              {cohorts.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`cohorts/${c.id}`}>{c.name}</Link>
                  </td>
                  <td>{t('trainer.home.dates', { startsOn: c.starts_on, endsOn: c.ends_on })}</td>
                  <td>{c.members}</td>
                  <td>
                    <code>{c.join_code}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : archived ? (
        <p>{t('trainer.home.noArchived')}</p>
      ) : (
        <p>{t('trainer.home.none')}</p>
      )}
      <h2>{t('trainer.home.create')}</h2>
      <Form method="post" noValidate>
        <Field label={t('trainer.home.name')} name="name" required defaultValue={data?.values.name} error={data?.errors.name} />
        <Field
          label={t('trainer.home.startDate')}
          name="startsOn"
          type="date"
          required
          defaultValue={data?.values.startsOn}
          error={data?.errors.startsOn}
        />
        <Field
          label={t('trainer.home.endDate')}
          name="endsOn"
          type="date"
          required
          defaultValue={data?.values.endsOn}
          error={data?.errors.endsOn}
        />
        <button type="submit">{t('trainer.home.createButton')}</button>
      </Form>
    </>
  );
}
