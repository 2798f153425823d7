import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigate } from '@remix-run/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { Countdown, SaveStatus, useExamAutosave } from '~/components/exam-autosave';
import { publicItem } from '~/domain/exam';
import { formOf, requireOpenAttempt } from '~/guards/exam-access.server';
import { translator } from '~/i18n/intl.server';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { getAttemptItems, saveExamResponse } from '~/models/exam.server';
import { pacificDeadline } from '~/web/dates';
import { saveAnswerSchema } from '~/web/exam-answer.server';
import { parseForm, readForm } from '~/web/forms.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'trainee.attempt.title', 'trainee.attempt.description');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course, exam, attempt, base } = await requireOpenAttempt(request, params);
  const items = await getAttemptItems(db(), attempt.id);
  const q = z.coerce
    .number()
    .int()
    .min(1)
    .max(items.length)
    .catch(1)
    .parse(new URL(request.url).searchParams.get('q') ?? 1);
  const item = items[q - 1];
  const locale = await requestLocale(request);
  const areaTitle = exam.definition.areas.find((a) => a.id === item.area)?.title ?? item.area;
  return json({
    base,
    courseSlug: course.course.slug,
    attemptId: attempt.id,
    formTitle: formOf(exam, attempt.form_id)?.title ?? translator(locale)('trainee.attempt.formFallback'),
    deadline: attempt.deadline_at,
    deadlineText: attempt.deadline_at ? pacificDeadline(attempt.deadline_at, locale) : null,
    total: items.length,
    nav: items.map((i) => ({
      position: i.position,
      answered: i.response !== null && i.response !== '',
      flagged: i.flagged,
      kind: i.kind,
    })),
    // Only what the trainee may see now: no answers, rationales or rubrics.
    item: {
      position: item.position,
      area: areaTitle,
      ...publicItem(item.snapshot),
      response: item.response,
      flagged: item.flagged,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, attempt, base } = await requireOpenAttempt(request, params);
  const parsed = parseForm(await readForm(request), saveAnswerSchema);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors)[0] ?? 'trainee.attempt.unreadable', { status: 400 });
  const { position, response, flagged, go } = parsed.data;
  const result = await saveExamResponse(
    db(),
    { userId: user.id, attemptId: attempt.id, position, response, flagged },
    undefined,
    attempt,
  );
  if (!result.ok && result.reason === 'closed') return redirect(`${base}/result`);
  if (!result.ok) throw new Response('trainee.attempt.mismatch', { status: 400 });
  if (go === 'review') return redirect(`${base}/review`);
  const target = go === 'next' ? position + 1 : go === 'prev' ? position - 1 : go === 'stay' ? position : go;
  return redirect(`${base}?q=${Math.max(1, target)}`);
}

export default function TakeExam() {
  const data = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const { item } = data;
  const toResult = useCallback(() => navigate(`${data.base}/result`), [navigate, data.base]);
  const autosave = useExamAutosave(`${data.base}/save`, data.attemptId, toResult);
  const formRef = useRef<HTMLFormElement>(null);
  // What this page has changed since it loaded, so the question list stays current without a reload.
  const [local, setLocal] = useState<Record<number, { answered?: boolean; flagged?: boolean }>>({});
  const note = (position: number, change: { answered?: boolean; flagged?: boolean }) =>
    setLocal((prev) => ({ ...prev, [position]: { ...prev[position], ...change } }));
  const nav = data.nav.map((n) => ({ ...n, ...local[n.position] }));

  // Once per question: restore an answer this browser kept but the server never confirmed
  // (e.g. the tab was closed while offline), and send it again.
  const { queue, unsaved } = autosave;
  const restoredFor = useRef<number | null>(null);
  useEffect(() => {
    if (restoredFor.current === item.position) return;
    restoredFor.current = item.position;
    const kept = unsaved(item.position);
    const form = formRef.current;
    if (!kept || !form) return;
    if (kept.response !== undefined && kept.response !== item.response) {
      const field = form.elements.namedItem('response');
      if (field instanceof HTMLTextAreaElement) field.value = kept.response;
      else if (field instanceof RadioNodeList) field.value = kept.response;
      queue(item.position, { response: kept.response });
    }
  }, [item.position, item.response, queue, unsaved]);

  const answered = nav.filter((n) => n.answered).length;
  const t = useT();
  return (
    <div className="exam">
      <p className="muted">
        <Link to={`/courses/${data.courseSlug}/exam`}>{data.formTitle}</Link>
        {t('trainee.attempt.answered', { answered, total: data.total })}
      </p>
      {data.deadline ? (
        <>
          <div className="exam-timer">
            <Countdown deadline={data.deadline} endsText={data.deadlineText ?? ''} onExpire={toResult} />
          </div>
          <p className="muted">{t('trainee.attempt.timeEnds', { when: data.deadlineText })}</p>
        </>
      ) : (
        <p className="muted">{t('trainee.attempt.noLimit')}</p>
      )}
      <h1>{t('trainee.attempt.heading', { position: item.position, total: data.total })}</h1>
      <p className="muted">{item.area}</p>
      <Form method="post" ref={formRef} key={item.position} className="exam-question">
        <input type="hidden" name="position" value={item.position} />
        <input type="hidden" name="flagField" value="1" />
        {item.kind === 'choice' ? (
          <fieldset>
            <legend>{item.prompt}</legend>
            {item.options.map((o) => (
              <label key={o.id} className="choice">
                <input
                  type="radio"
                  name="response"
                  value={o.id}
                  defaultChecked={item.response === o.id}
                  onChange={(e) => {
                    autosave.queue(item.position, { response: e.currentTarget.value });
                    note(item.position, { answered: true });
                  }}
                />
                <span>{o.text}</span>
              </label>
            ))}
          </fieldset>
        ) : (
          <div className="field">
            <p className="exam-prompt">{item.prompt}</p>
            <label htmlFor="written-answer">{t('trainee.attempt.written')}</label>
            <p className="hint" id="written-answer-hint">
              {t('trainee.attempt.writtenHint')}
            </p>
            <textarea
              id="written-answer"
              name="response"
              rows={12}
              defaultValue={item.response ?? ''}
              aria-describedby="written-answer-hint"
              onChange={(e) => {
                autosave.queue(item.position, { response: e.currentTarget.value }, 800);
                note(item.position, { answered: e.currentTarget.value.trim() !== '' });
              }}
            />
          </div>
        )}
        <label className="choice">
          <input
            type="checkbox"
            name="flagged"
            defaultChecked={item.flagged}
            onChange={(e) => {
              autosave.queue(item.position, { flagged: e.currentTarget.checked });
              note(item.position, { flagged: e.currentTarget.checked });
            }}
          />
          <span>{t('trainee.attempt.flag')}</span>
        </label>
        <SaveStatus state={autosave.state} />
        <div className="pager">
          {item.position > 1 ? (
            <button type="submit" name="go" value="prev" className="secondary">
              {t('trainee.attempt.back')}
            </button>
          ) : (
            <span />
          )}
          {item.position < data.total ? (
            <button type="submit" name="go" value="next">
              {t('trainee.attempt.next')}
            </button>
          ) : (
            <button type="submit" name="go" value="review">
              {t('trainee.attempt.review')}
            </button>
          )}
        </div>
      </Form>
      <nav aria-label={t('trainee.attempt.questions')} className="exam-nav">
        <h2>{t('trainee.attempt.all')}</h2>
        <p className="muted">{t('trainee.attempt.legend')}</p>
        <ol>
          {nav.map((n) => {
            const label = t('trainee.attempt.navLabel', {
              position: n.position,
              answered: String(Boolean(n.answered)),
              flagged: String(Boolean(n.flagged)),
            });
            return (
              <li key={n.position}>
                <Link
                  to={`?q=${n.position}`}
                  aria-label={label}
                  aria-current={n.position === item.position ? 'step' : undefined}
                  className={`${n.answered ? 'answered' : ''} ${n.flagged ? 'flagged' : ''}`}
                >
                  {n.position}
                  {n.answered ? ' ●' : ''}
                  {n.flagged ? ' ⚑' : ''}
                </Link>
              </li>
            );
          })}
        </ol>
        <p>
          <Link className="button secondary" to={`${data.base}/review`}>
            {t('trainee.attempt.reviewSubmit')}
          </Link>
        </p>
      </nav>
    </div>
  );
}
