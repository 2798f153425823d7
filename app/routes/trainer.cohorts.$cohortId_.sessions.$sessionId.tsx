import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { SessionForm } from '~/components/session-form';
import { TableWrap } from '~/components/table-wrap';
import { getContent } from '~/content/content.server';
import {
  ATTENDANCE_LABEL,
  ATTENDANCE_STATUSES,
  type AttendanceStatus,
  formatHours,
  pacificDay,
  pacificTimeOfDay,
} from '~/domain/hours';
import { importZoomReport } from '~/domain/zoom-import';
import { courseFromSearch, requireCohort } from '~/guards/trainer.server';
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
import { pageMeta } from '~/web/meta';
import { sessionSchema } from '~/web/session-form.server';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(`${data?.session.title ?? 'Session'} · Peer Academy`, 'A live session: details, attendance and Zoom import.');

const paramsSchema = () => z.object({ sessionId: z.uuid() });

async function requireSession(request: Request, params: Record<string, string | undefined>) {
  const { user, cohort } = await requireCohort(request, params);
  const { sessionId } = parseParams(params, paramsSchema);
  const session = await findCohortSession(db(), cohort.id, sessionId);
  if (!session) throw new Response('We could not find that session.', { status: 404 });
  return { user, cohort, session };
}

const SAVED: Record<string, string> = {
  created: 'Session scheduled. You can take attendance below.',
  details: 'Session details saved.',
  attendance: 'Attendance saved.',
};

function describeChange(kind: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null): string {
  const mark = (v: Record<string, unknown> | null) => {
    if (!v) return 'not taken';
    const label = ATTENDANCE_LABEL[v.status as AttendanceStatus] ?? String(v.status);
    return `${label} (${formatHours(Number(v.minutes ?? 0))})${v.source === 'zoom' ? ', from Zoom' : ''}`;
  };
  if (kind === 'attendance') return `${mark(before)} → ${mark(after)}`;
  if (!before) return `Scheduled: ${String(after?.title ?? '')}`;
  const fields: [string, string][] = [
    ['title', 'title'],
    ['startsAt', 'time'],
    ['durationMinutes', 'length'],
    ['mode', 'where'],
    ['competencies', 'competencies'],
    ['notes', 'notes'],
    ['makeup', 'make-up'],
  ];
  const show = (k: string, v: unknown) =>
    k === 'startsAt' ? pacificDateTime(Number(v)) : k === 'durationMinutes' ? formatHours(Number(v)) : JSON.stringify(v);
  const diff = fields.filter(([k]) => JSON.stringify(before[k]) !== JSON.stringify(after?.[k]));
  if (!diff.length) return 'No change';
  return `Changed ${diff.map(([k, label]) => `${label}: ${show(k, before[k])} → ${show(k, after?.[k])}`).join('; ')}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort, session } = await requireSession(request, params);
  const course = await courseFromSearch(request);
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
      when: pacificDateTime(session.startsAt),
      length: formatHours(session.durationMinutes),
      durationMinutes: session.durationMinutes,
      mode: session.mode === 'online' ? 'Online' : 'In person',
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
      note: r.status ? `${r.source === 'zoom' ? 'From Zoom' : 'Entered'} ${pacificDateTime(r.updatedAt)}` : 'Not taken yet',
    })),
    history: history.map((h) => ({
      id: h.id,
      when: pacificDateTime(h.at),
      actor: h.actor,
      trainee: h.trainee,
      change: describeChange(h.kind, h.before, h.after),
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
        errors[`status:${userId}`] = 'Choose one of the listed marks.';
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
          errors[`minutes:${userId}`] = `Enter the minutes attended, a whole number from 1 to ${session.durationMinutes}.`;
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
          errors: { form: 'Attendance can only be taken for this group’s trainees.' } as Record<string, string>,
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
        return json(
          { intent, errors: { report: 'This file is larger than 2 MB. Is it the participant report?' }, preview: null },
          { status: 400 },
        );
      text = await file.text();
    } else if (typeof pasted === 'string' && pasted.trim()) text = pasted.slice(0, MAX_REPORT_BYTES);
    if (!text.trim())
      return json(
        { intent, errors: { report: 'Choose the participant report file (CSV) from Zoom, or paste it.' }, preview: null },
        { status: 400 },
      );
    const roster = await sessionRoster(db(), cohort.id, session.id);
    const result = importZoomReport(
      text,
      { startsAt: session.startsAt, durationMinutes: session.durationMinutes },
      roster.map((r) => ({ id: r.userId, name: r.name, email: r.email })),
    );
    if (!result.ok) return json({ intent, errors: { report: result.error }, preview: null }, { status: 400 });
    return json({ intent, errors: {} as Record<string, string>, preview: result });
  }
  throw new Response('That action is not available here.', { status: 400 });
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
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="attendance" />
      <input type="hidden" name="source" value={source} />
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <TableWrap label="Attendance">
        <table>
          <thead>
            <tr>
              <th scope="col">Trainee</th>
              <th scope="col">Mark</th>
              <th scope="col">Minutes attended (late or left early)</th>
              <th scope="col">Notes</th>
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
                      Mark for {r.name}
                    </label>
                    <select
                      id={`status-${r.userId}`}
                      name={`status:${r.userId}`}
                      defaultValue={r.status ?? 'present'}
                      aria-invalid={statusError ? true : undefined}
                    >
                      {ATTENDANCE_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {ATTENDANCE_LABEL[s]}
                        </option>
                      ))}
                    </select>
                    {statusError ? <p className="field-error">{statusError}</p> : null}
                  </td>
                  <td>
                    <label className="visually-hidden" htmlFor={`minutes-${r.userId}`}>
                      Minutes attended by {r.name}
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
                        {minutesError}
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
  return (
    <div className="wide">
      <p className="muted">
        <Link to={`/trainer/cohorts/${d.cohort.id}?course=${d.course.slug}`}>{d.cohort.name}</Link> ·{' '}
        <Link to={`/trainer/cohorts/${d.cohort.id}/sessions?course=${d.course.slug}`}>Live sessions</Link>
      </p>
      <h1>{d.session.title}</h1>
      <p>
        {d.session.when} (Pacific time) · {d.session.length} · {d.session.mode}
        {d.session.makeup ? ' · make-up session' : ''}
      </p>
      {d.session.competencyTitles.length ? <p>Competencies: {d.session.competencyTitles.join('; ')}.</p> : null}
      {d.session.notes ? <p className="muted">{d.session.notes}</p> : null}
      {d.saved && !a ? (
        <p className="success" role="status">
          {d.saved}
        </p>
      ) : null}

      {preview ? (
        <section aria-labelledby="preview-heading" className="card">
          <h2 id="preview-heading">Zoom report: check before saving</h2>
          <p role="status">
            Read {preview.rowsRead} rows. Nothing is saved until you save the attendance below; change any mark first if it is
            wrong.
          </p>
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
            submitLabel="Save this attendance"
          />
          <h3>Rows that match no trainee in this group</h3>
          {preview.unmatched.length ? (
            <TableWrap label="Unmatched rows">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Minutes</th>
                    <th scope="col">Why</th>
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
            <p>None: every row matched a trainee.</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="attendance-heading">
        <h2 id="attendance-heading">Attendance</h2>
        <p className="muted">
          Present counts the whole session. For late or left early, enter the minutes attended. Absent and excused count no time;
          a make-up session can.
        </p>
        {preview ? (
          <p>The Zoom report’s proposal is shown above: save it there, or open this page again to mark by hand.</p>
        ) : d.roster.length ? (
          <AttendanceForm
            rows={d.roster}
            source="manual"
            errors={a?.intent === 'attendance' ? errors : {}}
            duration={d.session.durationMinutes}
            submitLabel="Save attendance"
          />
        ) : (
          <p>This group has no trainees yet.</p>
        )}
      </section>

      <section aria-labelledby="zoom-heading" className="card">
        <h2 id="zoom-heading">Import from a Zoom participant report</h2>
        <p className="muted">
          In Zoom, open Reports, Usage, choose the meeting and export the participants list (with meeting data if you like). We
          match people by email, add up each person’s joins, and show you the result before anything is saved.
        </p>
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="intent" value="zoom" />
          <div className="field">
            <label htmlFor="report">Participant report (CSV file)</label>
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
                {errors.report}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="pasted">Or paste the report’s text</label>
            <textarea id="pasted" name="pasted" rows={4} />
          </div>
          <button type="submit" className="secondary">
            Read the report
          </button>
        </Form>
      </section>

      <section aria-labelledby="details-heading" className="card">
        <h2 id="details-heading">Session details</h2>
        <SessionForm
          intent="details"
          submitLabel="Save details"
          values={d.session.form}
          errors={a?.intent === 'details' ? errors : {}}
          competencies={d.competencies}
        />
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Changes</h2>
        {d.history.length ? (
          <TableWrap label="Changes">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Trainee</th>
                  <th scope="col">Change</th>
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
          <p>No changes yet.</p>
        )}
      </section>
    </div>
  );
}
