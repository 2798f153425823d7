import { Form } from '@remix-run/react';
import type { GroupQuizSettings } from '~/domain/quiz';

// The trainer's quiz settings for one group, and who changed them. Works as a plain form.

export const REVIEW_LABEL = {
  'after-each-attempt': 'After each attempt',
  'after-pass-or-last': 'After passing, or after the last allowed attempt',
  never: 'Never',
} as const;
export const FEEDBACK_LABEL = {
  'which-wrong': 'Which questions were not yet right',
  'score-only': 'The score only',
} as const;

/** Plain words for a group's settings; a rule not set follows the course. */
export function describeSettings(s: GroupQuizSettings): string {
  const parts: string[] = [];
  if (s.quizAttemptLimit !== undefined) parts.push(`attempt limit ${s.quizAttemptLimit === null ? 'none' : s.quizAttemptLimit}`);
  if (s.quizWaitMinutes !== undefined)
    parts.push(`wait after a failed attempt ${s.quizWaitMinutes ? `${s.quizWaitMinutes} minutes` : 'off'}`);
  if (s.quizReview) parts.push(`answers shown: ${REVIEW_LABEL[s.quizReview].toLowerCase()}`);
  if (s.quizFeedback) parts.push(`before that: ${FEEDBACK_LABEL[s.quizFeedback].toLowerCase()}`);
  return parts.length ? parts.join('; ') : 'all as the course sets them';
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
  history: { id: string; when: string; actor: string; before: string; after: string }[];
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
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function GroupQuizSettingsForm({ settings, course, errors, values, saved, history }: Props) {
  const v = (name: string, current: string) => values?.[name] ?? current;
  const aria = (name: string) => ({
    'aria-describedby': `${name}-hint${errors[name] ? ` ${name}-error` : ''}`,
    'aria-invalid': errors[name] ? true : undefined,
  });
  return (
    <section aria-labelledby="quiz-settings-heading" className="card">
      <h2 id="quiz-settings-heading">Quiz settings for this group</h2>
      <p>These apply to every unit quiz for the trainees in this group. Leave a setting empty to follow the course.</p>
      <Form method="post" preventScrollReset>
        <input type="hidden" name="intent" value="quiz-settings" />
        <Field
          id="attemptLimit"
          label="Attempt limit"
          hint={`Attempts allowed per quiz. Empty follows the course (${course.quizAttemptLimit ?? 'no limit'}); 0 means no limit.`}
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
          label="Wait after an attempt that does not pass (minutes)"
          hint={`Empty follows the course (${course.quizWaitMinutes ? `${course.quizWaitMinutes} minutes` : 'off'}); 0 turns the wait off.`}
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
          label="When trainees see the correct answers and why"
          hint="Overrides the course and every quiz's own setting for this group."
          error={errors.review}
        >
          <select id="review" name="review" defaultValue={v('review', settings.quizReview ?? '')} {...aria('review')}>
            <option value="">As each quiz sets it (course: {REVIEW_LABEL[course.quizReview].toLowerCase()})</option>
            {Object.entries(REVIEW_LABEL).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="feedback"
          label="What trainees see before that"
          hint="After an attempt, while the correct answers are still hidden."
          error={errors.feedback}
        >
          <select id="feedback" name="feedback" defaultValue={v('feedback', settings.quizFeedback ?? '')} {...aria('feedback')}>
            <option value="">As the course sets it ({FEEDBACK_LABEL[course.quizFeedback].toLowerCase()})</option>
            {Object.entries(FEEDBACK_LABEL).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <p>
          <button type="submit">Save quiz settings</button> {saved ? <span role="status">Saved.</span> : null}
        </p>
      </Form>
      {history.length ? (
        <details>
          <summary>Changes to these settings ({history.length})</summary>
          <ul>
            {history.map((h) => (
              <li key={h.id}>
                {h.when}, {h.actor}: from {h.before} to {h.after}.
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
