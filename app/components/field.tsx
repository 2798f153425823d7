import type { InputHTMLAttributes, ReactNode } from 'react';
import { useMaybeT } from '~/i18n/react';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
}

/**
 * A labelled input with its hint and error tied to it for screen readers. `error` may be a
 * message id (what a zod schema or an action returns) or words already in the page's language.
 */
export function Field({ label, name, error, hint, id, ...input }: FieldProps) {
  const maybeT = useMaybeT();
  const fieldId = id ?? `field-${name}`;
  const describedBy = [hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      {hint ? (
        <p className="hint" id={`${fieldId}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={fieldId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {error ? (
        <p className="field-error" id={`${fieldId}-error`}>
          {maybeT(error)}
        </p>
      ) : null}
    </div>
  );
}

export function FormError({ error }: { error?: string }) {
  const maybeT = useMaybeT();
  if (!error) return null;
  return (
    <div className="form-error" role="alert">
      {maybeT(error)}
    </div>
  );
}
