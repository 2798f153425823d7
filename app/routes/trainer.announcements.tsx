import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { SafeMarkdown } from '~/components/safe-markdown';
import { parsePacificLocal } from '~/domain/notifications';
import { MAX_MARKDOWN_LENGTH } from '~/domain/safe-markdown';
import { requireRole } from '~/guards/auth.server';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta } from '~/i18n/meta';
import { useMaybeT, useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { nudgeOutbox } from '~/jobs/outbox-worker.server';
import { announcementsPage, postAnnouncement } from '~/models/announcement.server';
import { pacificDateTime } from '~/web/dates';
import { id, parseForm, readForm } from '~/web/forms.server';

export const meta: MetaFunction = ({ matches }) =>
  i18nMeta(matches, 'trainer.announcements.title', 'trainer.announcements.description');

const schema = () =>
  z
    .object({
      cohortIds: z.preprocess(
        (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
        z.array(id, { message: 'trainer.announcements.error.group' }).min(1, 'trainer.announcements.error.group').max(100),
      ),
      title: z
        .string({ message: 'trainer.announcements.error.title' })
        .trim()
        .min(1, 'trainer.announcements.error.title')
        .max(120, 'trainer.announcements.error.titleLong'),
      body: z
        .string({ message: 'trainer.announcements.error.body' })
        .trim()
        .min(1, 'trainer.announcements.error.body')
        .max(MAX_MARKDOWN_LENGTH, 'trainer.announcements.error.bodyLong'),
      when: z.enum(['now', 'later'], { message: 'trainer.announcements.error.when' }),
      publishAt: z.string().optional(),
    })
    .transform((v, ctx) => {
      if (v.when === 'now') return { ...v, publishAt: null };
      const at = parsePacificLocal(v.publishAt ?? '');
      if (at === null) {
        ctx.addIssue({ code: 'custom', path: ['publishAt'], message: 'trainer.announcements.error.publishAt' });
        return z.NEVER;
      }
      return { ...v, publishAt: at };
    });

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, ['trainer']);
  const page = await announcementsPage(db(), viewer);
  const locale = await requestLocale(request);
  const posted = new URL(request.url).searchParams.get('posted');
  return json({
    cohorts: page.cohorts,
    announcements: page.announcements.map((a) => ({ ...a, publishAt: pacificDateTime(a.publishAt, locale) })),
    posted: posted === 'now' || posted === 'later' ? posted : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireRole(request, ['trainer']);
  const form = await readForm(request);
  const parsed = parseForm(form, schema);
  const values = {
    title: String(form.get('title') ?? ''),
    body: String(form.get('body') ?? ''),
    publishAt: String(form.get('publishAt') ?? ''),
  };
  if (!parsed.ok)
    return json({ errors: parsed.errors, values, cohortIds: form.getAll('cohortIds').map(String) }, { status: 400 });
  const r = await postAnnouncement(db(), viewer, parsed.data);
  // A group the viewer does not teach is answered like one that does not exist.
  if (!r.ok) throw new Response('trainer.announcements.error.noGroup', { status: 404 });
  if (r.published) nudgeOutbox();
  return redirect(`/trainer/announcements?posted=${r.published ? 'now' : 'later'}`);
}

export default function TrainerAnnouncements() {
  const { cohorts, announcements, posted } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data?.errors ?? {};
  const chosen = new Set(data?.cohortIds ?? (cohorts.length === 1 ? [cohorts[0].id] : []));
  const t = useT();
  const maybeT = useMaybeT();
  return (
    <>
      <h1>{t('trainer.home.announcements')}</h1>
      {posted ? (
        <p className="success" role="status">
          {posted === 'now' ? t('trainer.announcements.postedNow') : t('trainer.announcements.postedLater')}
        </p>
      ) : null}
      {cohorts.length === 0 ? (
        <p>{t('trainer.announcements.noGroups')}</p>
      ) : (
        <section aria-labelledby="new-heading" className="card">
          <h2 id="new-heading">{t('trainer.announcements.new')}</h2>
          <Form method="post" noValidate>
            <FormError error={errors.form} />
            <fieldset aria-describedby={errors.cohortIds ? 'cohorts-error' : undefined}>
              <legend>{t('trainer.announcements.sendTo')}</legend>
              {cohorts.map((c) => (
                <label key={c.id} className="choice">
                  <input type="checkbox" name="cohortIds" value={c.id} defaultChecked={chosen.has(c.id)} /> {c.name}
                </label>
              ))}
              {errors.cohortIds ? (
                <p className="field-error" id="cohorts-error">
                  {maybeT(errors.cohortIds)}
                </p>
              ) : null}
            </fieldset>
            <Field
              label={t('trainer.sessionForm.title')}
              name="title"
              defaultValue={data?.values.title}
              error={errors.title}
              maxLength={120}
            />
            <div className="field">
              <label htmlFor="field-body">{t('trainer.announcements.message')}</label>
              <p className="hint" id="field-body-hint">
                {t('trainer.announcements.messageHint')}
              </p>
              <textarea
                id="field-body"
                name="body"
                rows={8}
                defaultValue={data?.values.body}
                aria-invalid={errors.body ? true : undefined}
                aria-describedby={`field-body-hint${errors.body ? ' field-body-error' : ''}`}
              />
              {errors.body ? (
                <p className="field-error" id="field-body-error">
                  {maybeT(errors.body)}
                </p>
              ) : null}
            </div>
            <fieldset>
              <legend>{t('trainer.sessions.col.when')}</legend>
              <label className="choice">
                <input type="radio" name="when" value="now" defaultChecked={!data?.values.publishAt} />{' '}
                {t('trainer.announcements.now')}
              </label>
              <label className="choice">
                <input type="radio" name="when" value="later" defaultChecked={Boolean(data?.values.publishAt)} />{' '}
                {t('trainer.announcements.later')}
              </label>
              <Field
                label={t('trainer.announcements.publishAt')}
                name="publishAt"
                type="datetime-local"
                defaultValue={data?.values.publishAt}
                error={errors.publishAt}
              />
            </fieldset>
            <button type="submit">{t('trainer.announcements.post')}</button>
          </Form>
        </section>
      )}
      <h2>{t('trainer.announcements.list')}</h2>
      {announcements.length ? (
        announcements.map((a) => (
          <article key={a.id} className="card" aria-labelledby={`a-${a.id}`}>
            <h3 id={`a-${a.id}`}>{a.title}</h3>
            <p className="muted">
              {t('trainer.announcements.line', {
                published: a.published ? 'yes' : 'no',
                when: a.publishAt,
                author: a.author,
                groups: a.cohorts.join(', '),
              })}
            </p>
            <SafeMarkdown tree={a.body} />
          </article>
        ))
      ) : (
        <p>{t('trainer.announcements.none')}</p>
      )}
    </>
  );
}
