import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Histogram, ScatterChart } from '~/components/charts';
import { TableWrap } from '~/components/table-wrap';
import { courseEdition } from '~/content/editions.server';
import { optionsOf } from '~/domain/quiz';
import { NO_ANSWER, testStatistics } from '~/domain/statistics';
import { requireRole } from '~/guards/auth.server';
import { courseFromSearch } from '~/guards/trainer.server';
import type { MessageId } from '~/i18n/catalogues';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { type AnalysisFigures, examStatistics, quizStatistics } from '~/models/analysis.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'trainer.analysis.title', 'trainer.analysis.description');

const FLAG_TEXT = {
  'too-hard': 'trainer.analysis.flag.tooHard',
  'too-easy': 'trainer.analysis.flag.tooEasy',
  'low-discrimination': 'trainer.analysis.flag.low',
  'negative-discrimination': 'trainer.analysis.flag.negative',
} as const satisfies Record<string, MessageId>;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['trainer']);
  const course = await courseFromSearch(request);
  const sp = new URL(request.url).searchParams;
  const forms = course.exam?.definition.forms ?? [];
  const sources = [
    ...forms.map((f) => ({ value: `exam:${f.id}`, kind: 'exam', title: f.title })),
    ...course.units.filter((u) => u.quiz).map((u) => ({ value: `quiz:${u.meta.slug}`, kind: 'quiz', title: u.meta.title })),
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
      prompt: t ? (t.prompt.length > 140 ? `${t.prompt.slice(0, 140)}…` : t.prompt) : null,
      area: t?.area ? (areaTitle.get(t.area) ?? t.area) : '',
      options: s.options.map((o) => ({
        ...o,
        label:
          o.option === NO_ANSWER
            ? null
            : o.option
                .split(',')
                .map((x) => t?.options.get(x) ?? x)
                .join(' + '),
      })),
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
    editions,
    edition: edition ?? '',
    test: figures.test,
    distribution: figures.distribution,
    passPercent,
    items,
  });
}

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
  const t = useT();
  const passing = d.distribution.filter((b) => b.from >= (d.passPercent ?? 0)).reduce((n, b) => n + b.count, 0);
  return (
    <div className="wide">
      <p className="muted">
        <Link to="/trainer">{t('trainer.queue.back')}</Link>
      </p>
      <h1>{t('trainer.home.analysis')}</h1>
      <p>{t('trainer.analysis.intro')}</p>
      <Form method="get" className="inline-form filters">
        <input type="hidden" name="course" value={d.course.slug} />
        <div>
          <label htmlFor="source">{t('trainer.analysis.source')}</label>
          <select id="source" name="source" defaultValue={d.source}>
            {d.sources.map((s) => (
              <option key={s.value} value={s.value}>
                {t('trainer.analysis.sourceLabel', { kind: s.kind, title: s.title })}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="attempts">{t('trainer.analysis.attempts')}</label>
          <select id="attempts" name="attempts" defaultValue={d.which}>
            <option value="first">{t('trainer.analysis.first')}</option>
            <option value="all">{t('trainer.analysis.all')}</option>
          </select>
        </div>
        <div>
          <label htmlFor="edition">{t('trainer.analysis.edition.label')}</label>
          <select id="edition" name="edition" defaultValue={d.edition}>
            <option value="">{t('trainer.analysis.edition.all')}</option>
            {d.editions.map((e) => (
              <option key={e} value={e}>
                {t('trainer.analysis.edition.only', { language: e })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          {t('trainer.group.show')}
        </button>
      </Form>
      <section aria-labelledby="test-heading" className="card">
        <h2 id="test-heading">{t('trainer.analysis.test')}</h2>
        <dl className="stats">
          <dt>{t('trainer.analysis.attempts')}</dt>
          <dd>{d.test.attempts}</dd>
          <dt>{t('trainer.analysis.mean')}</dt>
          <dd>{fmt(d.test.mean)}</dd>
          <dt>{t('trainer.analysis.median')}</dt>
          <dd>{fmt(d.test.median)}</dd>
          <dt>{t('trainer.analysis.sd')}</dt>
          <dd>{fmt(d.test.sd)}</dd>
          <dt>{t('trainer.analysis.alpha')}</dt>
          <dd>{d.test.alpha === null ? '–' : d.test.alpha}</dd>
          <dt>{t('trainer.analysis.sem')}</dt>
          <dd>{fmt(d.test.sem)}</dd>
        </dl>
      </section>
      {d.test.attempts > 0 ? (
        <Histogram
          title={t('trainer.analysis.histogram.title')}
          summary={t('trainer.analysis.histogram.summary', {
            count: d.test.attempts,
            median: fmt(d.test.median),
            hasPass: d.passPercent === null ? 'no' : 'yes',
            passing,
            pass: String(d.passPercent),
          })}
          bins={d.distribution}
          xLabel={t('trainer.analysis.histogram.x')}
          marker={
            d.passPercent === null
              ? undefined
              : { value: d.passPercent, label: t('trainer.analysis.histogram.pass', { pass: d.passPercent }) }
          }
          binLabel={(b) => t('trainer.analysis.histogram.bin', { from: b.from, to: b.to, all: b.to === 100 ? 'yes' : 'no' })}
          columns={[t('trainer.analysis.histogram.score'), t('trainer.analysis.attempts')]}
        />
      ) : null}
      {d.items.some((i) => i.facility !== null && i.discrimination !== null) ? (
        <ScatterChart
          title={t('trainer.analysis.scatter.title')}
          summary={t('trainer.analysis.scatter.summary', {
            flagged: d.items.filter((i) => i.flags.length).length,
            count: d.items.length,
          })}
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
            label: t('trainer.analysis.scatter.x'),
            domain: [0, 100],
            bands: [
              [0, 20],
              [95, 100],
            ],
          }}
          y={{ label: t('trainer.analysis.scatter.y'), domain: [-100, 100], bands: [[-100, 15]] }}
          columns={[
            t('trainer.practice.col.question'),
            t('trainer.analysis.col.facility'),
            t('trainer.analysis.col.discrimination'),
            t('trainer.analysis.col.needsLook'),
          ]}
          format={(v) => `${v}%`}
        />
      ) : null}
      {d.items.length ? (
        <TableWrap label={t('trainer.analysis.table')}>
          <table>
            <caption className="visually-hidden">{t('trainer.analysis.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trainer.practice.col.question')}</th>
                <th scope="col">{t('trainer.analysis.col.responses')}</th>
                <th scope="col">{t('trainer.analysis.col.facility')}</th>
                <th scope="col">{t('trainer.analysis.col.sd')}</th>
                <th scope="col">{t('trainer.analysis.col.discrimination')}</th>
                <th scope="col">{t('trainer.analysis.col.efficiency')}</th>
                <th scope="col">{t('trainer.analysis.col.answers')}</th>
                <th scope="col">{t('trainer.analysis.col.flags')}</th>
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
                    <span className="item-prompt">{i.prompt ?? t('trainer.analysis.gone')}</span>
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
                          {o.count}: {o.label ?? t('trainer.analysis.noAnswer')}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {i.flags.length ? (
                      <ul className="plain">
                        {i.flags.map((f) => (
                          <li key={f}>{t(FLAG_TEXT[f])}</li>
                        ))}
                      </ul>
                    ) : (
                      t('trainer.analysis.none')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>{t('trainer.analysis.empty')}</p>
      )}
    </div>
  );
}
