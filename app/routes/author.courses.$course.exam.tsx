import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { requireCourse } from '~/content/content.server';
import { BANK_MULTIPLE, bankCoverage, bankQuality, formatBankQuality } from '~/content/quiz-quality';
import { inExamPool } from '~/domain/exam';
import { requireRole } from '~/guards/auth.server';
import { i18nMeta, metaT } from '~/i18n/meta';
import { useFormat, useT } from '~/i18n/react';
import { parseParams, slug } from '~/web/forms.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  i18nMeta(matches, 'author.exam.title', 'author.exam.description', {
    area: data?.area.title ?? metaT(matches)('author.exam.titleAreas'),
  });

const code = (chunks: ReactNode) => <code>{chunks}</code>;

const paramsSchema = () => z.object({ course: slug });
const searchSchema = () => z.object({ area: slug.optional() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  const search = parseParams(Object.fromEntries(new URL(request.url).searchParams), searchSchema);
  const course = await requireCourse(p.course);
  const exam = course.exam;
  if (!exam) throw new Response('author.exam.noExam', { status: 404 });
  const areas = exam.definition.areas;
  const area = search.area ? areas.find((a) => a.id === search.area) : areas[0];
  if (!area) throw new Response('author.exam.noArea', { status: 404 });
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
  const t = useT();
  const format = useFormat();
  return (
    <div className="wide">
      <nav aria-label={t('author.studio.nav')} className="studio-nav">
        <Link to="/author">{t('author.studio.overview')}</Link>
      </nav>
      <h1>{t('author.exam.heading', { area: data.area.title })}</h1>
      <p className="muted">{t('author.exam.intro', { course: data.course.title })}</p>
      <nav aria-label={t('author.exam.areasNav')}>
        <ul className="area-list">
          {data.areas.map((a) => (
            <li key={a.id}>
              <Link to={`?area=${a.id}`} aria-current={a.id === data.area.id ? 'page' : undefined}>
                {a.title}
              </Link>{' '}
              <span className="muted">
                {t('author.exam.areaSummary', {
                  items: a.items,
                  scenarios: a.scenarios,
                  draws: a.draws.map((d) => t('author.exam.draw', { form: d.form, n: d.n })).join(', '),
                  hasRatio: a.ratio === null ? 'no' : 'yes',
                  ratio: a.ratio === null ? '' : format.number(a.ratio, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
                })}
              </span>
              {a.ratio !== null && a.items < a.needed ? (
                <strong> {t('author.exam.needs', { needed: a.needed, multiple: data.multiple })}</strong>
              ) : null}
            </li>
          ))}
        </ul>
      </nav>
      {data.area.units.length ? <p>{t('author.exam.taughtIn', { units: data.area.units.join(', ') })}</p> : null}

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading">{t('author.exam.figuresHeading')}</h2>
        <dl>
          <dt>{data.area.title}</dt>
          <dd>{data.figures.area}</dd>
          <dt>{t('author.exam.wholeBank')}</dt>
          <dd>{data.figures.bank}</dd>
        </dl>
        <p className="muted">{t('author.exam.figuresNote', { code })}</p>
      </section>

      <section aria-labelledby="items-heading">
        <h2 id="items-heading">{t('author.exam.itemsHeading', { count: data.items.length })}</h2>
        {data.items.length ? (
          <ol className="answer-key">
            {data.items.map((item) => (
              <li key={item.id} className="card">
                <h3>{item.prompt}</h3>
                <p className="muted">
                  {t('author.exam.id', { id: item.id, code })} ·{' '}
                  {item.use === 'practice'
                    ? t('author.exam.use.practice')
                    : item.use === 'exam'
                      ? t('author.exam.use.exam')
                      : t('author.exam.use.both')}{' '}
                  · {t('author.exam.competencies', { list: item.competencies.join(', ') })}
                </p>
                <ul>
                  {item.options.map((o) => (
                    <li key={o.id} className={o.id === item.answer ? 'correct-option' : undefined}>
                      {o.id}. {o.text}
                      {o.id === item.answer ? <strong>{t('author.exam.correct')}</strong> : null}
                    </li>
                  ))}
                </ul>
                <p>
                  <strong>{t('author.exam.why')}</strong>
                  {item.rationale}
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p>{t('author.exam.noItems')}</p>
        )}
      </section>

      <section aria-labelledby="scenarios-heading">
        <h2 id="scenarios-heading">{t('author.exam.scenariosHeading', { count: data.scenarios.length })}</h2>
        {data.scenarios.length ? (
          data.scenarios.map((s) => (
            <article key={s.id} className="card" aria-labelledby={`scn-${s.id}`}>
              <h3 id={`scn-${s.id}`}>{s.prompt}</h3>
              <p className="muted">
                {t('author.exam.id', { id: s.id, code })} · {t('author.exam.competencies', { list: s.competencies.join(', ') })}
              </p>
              {s.rubric.map((c) => (
                <div key={c.id} className="table-wrap">
                  <table>
                    <caption>{t('author.exam.rubric', { criterion: c.criterion, id: c.id, code })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('author.exam.col.points')}</th>
                        <th scope="col">{t('author.exam.col.shows')}</th>
                        <th scope="col">{t('author.exam.col.anchor')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.levels.map((l) => (
                        <tr key={l.points}>
                          <td>{l.points}</td>
                          <td>{l.description}</td>
                          <td>{l.anchor ?? <span className="muted">{t('author.exam.noAnchor')}</span>}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ))}
            </article>
          ))
        ) : (
          <p>{t('author.exam.noScenarios')}</p>
        )}
      </section>
    </div>
  );
}
