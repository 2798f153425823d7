import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { SessionForm } from '~/components/session-form';
import { TableWrap } from '~/components/table-wrap';
import { getContent } from '~/content/content.server';
import { ATTENDANCE_STATUSES, type AttendanceStatus, formatHours, pacificDay, pacificTimeOfDay } from '~/domain/hours';
import { importZoomReport, type ZoomSaid } from '~/domain/zoom-import';
import { courseFromSearch, requireCohort } from '~/guards/trainer.server';
import type { MessageId } from '~/i18n/catalogues';
import { translator } from '~/i18n/intl.server';
import { requestLocale } from '~/i18n/locale.server';
import type { Locale } from '~/i18n/locales';
import { i18nMeta, metaT } from '~/i18n/meta';
import { useMaybeT, useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import {
  type AttendanceMark,
  findCohortSession,
  saveAttendance,
  sessionHistory,
  sessionRoster,
  updateTrainingSession,
} from '~/models/training-session.server';
import { pacificDateTime } from '~/web/dates';
import { parseForm, parseParams, readForm } from '~/web/forms.server';
import { sessionSchema } from '~/web/session-form.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  i18nMeta(matches, 'trainer.session.title', 'trainer.session.description', {
    name: data?.session.title ?? metaT(matches)('trainer.session.fallbackTitle'),
  });

const ATTENDANCE_LABEL: Record<AttendanceStatus, MessageId> = {
  present: 'trainer.attendance.present',
  late: 'trainer.attendance.late',
  'left-early': 'trainer.attendance.leftEarly',
  absent: 'trainer.attendance.absent',
  excused: 'trainer.attendance.excused',
};

const paramsSchema = () => z.object({ sessionId: z.uuid() });

async function requireSession(request: Request, params: Record<string, string | undefined>) {
  const { user, cohort } = await requireCohort(request, params);
  const { sessionId } = parseParams(params, paramsSchema);
  const session = await findCohortSession(db(), cohort.id, sessionId);
  if (!session) throw new Response('trainer.session.notFound', { status: 404 });
  return { user, cohort, session };
}

const SAVED: Record<string, MessageId> = {
  created: 'trainer.session.saved.created',
  details: 'trainer.session.saved.details',
  attendance: 'trainer.session.saved.attendance',
};

/** A line of the change history, in the page's language. */
function describeChange(
  kind: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  locale: Locale,
): string {
  const t = translator(locale);
  const mark = (v: Record<string, unknown> | null) => {
    if (!v) return t('trainer.session.change.notTaken');
    const id = ATTENDANCE_LABEL[v.status as AttendanceStatus];
    return t('trainer.session.change.mark', {
      label: id ? t(id) : String(v.status),
      length: formatHours(Number(v.minutes ?? 0)),
      zoom: v.source === 'zoom' ? 'yes' : 'no',
    });
  };
  if (kind === 'attendance') return `${mark(before)} → ${mark(after)}`;
  if (!before) return t('trainer.session.change.scheduled', { title: String(after?.title ?? '') });
  const fields: [string, MessageId][] = [
    ['title', 'trainer.session.field.title'],
    ['startsAt', 'trainer.session.field.time'],
    ['durationMinutes', 'trainer.session.field.length'],
    ['mode', 'trainer.session.field.where'],
    ['competencies', 'trainer.session.field.competencies'],
    ['notes', 'trainer.session.field.notes'],
    ['makeup', 'trainer.session.field.makeup'],
  ];
  const show = (k: string, v: unknown) =>
    k === 'startsAt' ? pacificDateTime(Number(v), locale) : k === 'durationMinutes' ? formatHours(Number(v)) : JSON.stringify(v);
  const diff = fields.filter(([k]) => JSON.stringify(before[k]) !== JSON.stringify(after?.[k]));
  if (!diff.length) return t('trainer.session.change.none');
  return t('trainer.session.change.changed', {
    changes: diff.map(([k, label]) => `${t(label)}: ${show(k, before[k])} → ${show(k, after?.[k])}`).join('; '),
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort, session } = await requireSession(request, params);
  const course = await courseFromSearch(request);
  const locale = await requestLocale(request);
  const t = translator(locale);
  const [roster, history, content] = await Promise.all([
    sessionRoster(db(), cohort.id, session.id),
    sessionHistory(db(), cohort.id, session.id),
    getContent(),
  ]);
  const titles = new Map(content.competencies.map((c) => [c.id, c.title]));
  const saved = new URL(request.url).searchParams.get('saved');
  return json({
    cohort: { id: cohort.id, name: cohort.name },
    course: { slug: course.course.slug },
    competencies: content.competencies,
    session: {
      id: session.id,
      title: session.title,
      when: pacificDateTime(session.startsAt, locale),
      length: formatHours(session.durationMinutes),
      durationMinutes: session.durationMinutes,
      mode: session.mode,
      makeup: session.makeup,
      notes: session.notes,
      competencyTitles: session.competencies.map((c) => titles.get(c) ?? c),
      form: {
        title: session.title,
        date: pacificDay(session.startsAt),
        time: pacificTimeOfDay(session.startsAt),
        duration: String(session.durationMinutes),
        mode: session.mode,
        competencies: session.competencies,
        notes: session.notes,
        makeup: session.makeup,
      },
    },
    roster: roster.map((r) => ({
      userId: r.userId,
      name: r.name,
      email: r.email,
      status: r.status,
      minutes: r.minutes,
      note: r.status
        ? t('trainer.session.note', { zoom: r.source === 'zoom' ? 'yes' : 'no', when: pacificDateTime(r.updatedAt, locale) })
        : t('trainer.session.notTaken'),
    })),
    history: history.map((h) => ({
      id: h.id,
      when: pacificDateTime(h.at, locale),
      actor: h.actor,
      trainee: h.trainee,
      change: describeChange(h.kind, h.before, h.after, locale),
    })),
    saved: saved && SAVED[saved] ? SAVED[saved] : null,
  });
}

const MAX_REPORT_BYTES = 2_000_000;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort, session } = await requireSession(request, params);
  const course = await courseFromSearch(request);
  const form = await readForm(request);
  const intent = form.get('intent');
  const back = (saved: string) =>
    redirect(`/trainer/cohorts/${cohort.id}/sessions/${session.id}?course=${course.course.slug}&saved=${saved}`);

  if (intent === 'details') {
    const content = await getContent();
    const parsed = parseForm(form, sessionSchema(content.competencies.map((c) => c.id)));
    if (!parsed.ok) return json({ intent, errors: parsed.errors, preview: null }, { status: 400 });
    await updateTrainingSession(db(), { cohortId: cohort.id, sessionId: session.id, actorId: user.id, session: parsed.data });
    return back('details');
  }

  if (intent === 'attendance') {
    // One field pair per trainee (status:<id>, minutes:<id>), so the fields are read one by one
    // with zod rather than through one fixed schema; errors still render beside each field.
    const marks: AttendanceMark[] = [];
    const errors: Record<string, string> = {};
    for (const [key, value] of form.entries()) {
      const m = /^status:(.+)$/.exec(key);
      if (!m || typeof value !== 'string') continue;
      const userId = m[1];
      const status = z.enum(ATTENDANCE_STATUSES).safeParse(value);
      if (!status.success) {
        errors[`status:${userId}`] = 'trainer.session.error.mark';
        continue;
      }
      const raw = String(form.get(`minutes:${userId}`) ?? '').trim();
      let minutes = 0;
      if (status.data === 'late' || status.data === 'left-early') {
        const n = z.coerce
          .number()
          .int()
          .min(1)
          .max(session.durationMinutes)
          .safeParse(raw === '' ? Number.NaN : raw);
        if (!n.success) {
          errors[`minutes:${userId}`] = 'trainer.session.error.minutes';
          continue;
        }
        minutes = n.data;
      }
      marks.push({ userId, status: status.data, minutes });
    }
    if (Object.keys(errors).length) return json({ intent, errors, preview: null }, { status: 400 });
    const source = form.get('source') === 'zoom' ? 'zoom' : 'manual';
    const r = await saveAttendance(db(), { cohortId: cohort.id, sessionId: session.id, actorId: user.id, source, marks });
    if (!r.ok)
      return json(
        {
          intent,
          errors: { form: 'trainer.session.error.notMembers' } as Record<string, string>,
          preview: null,
        },
        { status: 400 },
      );
    return back('attendance');
  }

  if (intent === 'zoom') {
    const file = form.get('report');
    const pasted = form.get('pasted');
    let text = '';
    if (file && typeof file !== 'string' && file.size > 0) {
      if (file.size > MAX_REPORT_BYTES)
        return json({ intent, errors: { report: 'trainer.session.error.tooLarge' }, preview: null }, { status: 400 });
      text = await file.text();
    } else if (typeof pasted === 'string' && pasted.trim()) text = pasted.slice(0, MAX_REPORT_BYTES);
    if (!text.trim())
      return json({ intent, errors: { report: 'trainer.session.error.noReport' }, preview: null }, { status: 400 });
    const roster = await sessionRoster(db(), cohort.id, session.id);
    const result = importZoomReport(
      text,
      { startsAt: session.startsAt, durationMinutes: session.durationMinutes },
      roster.map((r) => ({ id: r.userId, name: r.name, email: r.email })),
    );
    // The import speaks in message ids with values: said here in the trainer's language.
    const t = translator(await requestLocale(request));
    const say = (said: ZoomSaid) => t(said.code, said.values);
    if (!result.ok) return json({ intent, errors: { report: say(result.error) }, preview: null }, { status: 400 });
    return json({
      intent,
      errors: {} as Record<string, string>,
      preview: {
        rowsRead: result.rowsRead,
        problems: result.problems.map(say),
        proposals: result.proposals.map((p) => ({ ...p, note: p.note.map(say).join(' ') })),
        unmatched: result.unmatched.map((u) => ({ ...u, reason: say(u.reason) })),
      },
    });
  }
  throw new Response('trainer.queue.badAction', { status: 400 });
}

interface AttendanceRow {
  userId: string;
  name: string;
  status: AttendanceStatus | null;
  minutes: number | null;
  note: string;
}

function AttendanceForm({
  rows,
  source,
  errors,
  duration,
  submitLabel,
}: {
  rows: AttendanceRow[];
  source: 'manual' | 'zoom';
  errors: Record<string, string>;
  duration: number;
  submitLabel: string;
}) {
  const t = useT();
  const maybeT = useMaybeT();
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="attendance" />
      <input type="hidden" name="source" value={source} />
      {errors.form ? (
        <p className="form-error" role="alert">
          {maybeT(errors.form)}
        </p>
      ) : null}
      <TableWrap label={t('trainer.session.attendance')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('trainer.group.col.trainee')}</th>
              <th scope="col">{t('trainer.session.col.mark')}</th>
              <th scope="col">{t('trainer.session.col.minutes')}</th>
              <th scope="col">{t('trainer.session.col.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const statusError = errors[`status:${r.userId}`];
              const minutesError = errors[`minutes:${r.userId}`];
              return (
                <tr key={r.userId}>
                  <th scope="row">{r.name}</th>
                  <td>
                    <label className="visually-hidden" htmlFor={`status-${r.userId}`}>
                      {t('trainer.session.markFor', { name: r.name })}
                    </label>
                    <select
                      id={`status-${r.userId}`}
                      name={`status:${r.userId}`}
                      defaultValue={r.status ?? 'present'}
                      aria-invalid={statusError ? true : undefined}
                    >
                      {ATTENDANCE_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(ATTENDANCE_LABEL[s])}
                        </option>
                      ))}
                    </select>
                    {statusError ? <p className="field-error">{maybeT(statusError)}</p> : null}
                  </td>
                  <td>
                    <label className="visually-hidden" htmlFor={`minutes-${r.userId}`}>
                      {t('trainer.session.minutesBy', { name: r.name })}
                    </label>
                    <input
                      id={`minutes-${r.userId}`}
                      name={`minutes:${r.userId}`}
                      type="number"
                      min="1"
                      max={duration}
                      defaultValue={r.status === 'late' || r.status === 'left-early' ? String(r.minutes ?? '') : ''}
                      aria-invalid={minutesError ? true : undefined}
                      aria-describedby={minutesError ? `minutes-${r.userId}-error` : undefined}
                    />
                    {minutesError ? (
                      <p className="field-error" id={`minutes-${r.userId}-error`}>
                        {maybeT(minutesError, { max: duration })}
                      </p>
                    ) : null}
                  </td>
                  <td>{r.note}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}

export default function SessionPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const preview = a?.intent === 'zoom' ? a.preview : null;
  const errors = a?.errors ?? {};
  const t = useT();
  const maybeT = useMaybeT();
  return (
    <div className="wide">
      <p className="muted">
        <Link to={`/trainer/cohorts/${d.cohort.id}?course=${d.course.slug}`}>{d.cohort.name}</Link> ·{' '}
        <Link to={`/trainer/cohorts/${d.cohort.id}/sessions?course=${d.course.slug}`}>{t('trainer.sessions.heading')}</Link>
      </p>
      <h1>{d.session.title}</h1>
      <p>
        {t('trainer.session.line', {
          when: d.session.when,
          length: d.session.length,
          mode: d.session.mode,
          makeup: d.session.makeup ? 'yes' : 'no',
        })}
      </p>
      {d.session.competencyTitles.length ? (
        <p>{t('trainer.session.competencies', { list: d.session.competencyTitles.join('; ') })}</p>
      ) : null}
      {d.session.notes ? <p className="muted">{d.session.notes}</p> : null}
      {d.saved && !a ? (
        <p className="success" role="status">
          {t(d.saved)}
        </p>
      ) : null}

      {preview ? (
        <section aria-labelledby="preview-heading" className="card">
          <h2 id="preview-heading">{t('trainer.session.preview')}</h2>
          <p role="status">{t('trainer.session.previewRead', { count: preview.rowsRead })}</p>
          {preview.problems.length ? (
            <ul>
              {preview.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          <AttendanceForm
            rows={preview.proposals}
            source="zoom"
            errors={{}}
            duration={d.session.durationMinutes}
            submitLabel={t('trainer.session.saveThis')}
          />
          <h3>{t('trainer.session.unmatched')}</h3>
          {preview.unmatched.length ? (
            <TableWrap label={t('trainer.session.unmatchedTable')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('trainer.session.col.line')}</th>
                    <th scope="col">{t('trainer.csv.name')}</th>
                    <th scope="col">{t('trainer.csv.email')}</th>
                    <th scope="col">{t('trainer.session.col.minutesShort')}</th>
                    <th scope="col">{t('trainer.session.col.why')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.unmatched.map((u) => (
                    <tr key={u.line}>
                      <th scope="row">{u.line}</th>
                      <td>{u.name}</td>
                      <td>{u.email}</td>
                      <td>{u.minutes ?? ''}</td>
                      <td>{u.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : (
            <p>{t('trainer.session.allMatched')}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="attendance-heading">
        <h2 id="attendance-heading">{t('trainer.session.attendance')}</h2>
        <p className="muted">{t('trainer.session.attendanceIntro')}</p>
        {preview ? (
          <p>{t('trainer.session.proposalAbove')}</p>
        ) : d.roster.length ? (
          <AttendanceForm
            rows={d.roster}
            source="manual"
            errors={a?.intent === 'attendance' ? errors : {}}
            duration={d.session.durationMinutes}
            submitLabel={t('trainer.session.saveAttendance')}
          />
        ) : (
          <p>{t('trainer.session.noTrainees')}</p>
        )}
      </section>

      <section aria-labelledby="zoom-heading" className="card">
        <h2 id="zoom-heading">{t('trainer.session.zoom')}</h2>
        <p className="muted">{t('trainer.session.zoomIntro')}</p>
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="intent" value="zoom" />
          <div className="field">
            <label htmlFor="report">{t('trainer.session.report')}</label>
            <input
              id="report"
              name="report"
              type="file"
              accept=".csv,text/csv"
              aria-invalid={a?.intent === 'zoom' && errors.report ? true : undefined}
              aria-describedby={a?.intent === 'zoom' && errors.report ? 'report-error' : undefined}
            />
            {a?.intent === 'zoom' && errors.report ? (
              <p className="field-error" id="report-error">
                {maybeT(errors.report)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="pasted">{t('trainer.session.pasted')}</label>
            <textarea id="pasted" name="pasted" rows={4} />
          </div>
          <button type="submit" className="secondary">
            {t('trainer.session.read')}
          </button>
        </Form>
      </section>

      <section aria-labelledby="details-heading" className="card">
        <h2 id="details-heading">{t('trainer.session.details')}</h2>
        <SessionForm
          intent="details"
          submitLabel={t('trainer.session.saveDetails')}
          values={d.session.form}
          errors={a?.intent === 'details' ? errors : {}}
          competencies={d.competencies}
        />
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('trainer.session.changes')}</h2>
        {d.history.length ? (
          <TableWrap label={t('trainer.session.changes')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('trainer.sessions.col.when')}</th>
                  <th scope="col">{t('trainer.session.col.who')}</th>
                  <th scope="col">{t('trainer.group.col.trainee')}</th>
                  <th scope="col">{t('trainer.session.col.change')}</th>
                </tr>
              </thead>
              <tbody>
                {d.history.map((h) => (
                  <tr key={h.id}>
                    <td>{h.when}</td>
                    <td>{h.actor}</td>
                    <td>{h.trainee ?? ''}</td>
                    <td>{h.change}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p>{t('trainer.session.noChanges')}</p>
        )}
      </section>
    </div>
  );
}
