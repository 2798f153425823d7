import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requireCourse } from '~/content/content.server';
import { BANK_MULTIPLE, bankCoverage, bankQuality, formatBankQuality } from '~/content/quiz-quality';
import { inExamPool } from '~/domain/exam';
import { requireRole } from '~/guards/auth.server';
import { parseParams, slug } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(
    `Exam bank: ${data?.area.title ?? 'areas'} · Peer Academy`,
    'The practice exam item bank for one content area, for authors.',
  );

const paramsSchema = () => z.object({ course: slug });
const searchSchema = () => z.object({ area: slug.optional() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  const search = parseParams(Object.fromEntries(new URL(request.url).searchParams), searchSchema);
  const course = await requireCourse(p.course);
  const exam = course.exam;
  if (!exam) throw new Response('This course has no practice exam.', { status: 404 });
  const areas = exam.definition.areas;
  const area = search.area ? areas.find((a) => a.id === search.area) : areas[0];
  if (!area) throw new Response('That content area is not part of this exam.', { status: 404 });
  // The exam's pool: practice-only items never reach a form (ADR 027).
  const coverage = bankCoverage(exam.definition, exam.items.filter(inExamPool));
  // Items with answers and scenario rubrics: for authors only.
  return json({
    course: { slug: course.course.slug, title: course.course.title },
    areas: areas.map((a, i) => ({
      id: a.id,
      title: a.title,
      items: coverage[i].items,
      needed: coverage[i].needed,
      ratio: coverage[i].ratio,
      scenarios: exam.scenarios.filter((s) => s.area === a.id).length,
      draws: exam.definition.forms.map((f) => ({ form: f.title, n: f.blueprint[a.id] ?? 0 })),
    })),
    multiple: BANK_MULTIPLE,
    // The same figures as `content:check`, from the same functions.
    figures: {
      area: formatBankQuality(bankQuality(exam.items.filter((i) => i.area === area.id))),
      bank: formatBankQuality(bankQuality(exam.items)),
    },
    area: { id: area.id, title: area.title, units: area.units },
    items: exam.items.filter((i) => i.area === area.id),
    scenarios: exam.scenarios.filter((s) => s.area === area.id),
  });
}

export default function AuthorExamBank() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="wide">
      <nav aria-label="Author studio" className="studio-nav">
        <Link to="/author">Content overview</Link>
      </nav>
      <h1>Practice exam bank: {data.area.title}</h1>
      <p className="muted">{data.course.title}. Items and rubrics are edited in the files under exam/ (see the author guide).</p>
      <nav aria-label="Content areas">
        <ul className="area-list">
          {data.areas.map((a) => (
            <li key={a.id}>
              <Link to={`?area=${a.id}`} aria-current={a.id === data.area.id ? 'page' : undefined}>
                {a.title}
              </Link>{' '}
              <span className="muted">
                ({a.items} items, {a.scenarios === 1 ? '1 scenario' : `${a.scenarios} scenarios`};{' '}
                {a.draws.map((d) => `${d.form} draws ${d.n}`).join(', ')}
                {a.ratio === null ? '' : `; ${a.ratio.toFixed(1)} times the largest draw`})
              </span>
              {a.ratio !== null && a.items < a.needed ? (
                <strong>
                  {' '}
                  Needs at least {a.needed} items ({data.multiple} times the largest draw).
                </strong>
              ) : null}
            </li>
          ))}
        </ul>
      </nav>
      {data.area.units.length ? <p>Taught in units: {data.area.units.join(', ')}.</p> : null}

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading">What a guessing habit could earn</h2>
        <dl>
          <dt>{data.area.title}</dt>
          <dd>{data.figures.area}</dd>
          <dt>Whole bank</dt>
          <dd>{data.figures.bank}</dd>
        </dl>
        <p className="muted">
          Warnings about these figures are listed by <code>npm run content:check</code> (see the author guide).
        </p>
      </section>

      <section aria-labelledby="items-heading">
        <h2 id="items-heading">Multiple-choice items ({data.items.length})</h2>
        {data.items.length ? (
          <ol className="answer-key">
            {data.items.map((item) => (
              <li key={item.id} className="card">
                <h3>{item.prompt}</h3>
                <p className="muted">
                  id <code>{item.id}</code> ·{' '}
                  {item.use === 'practice'
                    ? 'practice sets only'
                    : item.use === 'exam'
                      ? 'practice exam only'
                      : 'practice and exam'}{' '}
                  · competencies: {item.competencies.join(', ')}
                </p>
                <ul>
                  {item.options.map((o) => (
                    <li key={o.id} className={o.id === item.answer ? 'correct-option' : undefined}>
                      {o.id}. {o.text}
                      {o.id === item.answer ? <strong> (correct)</strong> : null}
                    </li>
                  ))}
                </ul>
                <p>
                  <strong>Why: </strong>
                  {item.rationale}
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p>No items in this area yet.</p>
        )}
      </section>

      <section aria-labelledby="scenarios-heading">
        <h2 id="scenarios-heading">Scenario questions ({data.scenarios.length})</h2>
        {data.scenarios.length ? (
          data.scenarios.map((s) => (
            <article key={s.id} className="card" aria-labelledby={`scn-${s.id}`}>
              <h3 id={`scn-${s.id}`}>{s.prompt}</h3>
              <p className="muted">
                id <code>{s.id}</code> · competencies: {s.competencies.join(', ')}
              </p>
              {s.rubric.map((c) => (
                <div key={c.id} className="table-wrap">
                  <table>
                    <caption>
                      Rubric: {c.criterion} (<code>{c.id}</code>)
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Points</th>
                        <th scope="col">What the answer shows</th>
                        <th scope="col">Anchor answer</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.levels.map((l) => (
                        <tr key={l.points}>
                          <td>{l.points}</td>
                          <td>{l.description}</td>
                          <td>{l.anchor ?? <span className="muted">No anchor yet</span>}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ))}
            </article>
          ))
        ) : (
          <p>No scenario questions in this area.</p>
        )}
      </section>
    </div>
  );
}
