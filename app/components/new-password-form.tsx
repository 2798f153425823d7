import { Form, useNavigation } from '@remix-run/react';
import { Field, FormError } from './field';

/** The one-field form to choose a password (reset and invitation pages). */
export function NewPasswordForm(props: { label: string; submit: string; errors: Record<string, string | undefined> }) {
  const busy = useNavigation().state === 'submitting';
  return (
    <Form method="post" noValidate>
      <FormError error={props.errors.form} />
      <Field
        label={props.label}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 15 characters. A few unrelated words in a row work well; common passwords are refused."
        error={props.errors.password}
      />
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : props.submit}
      </button>
    </Form>
  );
}
