import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field } from '~/components/field';
import { TableWrap } from '~/components/table-wrap';
import { requireRole } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { createCohort, formatJoinCode, listCohortsFor } from '~/models/cohort.server';
import { parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta('Trainer · Peer Academy', 'Your groups, their progress and the answers waiting for grading.');

const isoDate = (label: string) =>
  z
    .string({ message: `Enter the ${label}.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as a date.`)
    .refine((v) => !Number.isNaN(Date.parse(v)), `Enter a real ${label}.`);

const schema = () =>
  z
    .object({
      name: z.string({ message: 'Name the group.' }).trim().min(1, 'Name the group.').max(100, 'Use at most 100 characters.'),
      startsOn: isoDate('start date'),
      endsOn: isoDate('end date'),
    })
    .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'The end date must be on or after the start date.' });

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
  return (
    <>
      <h1>{archived ? 'Archived training groups' : 'Your training groups'}</h1>
      <p>
        <Link to="/trainer/grading">Grading queue</Link> · <Link to="/trainer/analysis">Question analysis</Link> ·{' '}
        <Link to="/trainer/practice">Practice question statistics</Link> · <Link to="/trainer/announcements">Announcements</Link>{' '}
        · {archived ? <Link to="/trainer">Current groups</Link> : <Link to="/trainer?show=archived">Archived groups</Link>}
      </p>
      {archived ? (
        <p>Archived groups keep their trainees and records. Open one and choose “Unarchive group” to bring it back.</p>
      ) : null}
      {cohorts.length ? (
        <TableWrap label="Training groups">
          <table>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Dates</th>
                <th scope="col">Trainees</th>
                <th scope="col">Join code</th>
              </tr>
            </thead>
            <tbody>
              {cohorts.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`cohorts/${c.id}`}>{c.name}</Link>
                  </td>
                  <td>
                    {c.starts_on} to {c.ends_on}
                  </td>
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
        <p>You have no archived groups.</p>
      ) : (
        <p>You have no training groups yet. Create one below and share its join code with your trainees.</p>
      )}
      <h2>Create a training group</h2>
      <Form method="post" noValidate>
        <Field label="Group name" name="name" required defaultValue={data?.values.name} error={data?.errors.name} />
        <Field
          label="Start date"
          name="startsOn"
          type="date"
          required
          defaultValue={data?.values.startsOn}
          error={data?.errors.startsOn}
        />
        <Field
          label="End date"
          name="endsOn"
          type="date"
          required
          defaultValue={data?.values.endsOn}
          error={data?.errors.endsOn}
        />
        <button type="submit">Create group</button>
      </Form>
    </>
  );
}
