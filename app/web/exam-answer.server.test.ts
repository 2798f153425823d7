import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/intl.server';
import { saveAnswerSchema } from './exam-answer.server';

describe('saveAnswerSchema', () => {
  it('refuses an over-long written answer with a message id, said in the trainee’s language', () => {
    const r = saveAnswerSchema().safeParse({ position: '1', response: 'x'.repeat(20_001) });
    expect(r.success).toBe(false);
    const id = r.error?.issues[0].message;
    expect(id).toBe('trainee.attempt.tooLong');
    expect(translator('en')('trainee.attempt.tooLong')).toBe('Written answers can be up to 20,000 characters.');
    expect(translator('es')('trainee.attempt.tooLong')).toMatch(/^Las respuestas escritas/);
  });
});
