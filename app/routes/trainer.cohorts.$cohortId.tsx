import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { StepChart } from '~/components/charts';
import { GroupManageLinks } from '~/components/group-manage-links';
import { GroupQuizSettingsForm } from '~/components/group-quiz-settings';
import { ReadinessChart } from '~/components/practice-readiness';
import { TableWrap } from '~/components/table-wrap';
import { EXAM_STATUS_LABEL, type ExamStatus, sortAndFilter } from '~/domain/dashboard';
import { formatHours, percentOf } from '~/domain/hours';
import { FEEDBACK_POLICIES, REVIEW_POLICIES } from '~/domain/quiz-policy';
import { formatDuration, formatMinutes } from '~/domain/time-on-task';
import { courseFromSearch, requireCohort } from '~/guards/trainer.server';
import type { MessageId } from '~/i18n/catalogues';
import { requestLocale } from '~/i18n/locale.server';
import { isLocale, LOCALE_NAMES, type Locale } from '~/i18n/locales';
import { i18nMeta, metaT } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { formatJoinCode, getCohortQuizSettings, listCohortSettingsHistory, saveCohortQuizSettings } from '~/models/cohort.server';
import { cohortDashboard, cohortProgressTrend } from '~/models/dashboard.server';
import { cohortReadinessView } from '~/models/practice.server';
import { cohortHours } from '~/models/training-record.server';
import { calendarDay, pacificDateTime } from '~/web/dates';
import { parseForm, readForm } from '~/web/forms.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  i18nMeta(matches, 'trainer.group.title', undefined, {
    name: data?.cohort.name ?? metaT(matches)('trainer.group.fallbackTitle'),
  });

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
  const locale = await requestLocale(request);
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
      lastActivityText: r.lastActivity ? pacificDateTime(r.lastActivity, locale) : null,
      spentText: formatDuration(r.secondsSpent),
      plannedText: formatMinutes(r.plannedMinutesCompleted),
      cells: r.cells.map((c) => ({ ...c, spentText: formatDuration(c.seconds) })),
      hours: hoursCell(hours.get(r.userId), required, locale),
    })),
    trend: trend.map((p) => ({ ...p, dayText: calendarDay(p.day, locale) })),
    requiredText: required === null ? null : formatHours(required),
    quizSettings,
    courseRules: course.course.rules,
    settingsSaved: new URL(request.url).searchParams.get('saved') === 'quiz-settings',
    history: history.map((h) => ({
      id: h.id,
      when: pacificDateTime(h.at, locale),
      actor: h.actor,
      before: h.before,
      after: h.after,
    })),
  });
}

function hoursCell(
  h: { ledger: { liveMinutes: number; selfPacedMinutes: number; totalMinutes: number }; completedAt: number | null } | undefined,
  required: number | null,
  locale: Locale,
) {
  const l = h?.ledger ?? { liveMinutes: 0, selfPacedMinutes: 0, totalMinutes: 0 };
  return {
    totalText: formatHours(l.totalMinutes),
    liveText: formatHours(l.liveMinutes),
    selfPacedText: formatHours(l.selfPacedMinutes),
    percent: required === null ? null : percentOf(l.totalMinutes, required),
    completed: h?.completedAt ? pacificDateTime(h.completedAt, locale) : null,
  };
}

const whole = (max: number, wholeError: MessageId, maxError: MessageId) =>
  z
    .string()
    .trim()
    .regex(/^\d*$/, wholeError)
    .transform((v) => (v === '' ? undefined : Number(v)))
    .pipe(z.number().max(max, maxError).optional());

const settingsSchema = () =>
  z.object({
    intent: z.literal('quiz-settings'),
    attemptLimit: whole(100, 'trainer.quizSettings.error.attemptsWhole', 'trainer.quizSettings.error.attemptsMax'),
    waitMinutes: whole(10_080, 'trainer.quizSettings.error.minutesWhole', 'trainer.quizSettings.error.minutesMax'),
    review: z.union([z.literal(''), z.enum(REVIEW_POLICIES)], { message: 'trainer.quizSettings.error.choose' }),
    feedback: z.union([z.literal(''), z.enum(FEEDBACK_POLICIES)], { message: 'trainer.quizSettings.error.choose' }),
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
const CELL_LABEL = {
  complete: 'trainer.group.cell.complete',
  started: 'trainer.group.cell.started',
  'not-started': 'trainer.group.cell.notStarted',
} as const satisfies Record<string, MessageId>;

export default function CohortDashboard() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const last = d.trend[d.trend.length - 1];
  const exportQuery = `?course=${d.course.slug}`;
  return (
    <div className="wide">
      <p className="muted">
        <Link to="/trainer">{t('trainer.group.back')}</Link>
      </p>
      <h1>{d.cohort.name}</h1>
      <p>
        {t('trainer.group.dates', { startsOn: d.cohort.startsOn, endsOn: d.cohort.endsOn, course: d.course.title })} ·{' '}
        {d.cohort.language ? t('trainer.group.language', { language: d.cohort.language }) : t('trainer.group.languageNotSet')}
      </p>
      <p className="notice">{t('trainer.group.joinCode', { code: d.cohort.joinCode, c: (chunks) => <code>{chunks}</code> })}</p>
      <GroupManageLinks cohortId={d.cohort.id} archived={d.cohort.archived} />
      <h2>{t('trainer.group.progress', { count: d.total })}</h2>
      <Form method="get" className="inline-form filters">
        <input type="hidden" name="course" value={d.course.slug} />
        <div>
          <label htmlFor="q">{t('trainer.group.search')}</label>
          <input id="q" name="q" type="text" defaultValue={d.search.q ?? ''} />
        </div>
        <div>
          <label htmlFor="exam">{t('trainer.group.examStatus')}</label>
          <select id="exam" name="exam" defaultValue={d.search.exam ?? ''}>
            <option value="">{t('trainer.group.any')}</option>
            {Object.entries(EXAM_STATUS_LABEL).map(([k, v]) => (
              <option key={k} value={k}>
                {t(v)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="sort">{t('trainer.group.sortBy')}</label>
          <select id="sort" name="sort" defaultValue={d.search.sort}>
            <option value="name">{t('trainer.group.sort.name')}</option>
            <option value="progress">{t('trainer.group.sort.progress')}</option>
            <option value="time">{t('trainer.group.sort.time')}</option>
            <option value="exam">{t('trainer.group.examStatus')}</option>
            <option value="activity">{t('trainer.group.sort.activity')}</option>
          </select>
        </div>
        <div>
          <label htmlFor="dir">{t('trainer.group.order')}</label>
          <select id="dir" name="dir" defaultValue={d.search.dir}>
            <option value="asc">{t('trainer.group.asc')}</option>
            <option value="desc">{t('trainer.group.desc')}</option>
          </select>
        </div>
        <button type="submit" className="secondary">
          {t('trainer.group.show')}
        </button>
      </Form>
      <p>
        <Link to={`/trainer/cohorts/${d.cohort.id}/sessions${exportQuery}`}>{t('trainer.group.sessions')}</Link>
      </p>
      <p>
        {t('trainer.group.download', {
          progress: (chunks) => <a href={`/trainer/cohorts/${d.cohort.id}/progress.csv${exportQuery}`}>{chunks}</a>,
          exam: (chunks) => <a href={`/trainer/cohorts/${d.cohort.id}/exam-results.csv${exportQuery}`}>{chunks}</a>,
        })}
      </p>
      <p className="muted">{t('trainer.group.key', { units: d.units.map((u) => `${u.short} ${u.title}`).join('; ') })}</p>
      {d.rows.length ? (
        <TableWrap label={t('trainer.group.matrix')}>
          <table className="matrix">
            <caption className="visually-hidden">{t('trainer.group.matrixCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trainer.group.col.trainee')}</th>
                {d.units.map((u) => (
                  <th scope="col" key={u.slug}>
                    <abbr title={u.title}>{u.short}</abbr>
                  </th>
                ))}
                <th scope="col">{t('trainer.group.col.units')}</th>
                <th scope="col">{t('trainer.group.sort.time')}</th>
                <th scope="col">{t('trainer.group.col.planned')}</th>
                <th scope="col">
                  {d.requiredText ? t('trainer.group.col.hoursOf', { required: d.requiredText }) : t('trainer.group.col.hours')}
                </th>
                <th scope="col">{t('trainer.group.col.exam')}</th>
                <th scope="col">{t('trainer.group.sort.activity')}</th>
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
                      aria-label={t('trainer.group.cellLabel', {
                        unit: d.units[i].title,
                        status: t(CELL_LABEL[c.status]),
                        hasBest: c.best !== null ? 'yes' : 'no',
                        best: String(c.best),
                        spent: c.spentText,
                      })}
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
                      {t('trainer.group.liveSelfPaced', { live: r.hours.liveText, selfPaced: r.hours.selfPacedText })}
                    </span>
                    {r.hours.completed ? (
                      <span className="cell-time">{t('trainer.group.completed', { date: r.hours.completed })}</span>
                    ) : null}
                  </td>
                  <td>
                    {t(EXAM_STATUS_LABEL[r.exam])}
                    {r.examPercent !== null ? ` (${r.examPercent}%)` : ''}
                  </td>
                  <td>{r.lastActivityText ?? t('trainer.group.noActivity')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>{t('trainer.group.noMatch')}</p>
      )}
      {d.trend.length > 1 ? (
        <StepChart
          title={t('trainer.group.trend.title')}
          summary={t('trainer.group.trend.summary', {
            perTrainee: last.perTrainee,
            units: d.units.length,
            completed: last.completed,
            day: last.dayText,
          })}
          series={[{ name: t('trainer.group.trend.series'), points: d.trend.map((p) => ({ x: p.day, y: p.perTrainee })) }]}
          xLabel={(x) => d.trend.find((p) => p.day === x)?.dayText ?? ''}
          yLabel={t('trainer.group.trend.yLabel')}
          yMax={d.units.length}
          columns={[t('trainer.group.trend.day'), t('trainer.group.trend.soFar'), t('trainer.group.trend.average')]}
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
          <h2 id="practice-heading">{t('trainer.group.practice.heading')}</h2>
          <p className="muted">{t('trainer.group.practice.intro', { members: d.practice.members })}</p>
          <ReadinessChart rows={d.practice.areas} label={t('trainer.group.practice.chart')} group />
        </section>
      ) : null}
    </div>
  );
}
