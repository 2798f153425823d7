import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * NIST SP 800-63B-4 (2024), section 3.1.1.2: a password that is the only factor is at least
 * 15 characters; no composition rules (no "one digit, one symbol"); checked against a list of
 * common and breached passwords. The list is the one zxcvbn-ts ships (about 49,000 passwords
 * from breach corpora), read offline from the package. The decision and its reasons:
 * docs/decisions/013-login-throttling-and-device-cookies.md.
 */
export type PasswordProblem =
  | 'account.form.password.tooLong'
  | 'account.form.password.tooShort'
  | 'account.form.password.pattern'
  | 'account.form.password.common';

export const MIN_PASSWORD_LENGTH = 15;
export const MAX_PASSWORD_LENGTH = 200;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/** Normalised as the hash sees it (NFKC), with runs of spaces counted as one and ends trimmed. */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/** "abcdefghijklmno", "123456789012345", "zyxwvu…": each character one step from the last. */
function isSequence(chars: string[]): boolean {
  const step = (a: string, b: string) => {
    if (/\d/.test(a) && /\d/.test(b)) {
      // Digits wrap around: "…7890123…" is a sequence too.
      const up = (Number(b) - Number(a) + 10) % 10;
      return up === 1 ? 1 : up === 9 ? -1 : 0;
    }
    return (b.codePointAt(0) ?? 0) - (a.codePointAt(0) ?? 0);
  };
  const first = step(chars[0], chars[1]);
  if (first !== 1 && first !== -1) return false;
  for (let i = 1; i < chars.length - 1; i++) if (step(chars[i], chars[i + 1]) !== first) return false;
  return true;
}

/**
 * What is wrong with a new password, as a message id (the words are in the account catalogue,
 * which states the two lengths above: keep them in step), or null when it is fine.
 */
export function passwordProblem(password: string): PasswordProblem | null {
  if (password.length > MAX_PASSWORD_LENGTH) return 'account.form.password.tooLong';
  const normal = normalisePassword(password);
  const chars = [...normal];
  if (chars.length < MIN_PASSWORD_LENGTH) {
    return 'account.form.password.tooShort';
  }
  const lower = normal.toLowerCase();
  if (/^(.+?)\1+$/su.test(lower) || isSequence([...lower])) {
    return 'account.form.password.pattern';
  }
  const list = commonPasswords();
  if (list.has(lower) || list.has(lower.replace(/\s/gu, ''))) {
    return 'account.form.password.common';
  }
  return null;
}
