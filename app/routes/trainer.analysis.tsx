import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Histogram, ScatterChart } from '~/components/charts';
import { TableWrap } from '~/components/table-wrap';
import { courseEdition } from '~/content/editions.server';
import { optionsOf } from '~/domain/quiz';
import { testStatistics } from '~/domain/statistics';
import { requireRole } from '~/guards/auth.server';
import { courseFromSearch } from '~/guards/trainer.server';
import { db } from '~/infra/db.server';
import { type AnalysisFigures, examStatistics, quizStatistics } from '~/models/analysis.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta('Question analysis · Peer Academy', 'Which practice exam and quiz questions work, and which need a second look.');

const FLAG_TEXT = {
  'too-hard': 'Very few answer well (under 20%)',
  'too-easy': 'Almost everyone answers well (over 95%)',
  'low-discrimination': 'Does not separate stronger from weaker (under 0.15)',
  'negative-discrimination': 'Stronger trainees do worse on it: check the key',
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['trainer']);
  const course = await courseFromSearch(request);
  const sp = new URL(request.url).searchParams;
  const forms = course.exam?.definition.forms ?? [];
  const sources = [
    ...forms.map((f) => ({ value: `exam:${f.id}`, label: `Practice exam: ${f.title}` })),
    ...course.units.filter((u) => u.quiz).map((u) => ({ value: `quiz:${u.meta.slug}`, label: `Unit quiz: ${u.meta.title}` })),
  ];
  const source = z
    .string()
    .refine((v) => sources.some((s) => s.value === v))
    .catch(sources[0]?.value ?? '')
    .parse(sp.get('source') ?? '');
  const which = z.enum(['first', 'all']).catch('first').parse(sp.get('attempts'));
  const [kind, id] = source.split(':');
  // Per edition (language) or combined by item id: every edition shares the ids and the key.
  const editions = ['en', ...Object.keys(course.editions)];
  const edition = z
    .string()
    .refine((v) => editions.includes(v))
    .nullable()
    .catch(null)
    .parse(sp.get('edition') || null);
  // The questions' text in the edition asked for (English for the combined figures).
  const shown = courseEdition(course, edition ?? 'en');

  // What each item and option says, for the table.
  const text = new Map<string, { prompt: string; area: string; options: Map<string, string> }>();
  let figures: AnalysisFigures = { items: [], test: testStatistics([]), distribution: [] };
  if (kind === 'exam' && shown.exam) {
    for (const it of shown.exam.items)
      text.set(it.id, { prompt: it.prompt, area: it.area, options: new Map(it.options.map((o) => [o.id, o.text])) });
    for (const s of shown.exam.scenarios) text.set(s.id, { prompt: s.prompt, area: s.area, options: new Map() });
    figures = await examStatistics(db(), user, { courseSlug: course.course.slug, formId: id, which, edition });
  } else if (kind === 'quiz') {
    const unit = shown.units.find((u) => u.meta.slug === id);
    for (const q of unit?.quiz?.questions ?? [])
      text.set(q.id, { prompt: q.prompt, area: '', options: new Map(optionsOf(q).map((o) => [o.id, o.text])) });
    figures = await quizStatistics(db(), user, { courseSlug: course.course.slug, unitSlug: id, which, edition });
  }
  const areaTitle = new Map((shown.exam?.definition.areas ?? []).map((a) => [a.id, a.title]));
  const items = figures.items.map((s) => {
    const t = text.get(s.itemId);
    return {
      ...s,
      prompt: t ? (t.prompt.length > 140 ? `${t.prompt.slice(0, 140)}…` : t.prompt) : '(no longer in the course)',
      area: t?.area ? (areaTitle.get(t.area) ?? t.area) : '',
      options: s.options.map((o) => ({
        ...o,
        label:
          o.option === '(no answer)'
            ? 'No answer'
            : o.option
                .split(',')
                .map((x) => t?.options.get(x) ?? x)
                .join(' + '),
      })),
      flags: s.flags.map((f) => FLAG_TEXT[f]),
    };
  });
  const passPercent =
    kind === 'exam'
      ? (course.exam?.definition.passPercent ?? null)
      : (course.units.find((u) => u.meta.slug === id)?.quiz?.passPercent ?? null);
  return json({
    course: { slug: course.course.slug },
    sources,
    source,
    which,
    editions: editions.map((e) => ({ value: e, label: EDITION_NAMES[e] ?? e })),
    edition: edition ?? '',
    test: figures.test,
    distribution: figures.distribution,
    passPercent,
    items,
  });
}

// NOTE: until the message catalogues hold language names, the editions this course has are named here.
const EDITION_NAMES: Record<string, string> = { en: 'English edition only', es: 'Spanish edition only' };

const fmt = (v: number | null, suffix = '%') => (v === null ? '–' : `${v}${suffix}`);

/** A small bar beside each answer's count: its share of the item's responses. Decorative (the count is the text). */
function MiniBar({ count, total }: { count: number; total: number }) {
  const w = total > 0 ? Math.round((count / total) * 80) : 0;
  return (
    <svg className="mini-bar" width="80" height="10" viewBox="0 0 80 10" aria-hidden="true" focusable="false">
      <rect className="track" x="0" y="1" width="80" height="8" />
      <rect x="0" y="1" width={w} height="8" />
    </svg>
  );
}

export default function Analysis() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="wide">
      <p className="muted">
        <Link to="/trainer">Trainer</Link>
      </p>
      <h1>Question analysis</h1>
      <p>
        How each question performs for trainees in your groups, using Moodle's quiz statistics. Small numbers of attempts give
        noisy figures: check the number of responses.
      </p>
      <Form method="get" className="inline-form filters">
        <input type="hidden" name="course" value={d.course.slug} />
        <div>
          <label htmlFor="source">Questions from</label>
          <select id="source" name="source" defaultValue={d.source}>
            {d.sources.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="attempts">Attempts</label>
          <select id="attempts" name="attempts" defaultValue={d.which}>
            <option value="first">First attempt of each trainee</option>
            <option value="all">All attempts</option>
          </select>
        </div>
        <div>
          <label htmlFor="edition">Language</label>
          <select id="edition" name="edition" defaultValue={d.edition}>
            <option value="">All languages, combined by question</option>
            {d.editions.map((e) => (
              <option key={e.value} value={e.value}>
                {e.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          Show
        </button>
      </Form>
      <section aria-labelledby="test-heading" className="card">
        <h2 id="test-heading">The whole test</h2>
        <dl className="stats">
          <dt>Attempts</dt>
          <dd>{d.test.attempts}</dd>
          <dt>Mean score</dt>
          <dd>{fmt(d.test.mean)}</dd>
          <dt>Median score</dt>
          <dd>{fmt(d.test.median)}</dd>
          <dt>Standard deviation</dt>
          <dd>{fmt(d.test.sd)}</dd>
          <dt>Cronbach's alpha</dt>
          <dd>{d.test.alpha === null ? '–' : d.test.alpha}</dd>
          <dt>Standard error</dt>
          <dd>{fmt(d.test.sem)}</dd>
        </dl>
      </section>
      {d.test.attempts > 0 ? (
        <Histogram
          title="Scores of the attempts"
          summary={`${d.test.attempts === 1 ? '1 attempt' : `${d.test.attempts} attempts`}; median ${fmt(d.test.median)}${d.passPercent === null ? '' : `; ${d.distribution.filter((b) => b.from >= (d.passPercent ?? 0)).reduce((n, b) => n + b.count, 0)} scored in the bands at or above the ${d.passPercent}% pass mark`}.`}
          bins={d.distribution}
          xLabel="Score (%)"
          marker={d.passPercent === null ? undefined : { value: d.passPercent, label: `Pass mark ${d.passPercent}%` }}
          binLabel={(b) => `${b.from}% to ${b.to}%${b.to === 100 ? ' (100% included)' : ''}`}
          columns={['Score', 'Attempts']}
        />
      ) : null}
      {d.items.some((i) => i.facility !== null && i.discrimination !== null) ? (
        <ScatterChart
          title="Facility and discrimination of each question"
          summary={`${d.items.filter((i) => i.flags.length).length} of ${d.items.length} questions need a second look (diamonds, numbered as in the table). Shaded bands: too hard (under 20%), too easy (over 95%), or not separating stronger from weaker trainees (discrimination under 15%).`}
          points={d.items
            .map((i, n) => ({ i, n }))
            .filter(({ i }) => i.facility !== null && i.discrimination !== null)
            .map(({ i, n }) => ({
              id: i.itemId,
              label: String(n + 1),
              x: i.facility ?? 0,
              y: i.discrimination ?? 0,
              flagged: i.flags.length > 0,
            }))}
          x={{
            label: 'Facility (% answering well)',
            domain: [0, 100],
            bands: [
              [0, 20],
              [95, 100],
            ],
          }}
          y={{ label: 'Discrimination (%)', domain: [-100, 100], bands: [[-100, 15]] }}
          columns={['Question', 'Facility', 'Discrimination', 'Needs a look']}
          format={(v) => `${v}%`}
        />
      ) : null}
      {d.items.length ? (
        <TableWrap label="Question statistics">
          <table>
            <caption className="visually-hidden">Statistics per question</caption>
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Responses</th>
                <th scope="col">Facility</th>
                <th scope="col">SD</th>
                <th scope="col">Discrimination</th>
                <th scope="col">Discriminative efficiency</th>
                <th scope="col">Answers chosen</th>
                <th scope="col">Flags</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((i, n) => (
                <tr key={i.itemId}>
                  <th scope="row">
                    <span className="muted">
                      {n + 1}. {i.itemId}
                      {i.area ? ` · ${i.area}` : ''}
                    </span>
                    <br />
                    <span className="item-prompt">{i.prompt}</span>
                  </th>
                  <td>{i.n}</td>
                  <td>{fmt(i.facility)}</td>
                  <td>{fmt(i.sd)}</td>
                  <td>{fmt(i.discrimination)}</td>
                  <td>{fmt(i.discriminativeEfficiency)}</td>
                  <td>
                    <ul className="plain">
                      {i.options.map((o) => (
                        <li key={o.option}>
                          <MiniBar count={o.count} total={i.n} />
                          {o.count}: {o.label}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {i.flags.length ? (
                      <ul className="plain">
                        {i.flags.map((f) => (
                          <li key={f}>{f}</li>
                        ))}
                      </ul>
                    ) : (
                      'None'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>No attempts to analyse yet.</p>
      )}
    </div>
  );
}
