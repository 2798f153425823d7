import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { TableWrap } from '~/components/table-wrap';
import { requireCohort } from '~/guards/trainer.server';
import type { MessageId } from '~/i18n/catalogues';
import { requestLocale } from '~/i18n/locale.server';
import { LOCALE_NAMES, LOCALES } from '~/i18n/locales';
import { i18nMeta, metaT } from '~/i18n/meta';
import { useMaybeT, useT } from '~/i18n/react';
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

// Managing one group (issue #16 item 7): every trainer of the group (owner or co-trainer) and
// admins. Scope: requireCohort -> findCohortFor -> taughtCohortIds; anyone else gets 404.

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  i18nMeta(matches, 'trainer.manage.title', 'trainer.manage.description', {
    name: data?.cohort.name ?? metaT(matches)('trainer.manage.fallbackName'),
  });

const DONE: Record<string, MessageId> = {
  details: 'trainer.manage.done.details',
  language: 'trainer.manage.done.language',
  'join-rules': 'trainer.manage.done.joinRules',
  'new-code': 'trainer.manage.done.newCode',
  approved: 'trainer.manage.done.approved',
  declined: 'trainer.manage.done.declined',
  removed: 'trainer.manage.done.removed',
  'trainer-added': 'trainer.manage.done.trainerAdded',
  'trainer-removed': 'trainer.manage.done.trainerRemoved',
  archived: 'trainer.manage.done.archived',
  unarchived: 'trainer.manage.done.unarchived',
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohort(request, params);
  const locale = await requestLocale(request);
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
    members: members.map((m) => ({ id: m.id, name: m.name, email: m.email, joined: pacificDateTime(m.joined_at, locale) })),
    requests: requests.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      requested: pacificDateTime(r.requested_at, locale),
    })),
    trainers,
    done: DONE[done] ?? null,
  });
}

const DATE_ERRORS = {
  start: ['trainer.home.error.startMissing', 'trainer.home.error.startFormat', 'trainer.home.error.startReal'],
  end: ['trainer.home.error.endMissing', 'trainer.home.error.endFormat', 'trainer.home.error.endReal'],
  expires: ['trainer.manage.error.expiresMissing', 'trainer.manage.error.expiresFormat', 'trainer.manage.error.expiresReal'],
} as const satisfies Record<string, readonly [MessageId, MessageId, MessageId]>;

const isoDate = (which: keyof typeof DATE_ERRORS) =>
  z
    .string({ message: DATE_ERRORS[which][0] })
    .regex(/^\d{4}-\d{2}-\d{2}$/, DATE_ERRORS[which][1])
    .refine((v) => !Number.isNaN(Date.parse(v)), DATE_ERRORS[which][2]);

const schema = () =>
  z.discriminatedUnion(
    'intent',
    [
      z
        .object({
          intent: z.literal('details'),
          name: z
            .string({ message: 'trainer.home.error.name' })
            .trim()
            .min(1, 'trainer.home.error.name')
            .max(100, 'trainer.home.error.nameLong'),
          startsOn: isoDate('start'),
          endsOn: isoDate('end'),
        })
        .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'trainer.home.error.order' }),
      z.object({
        intent: z.literal('join-rules'),
        expiresOn: z.union([z.literal(''), isoDate('expires')]),
        requiresApproval: z.literal('on').optional(),
      }),
      z.object({ intent: z.literal('new-code') }),
      z.object({
        intent: z.literal('language'),
        locale: z.union([z.literal(''), z.enum(LOCALES)], { message: 'trainer.manage.language.invalid' }),
      }),
      z.object({ intent: z.enum(['approve', 'decline', 'remove', 'remove-trainer']), userId: id }),
      z.object({ intent: z.literal('add-trainer'), trainerEmail: email }),
      z.object({ intent: z.enum(['archive', 'unarchive']) }),
    ],
    { message: 'trainer.manage.error.intent' },
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
  const fail = (field: string, message: MessageId) =>
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
        return fail('form', 'trainer.manage.error.decided');
      return back(d.intent === 'approve' ? 'approved' : 'declined');
    case 'remove':
      if (!(await removeMember(db(), cohort.id, d.userId))) return fail('form', 'trainer.manage.error.notMember');
      return back('removed');
    case 'add-trainer': {
      const r = await addCoTrainer(db(), cohort.id, d.trainerEmail);
      if (r === 'no-account') return fail('trainerEmail', 'trainer.manage.error.noAccount');
      if (r === 'not-a-trainer') return fail('trainerEmail', 'trainer.manage.error.notTrainer');
      if (r === 'already') return fail('trainerEmail', 'trainer.manage.error.already');
      return back('trainer-added');
    }
    case 'remove-trainer':
      if (!(await removeCoTrainer(db(), cohort.id, d.userId))) return fail('form', 'trainer.manage.error.notCoTrainer');
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
  const t = useT();
  const maybeT = useMaybeT();
  return (
    <div className="wide">
      <p className="muted">
        <Link to="/trainer">{t('trainer.group.back')}</Link> ·{' '}
        <Link to={`/trainer/cohorts/${c.id}`}>{t('trainer.manage.progressLink', { name: c.name })}</Link>
      </p>
      <h1>{t('trainer.manage.heading', { name: c.name })}</h1>
      {c.archived ? <p className="notice">{t('trainer.groupLinks.archived')}</p> : null}
      {d.done && !a ? (
        <p className="success" role="status">
          {t(d.done)}
        </p>
      ) : null}
      <FormError error={a?.errors.form ?? a?.errors.intent} />

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t('trainer.manage.details')}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="details" />
          <Field
            label={t('trainer.home.name')}
            name="name"
            required
            defaultValue={val('details', 'name') ?? c.name}
            error={err('details', 'name')}
          />
          <Field
            label={t('trainer.home.startDate')}
            name="startsOn"
            type="date"
            required
            defaultValue={val('details', 'startsOn') ?? c.startsOn}
            error={err('details', 'startsOn')}
          />
          <Field
            label={t('trainer.home.endDate')}
            name="endsOn"
            type="date"
            required
            defaultValue={val('details', 'endsOn') ?? c.endsOn}
            error={err('details', 'endsOn')}
          />
          <button type="submit">{t('trainer.manage.saveDetails')}</button>
        </Form>
      </section>

      <section aria-labelledby="language-heading">
        <h2 id="language-heading">{t('trainer.manage.language.heading')}</h2>
        <p>{t('trainer.manage.language.intro')}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="language" />
          <label htmlFor="group-locale">{t('trainer.manage.language.label')}</label>
          <select
            id="group-locale"
            name="locale"
            defaultValue={val('language', 'locale') ?? c.locale}
            aria-describedby={err('language', 'locale') ? 'group-locale-error' : undefined}
          >
            <option value="">{t('trainer.manage.language.notSet')}</option>
            {d.languages.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </select>
          {err('language', 'locale') ? (
            <p id="group-locale-error" className="field-error">
              {maybeT(err('language', 'locale') ?? '')}
            </p>
          ) : null}
          <button type="submit">{t('trainer.manage.language.save')}</button>
        </Form>
      </section>

      <section aria-labelledby="code-heading">
        <h2 id="code-heading">{t('trainer.home.col.joinCode')}</h2>
        <p>
          {t('trainer.manage.code', { code: c.joinCode, c: (chunks) => <code>{chunks}</code> })}{' '}
          {c.expired ? t('trainer.manage.expired') : c.expiresOn ? t('trainer.manage.worksThrough', { date: c.expiresOn }) : ''}
          {c.requiresApproval ? t('trainer.manage.approval') : t('trainer.manage.atOnce')}
        </p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="join-rules" />
          <Field
            label={t('trainer.manage.expiresLabel')}
            name="expiresOn"
            type="date"
            hint={t('trainer.manage.expiresHint')}
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
            <label htmlFor="field-requiresApproval">{t('trainer.manage.requireApproval')}</label>
            <p className="hint" id="field-requiresApproval-hint">
              {t('trainer.manage.requireApprovalHint')}
            </p>
          </div>
          <button type="submit">{t('trainer.manage.saveRules')}</button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="new-code" />
          <p>{t('trainer.manage.newCodeIntro')}</p>
          <button type="submit" className="secondary">
            {t('trainer.manage.newCode')}
          </button>
        </Form>
      </section>

      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading">{t('trainer.manage.waiting', { count: d.requests.length })}</h2>
        {d.requests.length ? (
          <TableWrap label={t('trainer.manage.requests')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('trainer.csv.name')}</th>
                  <th scope="col">{t('trainer.csv.email')}</th>
                  <th scope="col">{t('trainer.manage.col.asked')}</th>
                  <th scope="col">{t('trainer.manage.col.decision')}</th>
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
                        <button
                          type="submit"
                          name="intent"
                          value="approve"
                          aria-label={t('trainer.manage.approveName', { name: r.name })}
                        >
                          {t('trainer.manage.approve')}
                        </button>{' '}
                        <button
                          type="submit"
                          name="intent"
                          value="decline"
                          className="secondary"
                          aria-label={t('trainer.manage.declineName', { name: r.name })}
                        >
                          {t('trainer.manage.decline')}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p>{t('trainer.manage.nobody')}</p>
        )}
      </section>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t('trainer.manage.members', { count: d.members.length })}</h2>
        <p>
          {t('trainer.manage.membersIntro', {
            import: (chunks) => <Link to={`/trainer/cohorts/${c.id}/import`}>{chunks}</Link>,
          })}
        </p>
        {d.members.length ? (
          <TableWrap label={t('trainer.home.col.trainees')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('trainer.csv.name')}</th>
                  <th scope="col">{t('trainer.csv.email')}</th>
                  <th scope="col">{t('trainer.manage.col.joined')}</th>
                  <th scope="col">{t('trainer.manage.remove')}</th>
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
                          aria-label={t('trainer.manage.removeName', { name: m.name })}
                        >
                          {t('trainer.manage.remove')}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p>{t('trainer.manage.noMembers')}</p>
        )}
      </section>

      <section aria-labelledby="trainers-heading">
        <h2 id="trainers-heading">{t('trainer.manage.trainers')}</h2>
        <p>{t('trainer.manage.trainersIntro')}</p>
        <ul>
          {d.trainers.map((tr) => (
            <li key={tr.id}>
              {t('trainer.manage.trainer', { name: tr.name, email: tr.email, role: tr.role })}
              {tr.role === 'co' ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="userId" value={tr.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="remove-trainer"
                    className="secondary"
                    aria-label={t('trainer.manage.removeTrainer', { name: tr.name })}
                  >
                    {t('trainer.manage.remove')}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="add-trainer" />
          <Field
            label={t('trainer.manage.addTrainerLabel')}
            name="trainerEmail"
            type="email"
            autoComplete="off"
            hint={t('trainer.manage.addTrainerHint')}
            defaultValue={val('add-trainer', 'trainerEmail')}
            error={err('add-trainer', 'trainerEmail')}
          />
          <button type="submit">{t('trainer.manage.addTrainer')}</button>
        </Form>
      </section>

      <section aria-labelledby="archive-heading">
        <h2 id="archive-heading">{c.archived ? t('trainer.manage.archivedHeading') : t('trainer.manage.archiveHeading')}</h2>
        <Form method="post">
          {c.archived ? (
            <>
              <p>{t('trainer.manage.unarchiveIntro')}</p>
              <button type="submit" name="intent" value="unarchive">
                {t('trainer.manage.unarchive')}
              </button>
            </>
          ) : (
            <>
              <p>{t('trainer.manage.archiveIntro')}</p>
              <button type="submit" name="intent" value="archive" className="secondary">
                {t('trainer.manage.archive')}
              </button>
            </>
          )}
        </Form>
      </section>
    </div>
  );
}
