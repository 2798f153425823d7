import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { StepChart } from '~/components/charts';
import { GroupManageLinks } from '~/components/group-manage-links';
import { describeSettings, GroupQuizSettingsForm } from '~/components/group-quiz-settings';
import { ReadinessChart } from '~/components/practice-readiness';
import { TableWrap } from '~/components/table-wrap';
import { EXAM_STATUS_LABEL, type ExamStatus, sortAndFilter } from '~/domain/dashboard';
import { formatHours, percentOf } from '~/domain/hours';
import { FEEDBACK_POLICIES, REVIEW_POLICIES } from '~/domain/quiz-policy';
import { formatDuration, formatMinutes } from '~/domain/time-on-task';
import { courseFromSearch, requireCohort } from '~/guards/trainer.server';
import { isLocale, LOCALE_NAMES } from '~/i18n/locales';
import { db } from '~/infra/db.server';
import { formatJoinCode, getCohortQuizSettings, listCohortSettingsHistory, saveCohortQuizSettings } from '~/models/cohort.server';
import { cohortDashboard, cohortProgressTrend } from '~/models/dashboard.server';
import { cohortReadinessView } from '~/models/practice.server';
import { cohortHours } from '~/models/training-record.server';
import { calendarDay, pacificDateTime } from '~/web/dates';
import { parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(`${data?.cohort.name ?? 'Group'} · Peer Academy`);

const searchSchema = () =>
  z.object({
    sort: z.enum(['name', 'progress', 'time', 'exam', 'activity']).catch('name'),
    dir: z.enum(['asc', 'desc']).catch('asc'),
    exam: z.enum(['locked', 'unlocked', 'in-progress', 'awaiting-grading', 'passed', 'not-yet']).optional().catch(undefined),
    q: z.string().max(100).optional().catch(undefined),
  });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohort(request, params);
  const course = await courseFromSearch(request);
  const search = searchSchema().parse(Object.fromEntries(new URL(request.url).searchParams));
  const units = course.units.map((u) => ({ slug: u.meta.slug, title: u.meta.title, minutes: u.meta.minutes }));
  const [rows, quizSettings, history, trend, hours] = await Promise.all([
    cohortDashboard(db(), cohort.id, { slug: course.course.slug, units }),
    getCohortQuizSettings(db(), cohort.id),
    listCohortSettingsHistory(db(), cohort.id),
    cohortProgressTrend(db(), cohort.id, course.course.slug),
    cohortHours(db(), cohort.id, course),
  ]);
  const required = course.course.completion ? Math.round(course.course.completion.requiredHours * 60) : null;
  const shown = sortAndFilter(rows, {
    sort: search.sort,
    dir: search.dir,
    exam: search.exam as ExamStatus | undefined,
    q: search.q,
  });
  return json({
    cohort: {
      id: cohort.id,
      name: cohort.name,
      startsOn: cohort.starts_on,
      endsOn: cohort.ends_on,
      joinCode: formatJoinCode(cohort.join_code),
      archived: cohort.archived_at !== null,
      language: isLocale(cohort.locale) ? LOCALE_NAMES[cohort.locale] : null,
    },
    course: { slug: course.course.slug, title: course.course.title },
    // Practice readiness of the group (ADR 027); requireCohort checked scope.
    practice: course.exam ? await cohortReadinessView(db(), cohort.id, { slug: course.course.slug, exam: course.exam }) : null,
    units: units.map((u, i) => ({ slug: u.slug, title: u.title, short: `U${i + 1}` })),
    search,
    total: rows.length,
    rows: shown.map((r) => ({
      ...r,
      lastActivityText: r.lastActivity ? pacificDateTime(r.lastActivity) : 'No activity yet',
      spentText: formatDuration(r.secondsSpent),
      plannedText: formatMinutes(r.plannedMinutesCompleted),
      cells: r.cells.map((c) => ({ ...c, spentText: formatDuration(c.seconds) })),
      hours: hoursCell(hours.get(r.userId), required),
    })),
    trend: trend.map((p) => ({ ...p, dayText: calendarDay(p.day) })),
    requiredText: required === null ? null : formatHours(required),
    quizSettings,
    courseRules: course.course.rules,
    settingsSaved: new URL(request.url).searchParams.get('saved') === 'quiz-settings',
    history: history.map((h) => ({
      id: h.id,
      when: pacificDateTime(h.at),
      actor: h.actor,
      before: describeSettings(h.before),
      after: describeSettings(h.after),
    })),
  });
}

function hoursCell(
  h: { ledger: { liveMinutes: number; selfPacedMinutes: number; totalMinutes: number }; completedAt: number | null } | undefined,
  required: number | null,
) {
  const l = h?.ledger ?? { liveMinutes: 0, selfPacedMinutes: 0, totalMinutes: 0 };
  return {
    totalText: formatHours(l.totalMinutes),
    liveText: formatHours(l.liveMinutes),
    selfPacedText: formatHours(l.selfPacedMinutes),
    percent: required === null ? null : percentOf(l.totalMinutes, required),
    completed: h?.completedAt ? pacificDateTime(h.completedAt) : null,
  };
}

const whole = (max: number, what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d*$/, `Enter a whole number of ${what}, or leave it empty.`)
    .transform((v) => (v === '' ? undefined : Number(v)))
    .pipe(z.number().max(max, `Use at most ${max} ${what}.`).optional());

const settingsSchema = () =>
  z.object({
    intent: z.literal('quiz-settings'),
    attemptLimit: whole(100, 'attempts'),
    waitMinutes: whole(10_080, 'minutes (one week)'),
    review: z.union([z.literal(''), z.enum(REVIEW_POLICIES)], { message: 'Choose one of the listed options.' }),
    feedback: z.union([z.literal(''), z.enum(FEEDBACK_POLICIES)], { message: 'Choose one of the listed options.' }),
  });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohort(request, params);
  const form = await readForm(request);
  const parsed = parseForm(form, settingsSchema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const d = parsed.data;
  await saveCohortQuizSettings(db(), {
    cohortId: cohort.id,
    actorId: user.id,
    settings: {
      ...(d.attemptLimit !== undefined ? { quizAttemptLimit: d.attemptLimit === 0 ? null : d.attemptLimit } : {}),
      ...(d.waitMinutes !== undefined ? { quizWaitMinutes: d.waitMinutes } : {}),
      ...(d.review ? { quizReview: d.review } : {}),
      ...(d.feedback ? { quizFeedback: d.feedback } : {}),
    },
  });
  const url = new URL(request.url);
  url.searchParams.set('saved', 'quiz-settings');
  return redirect(`${url.pathname}${url.search}#quiz-settings-heading`);
}

const CELL = { complete: '✓', started: '…', 'not-started': '–' } as const;
const CELL_LABEL = { complete: 'complete', started: 'in progress', 'not-started': 'not started' } as const;

export default function CohortDashboard() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const exportQuery = `?course=${d.course.slug}`;
  return (
    <div className="wide">
      <p className="muted">
        <Link to="/trainer">Your training groups</Link>
      </p>
      <h1>{d.cohort.name}</h1>
      <p>
        {d.cohort.startsOn} to {d.cohort.endsOn} · {d.course.title} ·{' '}
        {d.cohort.language ? `Language: ${d.cohort.language}` : 'Language: not set'}
      </p>
      <p className="notice">
        Join code: <code>{d.cohort.joinCode}</code>. Trainees enter it when they sign up, or on their account page.
      </p>
      <GroupManageLinks cohortId={d.cohort.id} archived={d.cohort.archived} />
      <h2>Progress ({d.total} trainees)</h2>
      <Form method="get" className="inline-form filters">
        <input type="hidden" name="course" value={d.course.slug} />
        <div>
          <label htmlFor="q">Search by name or email</label>
          <input id="q" name="q" type="text" defaultValue={d.search.q ?? ''} />
        </div>
        <div>
          <label htmlFor="exam">Exam status</label>
          <select id="exam" name="exam" defaultValue={d.search.exam ?? ''}>
            <option value="">Any</option>
            {Object.entries(EXAM_STATUS_LABEL).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="sort">Sort by</label>
          <select id="sort" name="sort" defaultValue={d.search.sort}>
            <option value="name">Name</option>
            <option value="progress">Units complete</option>
            <option value="time">Time spent in units</option>
            <option value="exam">Exam status</option>
            <option value="activity">Last activity</option>
          </select>
        </div>
        <div>
          <label htmlFor="dir">Order</label>
          <select id="dir" name="dir" defaultValue={d.search.dir}>
            <option value="asc">Ascending</option>
            <option value="desc">Descending</option>
          </select>
        </div>
        <button type="submit" className="secondary">
          Show
        </button>
      </Form>
      <p>
        <Link to={`/trainer/cohorts/${d.cohort.id}/sessions${exportQuery}`}>Live sessions and attendance</Link>
      </p>
      <p>
        Download: <a href={`/trainer/cohorts/${d.cohort.id}/progress.csv${exportQuery}`}>progress matrix (CSV)</a> ·{' '}
        <a href={`/trainer/cohorts/${d.cohort.id}/exam-results.csv${exportQuery}`}>exam results (CSV)</a>
      </p>
      <p className="muted">
        ✓ complete, … in progress, – not started; the number is the best quiz score, and below it the time spent in the unit
        (measured while the unit was open and in use). Planned time is what the completed units are written to take. Unit key:{' '}
        {d.units.map((u) => `${u.short} ${u.title}`).join('; ')}.
      </p>
      {d.rows.length ? (
        <TableWrap label="Progress matrix">
          <table className="matrix">
            <caption className="visually-hidden">Trainees by unit</caption>
            <thead>
              <tr>
                <th scope="col">Trainee</th>
                {d.units.map((u) => (
                  <th scope="col" key={u.slug}>
                    <abbr title={u.title}>{u.short}</abbr>
                  </th>
                ))}
                <th scope="col">Units</th>
                <th scope="col">Time spent in units</th>
                <th scope="col">Planned time of completed units</th>
                <th scope="col">Training hours{d.requiredText ? ` (of ${d.requiredText})` : ''}</th>
                <th scope="col">Exam</th>
                <th scope="col">Last activity</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.userId}>
                  <th scope="row">
                    <Link to={`/trainer/trainees/${r.userId}`}>{r.name}</Link>
                  </th>
                  {r.cells.map((c, i) => (
                    <td
                      key={c.unit}
                      aria-label={`${d.units[i].title}: ${CELL_LABEL[c.status]}${c.best !== null ? `, best ${c.best}%` : ''}, time spent ${c.spentText}`}
                    >
                      {CELL[c.status]}
                      {c.best !== null ? ` ${Math.round(c.best)}` : ''}
                      {c.seconds > 0 ? <span className="cell-time">{c.spentText}</span> : null}
                    </td>
                  ))}
                  <td>
                    {r.complete}/{d.units.length}
                  </td>
                  <td>{r.spentText}</td>
                  <td>{r.plannedText}</td>
                  <td>
                    {r.hours.totalText}
                    {r.hours.percent !== null ? ` (${r.hours.percent}%)` : ''}
                    <span className="cell-time">
                      live {r.hours.liveText}, self-paced {r.hours.selfPacedText}
                    </span>
                    {r.hours.completed ? <span className="cell-time">Completed {r.hours.completed}</span> : null}
                  </td>
                  <td>
                    {EXAM_STATUS_LABEL[r.exam]}
                    {r.examPercent !== null ? ` (${r.examPercent}%)` : ''}
                  </td>
                  <td>{r.lastActivityText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>No trainees match.</p>
      )}
      {d.trend.length > 1 ? (
        <StepChart
          title="Units completed over time"
          summary={`On average each trainee has completed ${d.trend[d.trend.length - 1].perTrainee} of ${d.units.length} units (${d.trend[d.trend.length - 1].completed} unit completions in the group, the latest on ${d.trend[d.trend.length - 1].dayText}).`}
          series={[{ name: 'Average units', points: d.trend.map((p) => ({ x: p.day, y: p.perTrainee })) }]}
          xLabel={(x) => d.trend.find((p) => p.day === x)?.dayText ?? ''}
          yLabel="Units per trainee"
          yMax={d.units.length}
          columns={['Day', 'Unit completions so far', 'Average per trainee']}
          rows={d.trend.slice(1).map((p) => ({ label: p.dayText, values: [String(p.completed), String(p.perTrainee)] }))}
        />
      ) : null}
      <GroupQuizSettingsForm
        settings={d.quizSettings}
        course={d.courseRules}
        errors={actionData?.errors ?? {}}
        values={actionData?.values ?? null}
        saved={d.settingsSaved && !actionData}
        history={d.history}
      />
      {d.practice ? (
        <section aria-labelledby="practice-heading">
          <h2 id="practice-heading">Practice questions: where the group stands</h2>
          <p className="muted">
            One estimate per content area over every answer of the group's {d.practice.members} trainees (practice sets and
            practice exams). Areas below 70% are marked to revisit together. Practice only: not a prediction of the certification
            exam.
          </p>
          <ReadinessChart rows={d.practice.areas} label="Group practice estimate by content area" group />
        </section>
      ) : null}
    </div>
  );
}
