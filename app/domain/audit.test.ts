import { describe, expect, it } from 'vitest';
import { auditActionLabel, describeDetail } from './audit';

describe('audit entries in words', () => {
  it('names actions, and passes unknown ones through', () => {
    expect(auditActionLabel('deactivated')).toBe('Account deactivated');
    expect(auditActionLabel('something-new')).toBe('something-new');
  });
  it('reads a role change as from → to', () => {
    expect(describeDetail('role-changed', '{"from":"trainee","to":"trainer"}')).toBe('trainee → trainer');
  });
  it('says when a trainer reset sent a confirmation link instead', () => {
    expect(describeDetail('reset-sent', '{"link":"confirmation"}')).toMatch(/confirmation link/);
    expect(describeDetail('reset-sent', '{"link":"reset"}')).toBe('link: reset');
  });
  it('reads a publish or rollback by its message, and a revert by its file', () => {
    expect(describeDetail('content-published', '{"message":"Unit 3 wording","tree":"abc"}')).toBe('“Unit 3 wording”');
    expect(describeDetail('content-rolled-back', '{"message":"Unit 3 wording"}')).toBe('“Unit 3 wording”');
    expect(describeDetail('content-reverted', '{"path":"courses/x/units/01-a.mdx","tree":"abc"}')).toBe(
      'courses/x/units/01-a.mdx',
    );
    expect(auditActionLabel('content-published')).toBe('Content published');
  });
  it('is empty for empty or broken detail', () => {
    expect(describeDetail('deactivated', '{}')).toBe('');
    expect(describeDetail('deactivated', 'not json')).toBe('');
    expect(describeDetail('deactivated', 'null')).toBe('');
  });
});
