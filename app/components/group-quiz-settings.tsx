import { Form } from '@remix-run/react';
import type { GroupQuizSettings } from '~/domain/quiz';
import type { MessageId } from '~/i18n/catalogues';
import { useMaybeT, useT } from '~/i18n/react';

// The trainer's quiz settings for one group, and who changed them. Works as a plain form.

export const REVIEW_LABEL = {
  'after-each-attempt': 'trainer.quizSettings.review.afterEach',
  'after-pass-or-last': 'trainer.quizSettings.review.afterPass',
  never: 'trainer.quizSettings.review.never',
} as const satisfies Record<string, MessageId>;
export const FEEDBACK_LABEL = {
  'which-wrong': 'trainer.quizSettings.feedback.whichWrong',
  'score-only': 'trainer.quizSettings.feedback.scoreOnly',
} as const satisfies Record<string, MessageId>;

/** Plain words for a group's settings; a rule not set follows the course. */
export function describeSettings(
  s: GroupQuizSettings,
  t: (id: MessageId, values?: Record<string, string | number>) => string,
): string {
  const parts: string[] = [];
  if (s.quizAttemptLimit !== undefined)
    parts.push(
      s.quizAttemptLimit === null
        ? t('trainer.quizSettings.describe.noLimit')
        : t('trainer.quizSettings.describe.limit', { count: s.quizAttemptLimit }),
    );
  if (s.quizWaitMinutes !== undefined)
    parts.push(
      s.quizWaitMinutes
        ? t('trainer.quizSettings.describe.wait', { count: s.quizWaitMinutes })
        : t('trainer.quizSettings.describe.noWait'),
    );
  if (s.quizReview) parts.push(t('trainer.quizSettings.describe.review', { label: t(REVIEW_LABEL[s.quizReview]).toLowerCase() }));
  if (s.quizFeedback)
    parts.push(t('trainer.quizSettings.describe.feedback', { label: t(FEEDBACK_LABEL[s.quizFeedback]).toLowerCase() }));
  return parts.length ? parts.join('; ') : t('trainer.quizSettings.describe.course');
}

interface Props {
  settings: GroupQuizSettings;
  course: {
    quizAttemptLimit: number | null;
    quizWaitMinutes: number;
    quizReview: keyof typeof REVIEW_LABEL;
    quizFeedback: keyof typeof FEEDBACK_LABEL;
  };
  errors: Record<string, string>;
  values: Record<string, string> | null;
  saved: boolean;
  history: { id: string; when: string; actor: string; before: GroupQuizSettings; after: GroupQuizSettings }[];
}

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint: string;
  error?: string;
  children: React.ReactNode;
}) {
  const maybeT = useMaybeT();
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {maybeT(error)}
        </p>
      ) : null}
    </div>
  );
}

export function GroupQuizSettingsForm({ settings, course, errors, values, saved, history }: Props) {
  const t = useT();
  const v = (name: string, current: string) => values?.[name] ?? current;
  const aria = (name: string) => ({
    'aria-describedby': `${name}-hint${errors[name] ? ` ${name}-error` : ''}`,
    'aria-invalid': errors[name] ? true : undefined,
  });
  return (
    <section aria-labelledby="quiz-settings-heading" className="card">
      <h2 id="quiz-settings-heading">{t('trainer.quizSettings.heading')}</h2>
      <p>{t('trainer.quizSettings.intro')}</p>
      <Form method="post" preventScrollReset>
        <input type="hidden" name="intent" value="quiz-settings" />
        <Field
          id="attemptLimit"
          label={t('trainer.quizSettings.attemptLimit')}
          hint={t('trainer.quizSettings.attemptLimitHint', {
            course: course.quizAttemptLimit ?? t('trainer.quizSettings.noLimit'),
          })}
          error={errors.attemptLimit}
        >
          <input
            id="attemptLimit"
            name="attemptLimit"
            inputMode="numeric"
            defaultValue={v(
              'attemptLimit',
              settings.quizAttemptLimit === undefined ? '' : String(settings.quizAttemptLimit ?? 0),
            )}
            {...aria('attemptLimit')}
          />
        </Field>
        <Field
          id="waitMinutes"
          label={t('trainer.quizSettings.wait')}
          hint={t('trainer.quizSettings.waitHint', {
            course: course.quizWaitMinutes
              ? t('trainer.quizSettings.minutes', { count: course.quizWaitMinutes })
              : t('trainer.quizSettings.off'),
          })}
          error={errors.waitMinutes}
        >
          <input
            id="waitMinutes"
            name="waitMinutes"
            inputMode="numeric"
            defaultValue={v('waitMinutes', settings.quizWaitMinutes === undefined ? '' : String(settings.quizWaitMinutes))}
            {...aria('waitMinutes')}
          />
        </Field>
        <Field
          id="review"
          label={t('trainer.quizSettings.review')}
          hint={t('trainer.quizSettings.reviewHint')}
          error={errors.review}
        >
          <select id="review" name="review" defaultValue={v('review', settings.quizReview ?? '')} {...aria('review')}>
            <option value="">
              {t('trainer.quizSettings.reviewDefault', { label: t(REVIEW_LABEL[course.quizReview]).toLowerCase() })}
            </option>
            {Object.entries(REVIEW_LABEL).map(([k, label]) => (
              <option key={k} value={k}>
                {t(label)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="feedback"
          label={t('trainer.quizSettings.feedback')}
          hint={t('trainer.quizSettings.feedbackHint')}
          error={errors.feedback}
        >
          <select id="feedback" name="feedback" defaultValue={v('feedback', settings.quizFeedback ?? '')} {...aria('feedback')}>
            <option value="">
              {t('trainer.quizSettings.feedbackDefault', { label: t(FEEDBACK_LABEL[course.quizFeedback]).toLowerCase() })}
            </option>
            {Object.entries(FEEDBACK_LABEL).map(([k, label]) => (
              <option key={k} value={k}>
                {t(label)}
              </option>
            ))}
          </select>
        </Field>
        <p>
          <button type="submit">{t('trainer.quizSettings.save')}</button>{' '}
          {saved ? <span role="status">{t('trainer.quizSettings.saved')}</span> : null}
        </p>
      </Form>
      {history.length ? (
        <details>
          <summary>{t('trainer.quizSettings.history', { count: history.length })}</summary>
          <ul>
            {history.map((h) => (
              <li key={h.id}>
                {t('trainer.quizSettings.change', {
                  when: h.when,
                  actor: h.actor,
                  before: describeSettings(h.before, t),
                  after: describeSettings(h.after, t),
                })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
