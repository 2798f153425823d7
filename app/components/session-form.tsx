import { Form } from '@remix-run/react';
import { useMaybeT, useT } from '~/i18n/react';

export interface SessionFormValues {
  title: string;
  date: string;
  time: string;
  duration: string;
  mode: string;
  competencies: string[];
  notes: string;
  makeup: boolean;
}

export const EMPTY_SESSION: SessionFormValues = {
  title: '',
  date: '',
  time: '',
  duration: '120',
  mode: 'online',
  competencies: [],
  notes: '',
  makeup: false,
};

function FieldError({ id, error }: { id: string; error?: string }) {
  const maybeT = useMaybeT();
  return error ? (
    <p className="field-error" id={`${id}-error`}>
      {maybeT(error)}
    </p>
  ) : null;
}

/** The details of a live session: scheduling a new one and editing one share this form. */
export function SessionForm({
  intent,
  submitLabel,
  values,
  errors,
  competencies,
}: {
  intent: string;
  submitLabel: string;
  values: SessionFormValues;
  errors: Record<string, string>;
  competencies: { id: string; title: string }[];
}) {
  const t = useT();
  const described = (name: string, hint?: boolean) =>
    [hint ? `${name}-hint` : null, errors[name] ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <div className="field">
        <label htmlFor="title">{t('trainer.sessionForm.title')}</label>
        <input
          id="title"
          name="title"
          type="text"
          maxLength={200}
          defaultValue={values.title}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={described('title')}
        />
        <FieldError id="title" error={errors.title} />
      </div>
      <div className="field">
        <label htmlFor="date">{t('trainer.sessionForm.date')}</label>
        <input
          id="date"
          name="date"
          type="date"
          defaultValue={values.date}
          aria-invalid={errors.date ? true : undefined}
          aria-describedby={described('date')}
        />
        <FieldError id="date" error={errors.date} />
      </div>
      <div className="field">
        <label htmlFor="time">{t('trainer.sessionForm.time')}</label>
        <input
          id="time"
          name="time"
          type="time"
          defaultValue={values.time}
          aria-invalid={errors.time ? true : undefined}
          aria-describedby={described('time')}
        />
        <FieldError id="time" error={errors.time} />
      </div>
      <div className="field">
        <label htmlFor="duration">{t('trainer.sessionForm.duration')}</label>
        <p className="hint" id="duration-hint">
          {t('trainer.sessionForm.durationHint')}
        </p>
        <input
          id="duration"
          name="duration"
          type="number"
          min="1"
          max="600"
          defaultValue={values.duration}
          aria-invalid={errors.duration ? true : undefined}
          aria-describedby={described('duration', true)}
        />
        <FieldError id="duration" error={errors.duration} />
      </div>
      <fieldset aria-describedby={described('mode')}>
        <legend>{t('trainer.sessionForm.where')}</legend>
        <label className="choice">
          <input type="radio" name="mode" value="online" defaultChecked={values.mode !== 'in-person'} />
          <span>{t('trainer.sessionForm.online')}</span>
        </label>
        <label className="choice">
          <input type="radio" name="mode" value="in-person" defaultChecked={values.mode === 'in-person'} />
          <span>{t('trainer.sessionForm.inPerson')}</span>
        </label>
        <FieldError id="mode" error={errors.mode} />
      </fieldset>
      <details open={values.competencies.length > 0 || Boolean(errors.competencies)}>
        <summary>{t('trainer.sessionForm.competencies')}</summary>
        <fieldset aria-describedby={described('competencies')}>
          <legend className="visually-hidden">{t('trainer.sessionForm.competencies')}</legend>
          {competencies.map((c) => (
            <label className="choice" key={c.id}>
              <input type="checkbox" name="competencies" value={c.id} defaultChecked={values.competencies.includes(c.id)} />
              <span>{c.title}</span>
            </label>
          ))}
          <FieldError id="competencies" error={errors.competencies} />
        </fieldset>
      </details>
      <div className="field">
        <label htmlFor="notes">{t('trainer.sessionForm.notes')}</label>
        <textarea
          id="notes"
          name="notes"
          rows={3}
          maxLength={2000}
          defaultValue={values.notes}
          aria-invalid={errors.notes ? true : undefined}
          aria-describedby={described('notes')}
        />
        <FieldError id="notes" error={errors.notes} />
      </div>
      <label className="choice">
        <input type="checkbox" name="makeup" defaultChecked={values.makeup} />
        <span>{t('trainer.sessionForm.makeup')}</span>
      </label>
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
