import { Form, useNavigation } from '@remix-run/react';
import { useT } from '~/i18n/react';
import { Field, FormError } from './field';

/** The one-field form to choose a password (reset and invitation pages). */
export function NewPasswordForm(props: { label: string; submit: string; errors: Record<string, string | undefined> }) {
  const busy = useNavigation().state === 'submitting';
  const t = useT();
  return (
    <Form method="post" noValidate>
      <FormError error={props.errors.form} />
      <Field
        label={props.label}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={t('account.form.password.hint')}
        error={props.errors.password}
      />
      <button type="submit" disabled={busy}>
        {busy ? t('account.form.saving') : props.submit}
      </button>
    </Form>
  );
}
