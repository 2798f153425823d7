import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { TableWrap } from '~/components/table-wrap';
import { requireCohort } from '~/guards/trainer.server';
import { LOCALE_NAMES, LOCALES } from '~/i18n/locales';
import { db } from '~/infra/db.server';
import { formatJoinCode, listMembers } from '~/models/cohort.server';
import {
  addCoTrainer,
  decideJoinRequest,
  listCohortTrainers,
  listJoinRequests,
  regenerateJoinCode,
  removeCoTrainer,
  removeMember,
  setCohortArchived,
  setCohortLocale,
  setJoinRules,
  updateCohortDetails,
} from '~/models/cohort-manage.server';
import { pacificDateTime, pacificDayEnd, pacificIsoDate } from '~/web/dates';
import { email, formValues, id, parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

// Managing one group (issue #16 item 7): every trainer of the group (owner or co-trainer) and
// admins. Scope: requireCohort -> findCohortFor -> taughtCohortIds; anyone else gets 404.

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(
    `Manage ${data?.cohort.name ?? 'group'} · Peer Academy`,
    'Manage a training group: name, dates, join code, members and co-trainers.',
  );

const DONE: Record<string, string> = {
  details: 'Saved the group’s name and dates.',
  language: 'Saved the group’s language.',
  'join-rules': 'Saved the join code rules.',
  'new-code': 'Made a new join code. The old code no longer works.',
  approved: 'Approved the request. The trainee is now in the group.',
  declined: 'Declined the request.',
  removed: 'Removed the trainee from the group. Their records are kept.',
  'trainer-added': 'Added the co-trainer.',
  'trainer-removed': 'Removed the co-trainer.',
  archived: 'Archived the group. It no longer shows on your dashboard and its join code no longer works.',
  unarchived: 'Brought the group back from the archive.',
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohort(request, params);
  const [members, requests, trainers] = await Promise.all([
    listMembers(db(), cohort.id),
    listJoinRequests(db(), cohort.id),
    listCohortTrainers(db(), cohort.id),
  ]);
  const done = new URL(request.url).searchParams.get('done') ?? '';
  const expires = cohort.join_code_expires_at;
  return json({
    cohort: {
      id: cohort.id,
      name: cohort.name,
      startsOn: cohort.starts_on,
      endsOn: cohort.ends_on,
      joinCode: formatJoinCode(cohort.join_code),
      archived: cohort.archived_at !== null,
      expiresOn: expires === null ? '' : pacificIsoDate(expires - 1),
      expired: expires !== null && expires <= Date.now(),
      requiresApproval: cohort.join_requires_approval === 1,
      locale: cohort.locale ?? '',
    },
    languages: LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] })),
    members: members.map((m) => ({ id: m.id, name: m.name, email: m.email, joined: pacificDateTime(m.joined_at) })),
    requests: requests.map((r) => ({ id: r.id, name: r.name, email: r.email, requested: pacificDateTime(r.requested_at) })),
    trainers,
    done: DONE[done] ?? null,
  });
}

const isoDate = (label: string) =>
  z
    .string({ message: `Enter the ${label}.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as a date.`)
    .refine((v) => !Number.isNaN(Date.parse(v)), `Enter a real ${label}.`);

const schema = () =>
  z.discriminatedUnion(
    'intent',
    [
      z
        .object({
          intent: z.literal('details'),
          name: z.string({ message: 'Name the group.' }).trim().min(1, 'Name the group.').max(100, 'Use at most 100 characters.'),
          startsOn: isoDate('start date'),
          endsOn: isoDate('end date'),
        })
        .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'The end date must be on or after the start date.' }),
      z.object({
        intent: z.literal('join-rules'),
        expiresOn: z.union([z.literal(''), isoDate('last day the code works')]),
        requiresApproval: z.literal('on').optional(),
      }),
      z.object({ intent: z.literal('new-code') }),
      z.object({
        intent: z.literal('language'),
        locale: z.union([z.literal(''), z.enum(LOCALES)], { message: 'Choose one of the languages listed.' }),
      }),
      z.object({ intent: z.enum(['approve', 'decline', 'remove', 'remove-trainer']), userId: id }),
      z.object({ intent: z.literal('add-trainer'), trainerEmail: email }),
      z.object({ intent: z.enum(['archive', 'unarchive']) }),
    ],
    { message: 'Choose one of the actions on this page.' },
  );

export async function action({ request, params }: ActionFunctionArgs) {
  const { cohort } = await requireCohort(request, params);
  const form = await readForm(request);
  const parsed = parseForm(form, schema);
  if (!parsed.ok) {
    return json({ intent: String(form.get('intent') ?? ''), errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  const d = parsed.data;
  const back = (done: string) => redirect(`/trainer/cohorts/${cohort.id}/manage?done=${done}`);
  const fail = (field: string, message: string) =>
    json({ intent: d.intent, errors: { [field]: message } as Record<string, string>, values: formValues(form) }, { status: 400 });
  switch (d.intent) {
    case 'details':
      await updateCohortDetails(db(), cohort.id, d);
      return back('details');
    case 'join-rules':
      await setJoinRules(db(), cohort.id, {
        expiresAt: d.expiresOn ? pacificDayEnd(d.expiresOn) : null,
        requiresApproval: d.requiresApproval === 'on',
      });
      return back('join-rules');
    case 'language':
      await setCohortLocale(db(), cohort.id, d.locale || null);
      return back('language');
    case 'new-code':
      await regenerateJoinCode(db(), cohort.id);
      return back('new-code');
    case 'approve':
    case 'decline':
      // Already decided (a second click, another trainer): nothing changes, and the page says so plainly.
      if (!(await decideJoinRequest(db(), cohort.id, d.userId, d.intent === 'approve')))
        return fail('form', 'That request was already approved or declined.');
      return back(d.intent === 'approve' ? 'approved' : 'declined');
    case 'remove':
      if (!(await removeMember(db(), cohort.id, d.userId))) return fail('form', 'That person is not in this group.');
      return back('removed');
    case 'add-trainer': {
      const r = await addCoTrainer(db(), cohort.id, d.trainerEmail);
      if (r === 'no-account') return fail('trainerEmail', 'No active account has that email. Ask an admin to create it first.');
      if (r === 'not-a-trainer')
        return fail('trainerEmail', 'That account is not a trainer. Ask an admin to give it the trainer role.');
      if (r === 'already') return fail('trainerEmail', 'That person already teaches this group.');
      return back('trainer-added');
    }
    case 'remove-trainer':
      if (!(await removeCoTrainer(db(), cohort.id, d.userId)))
        return fail('form', 'That person is not a co-trainer of this group.');
      return back('trainer-removed');
    case 'archive':
    case 'unarchive':
      await setCohortArchived(db(), cohort.id, d.intent === 'archive');
      return back(d.intent === 'archive' ? 'archived' : 'unarchived');
  }
}

export default function ManageGroup() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const err = (intent: string, field: string) => (a?.intent === intent ? a.errors[field] : undefined);
  const val = (intent: string, field: string) => (a?.intent === intent ? a.values[field] : undefined);
  const c = d.cohort;
  return (
    <div className="wide">
      <p className="muted">
        <Link to="/trainer">Your training groups</Link> · <Link to={`/trainer/cohorts/${c.id}`}>{c.name}: progress</Link>
      </p>
      <h1>Manage {c.name}</h1>
      {c.archived ? (
        <p className="notice">This group is archived: it is not on your dashboard and its join code does not work.</p>
      ) : null}
      {d.done && !a ? (
        <p className="success" role="status">
          {d.done}
        </p>
      ) : null}
      <FormError error={a?.errors.form ?? a?.errors.intent} />

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Name and dates</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="details" />
          <Field
            label="Group name"
            name="name"
            required
            defaultValue={val('details', 'name') ?? c.name}
            error={err('details', 'name')}
          />
          <Field
            label="Start date"
            name="startsOn"
            type="date"
            required
            defaultValue={val('details', 'startsOn') ?? c.startsOn}
            error={err('details', 'startsOn')}
          />
          <Field
            label="End date"
            name="endsOn"
            type="date"
            required
            defaultValue={val('details', 'endsOn') ?? c.endsOn}
            error={err('details', 'endsOn')}
          />
          <button type="submit">Save name and dates</button>
        </Form>
      </section>

      <section aria-labelledby="language-heading">
        <h2 id="language-heading">Language</h2>
        <p>
          The group’s language is what its trainees see until they choose one themselves, and the edition of the course you teach
          from. Each trainee can still change their own.
        </p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="language" />
          <label htmlFor="group-locale">Group language</label>
          <select
            id="group-locale"
            name="locale"
            defaultValue={val('language', 'locale') ?? c.locale}
            aria-describedby={err('language', 'locale') ? 'group-locale-error' : undefined}
          >
            <option value="">Not set: each trainee’s browser decides</option>
            {d.languages.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </select>
          {err('language', 'locale') ? (
            <p id="group-locale-error" className="field-error">
              {err('language', 'locale')}
            </p>
          ) : null}
          <button type="submit">Save language</button>
        </Form>
      </section>

      <section aria-labelledby="code-heading">
        <h2 id="code-heading">Join code</h2>
        <p>
          Join code: <code>{c.joinCode}</code>.{' '}
          {c.expired ? 'It has expired. ' : c.expiresOn ? `It works through ${c.expiresOn} (Pacific time). ` : ''}
          {c.requiresApproval ? 'People who enter it wait for your approval.' : 'People who enter it join at once.'}
        </p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="join-rules" />
          <Field
            label="Last day the code works (optional)"
            name="expiresOn"
            type="date"
            hint="Leave empty for a code that does not expire. The code stops working at midnight Pacific time at the end of this day."
            defaultValue={val('join-rules', 'expiresOn') ?? c.expiresOn}
            error={err('join-rules', 'expiresOn')}
          />
          <div className="field">
            <input
              type="checkbox"
              id="field-requiresApproval"
              name="requiresApproval"
              defaultChecked={c.requiresApproval}
              aria-describedby="field-requiresApproval-hint"
            />{' '}
            <label htmlFor="field-requiresApproval">Ask me to approve each person who uses the code</label>
            <p className="hint" id="field-requiresApproval-hint">
              They see “waiting for approval” until you approve or decline them below.
            </p>
          </div>
          <button type="submit">Save join code rules</button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="new-code" />
          <p>Making a new code stops the old one at once. People already in the group stay in it.</p>
          <button type="submit" className="secondary">
            Make a new join code
          </button>
        </Form>
      </section>

      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading">Waiting for approval ({d.requests.length})</h2>
        {d.requests.length ? (
          <TableWrap label="Join requests">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Asked</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                {d.requests.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.name}</th>
                    <td>{r.email}</td>
                    <td>{r.requested}</td>
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="userId" value={r.id} />
                        <button type="submit" name="intent" value="approve" aria-label={`Approve ${r.name}`}>
                          Approve
                        </button>{' '}
                        <button
                          type="submit"
                          name="intent"
                          value="decline"
                          className="secondary"
                          aria-label={`Decline ${r.name}`}
                        >
                          Decline
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p>Nobody is waiting.</p>
        )}
      </section>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Trainees ({d.members.length})</h2>
        <p>
          <Link to={`/trainer/cohorts/${c.id}/import`}>Import a roster from a CSV file</Link>. Removing someone takes them off
          this group’s lists; their progress, quiz and exam records are kept.
        </p>
        {d.members.length ? (
          <TableWrap label="Trainees">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Joined</th>
                  <th scope="col">Remove</th>
                </tr>
              </thead>
              <tbody>
                {d.members.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.name}</th>
                    <td>{m.email}</td>
                    <td>{m.joined}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="userId" value={m.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="remove"
                          className="secondary"
                          aria-label={`Remove ${m.name} from the group`}
                        >
                          Remove
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p>No trainees yet.</p>
        )}
      </section>

      <section aria-labelledby="trainers-heading">
        <h2 id="trainers-heading">Trainers</h2>
        <p>Co-trainers see the group and grade its exams (anonymously, like you), and can manage it.</p>
        <ul>
          {d.trainers.map((t) => (
            <li key={t.id}>
              {t.name} ({t.email}){t.role === 'owner' ? ', owner' : ', co-trainer'}
              {t.role === 'co' ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="userId" value={t.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="remove-trainer"
                    className="secondary"
                    aria-label={`Remove co-trainer ${t.name}`}
                  >
                    Remove
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="add-trainer" />
          <Field
            label="Add a co-trainer by email"
            name="trainerEmail"
            type="email"
            autoComplete="off"
            hint="They need a Peer Academy account with the trainer role."
            defaultValue={val('add-trainer', 'trainerEmail')}
            error={err('add-trainer', 'trainerEmail')}
          />
          <button type="submit">Add co-trainer</button>
        </Form>
      </section>

      <section aria-labelledby="archive-heading">
        <h2 id="archive-heading">{c.archived ? 'Archived' : 'Archive'}</h2>
        <Form method="post">
          {c.archived ? (
            <>
              <p>Bring the group back to your dashboard. Its join code works again (unless it has expired).</p>
              <button type="submit" name="intent" value="unarchive">
                Unarchive group
              </button>
            </>
          ) : (
            <>
              <p>
                Archiving takes the group off your dashboard and stops its join code. Its trainees, records and grading stay; you
                can unarchive it at any time from the archived list.
              </p>
              <button type="submit" name="intent" value="archive" className="secondary">
                Archive group
              </button>
            </>
          )}
        </Form>
      </section>
    </div>
  );
}
