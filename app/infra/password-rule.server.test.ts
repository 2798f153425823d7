import { describe, expect, it } from 'vitest';
import { catalogues } from '../i18n/catalogues';
import { newPassword } from '../web/forms.server';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from './password-rule.server';

describe('the password rule (NIST SP 800-63B)', () => {
  it('accepts a long passphrase with no composition rules', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('a long enough password')).toBeNull();
    expect(passwordProblem('über café niño ☕ tee')).toBeNull();
  });
  it(`needs ${MIN_PASSWORD_LENGTH} characters, counting a run of spaces as one`, () => {
    expect(passwordProblem('fourteen chars')).toBe('account.form.password.tooShort');
    expect(passwordProblem('fifteen  chars!')).toBe('account.form.password.tooShort');
    expect(passwordProblem('fifteen chars!!')).toBeNull();
    expect(passwordProblem(' '.repeat(12))).toBe('account.form.password.tooShort');
    expect(passwordProblem(' '.repeat(40))).toBe('account.form.password.tooShort');
    expect(passwordProblem('x'.repeat(201))).toBe('account.form.password.tooLong');
  });
  it('refuses one character or a short pattern repeated, and straight sequences', () => {
    for (const p of [
      'aaaaaaaaaaaaaaa',
      'a'.repeat(40),
      'abcabcabcabcabc',
      'Ab1!Ab1!Ab1!Ab1!',
      'abcdefghijklmnop',
      '123456789012345',
      '987654321098765',
    ]) {
      expect(passwordProblem(p), p).toBe('account.form.password.pattern');
    }
  });
  it('refuses passwords on the list of common and breached passwords, in any case or spacing', () => {
    for (const p of ['qwertyuiop12345', 'QwertyUiop12345', 'qwerty 123456789', '1qaz2wsx3edc4rfv']) {
      expect(passwordProblem(p), p).toBe('account.form.password.common');
    }
  });
  it('is the rule the forms use, with the message next to the field', () => {
    const r = newPassword.safeParse('aaaaaaaaaaaa');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe('account.form.password.tooShort');
    expect(newPassword.safeParse('correct horse battery staple').success).toBe(true);
  });

  it('the messages state the lengths the rule uses, in every language', () => {
    for (const messages of Object.values(catalogues)) {
      expect(messages['account.form.password.tooShort']).toContain(String(MIN_PASSWORD_LENGTH));
      expect(messages['account.form.password.tooLong']).toContain(String(MAX_PASSWORD_LENGTH));
      expect(messages['account.form.password.hint']).toContain(String(MIN_PASSWORD_LENGTH));
    }
  });
});
