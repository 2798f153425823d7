import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/intl.server';
import { auditDetailText, describeDetail } from './audit';

describe('audit entries in words', () => {
  it('reads a role change as from → to', () => {
    expect(describeDetail('role-changed', '{"from":"trainee","to":"trainer"}')).toEqual({
      code: 'admin.audit.detail.role',
      values: { from: 'trainee', to: 'trainer' },
    });
    expect(auditDetailText(translator('en'), 'role-changed', '{"from":"trainee","to":"trainer"}')).toBe('trainee → trainer');
  });
  it('says when a trainer reset sent a confirmation link instead', () => {
    expect(describeDetail('reset-sent', '{"link":"confirmation"}')).toEqual({ code: 'admin.audit.detail.confirmationSent' });
    expect(describeDetail('reset-sent', '{"link":"reset"}')).toEqual({ code: 'admin.audit.detail.resetLink' });
    const en = translator('en');
    expect(auditDetailText(en, 'reset-sent', '{"link":"confirmation"}')).toMatch(/confirmation link/);
    expect(auditDetailText(en, 'reset-sent', '{"link":"reset"}')).toBe('link: reset');
    expect(auditDetailText(en, 'account-deleted', '{"by":"self"}')).toBe('by: self');
  });
  it('reads a publish or rollback by its message, and a revert by its file', () => {
    const en = translator('en');
    expect(auditDetailText(en, 'content-published', '{"message":"Unit 3 wording","tree":"abc"}')).toBe('“Unit 3 wording”');
    expect(auditDetailText(en, 'content-rolled-back', '{"message":"Unit 3 wording"}')).toBe('“Unit 3 wording”');
    expect(auditDetailText(en, 'content-reverted', '{"path":"courses/x/units/01-a.mdx","tree":"abc"}')).toBe(
      'courses/x/units/01-a.mdx',
    );
  });
  it('shows detail of an unknown shape as it was stored', () => {
    expect(describeDetail('deactivated', '{"why":"left","n":2,"x":[1]}')).toEqual({
      code: 'admin.audit.detail.fields',
      values: { fields: 'why: left, n: 2, x: [1]' },
    });
  });
  it('is nothing for empty or broken detail', () => {
    expect(describeDetail('deactivated', '{}')).toBeNull();
    expect(describeDetail('deactivated', 'not json')).toBeNull();
    expect(describeDetail('deactivated', 'null')).toBeNull();
    expect(auditDetailText(translator('es'), 'deactivated', '{}')).toBe('');
  });
  it('speaks Spanish to a Spanish reader, role names included', () => {
    const es = translator('es');
    const en = translator('en');
    expect(auditDetailText(es, 'role-changed', '{"from":"trainee","to":"trainer"}')).toBe('participante → capacitador(a)');
    for (const detail of ['{"link":"confirmation"}', '{"link":"reset"}'])
      expect(auditDetailText(es, 'reset-sent', detail)).not.toBe(auditDetailText(en, 'reset-sent', detail));
    expect(auditDetailText(es, 'reset-sent', '{"link":"confirmation"}')).toMatch(/enlace de confirmación/);
  });
});
