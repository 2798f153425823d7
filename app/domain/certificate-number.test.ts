import { describe, expect, it } from 'vitest';
import { certificateNumberFrom, parseCertificateNumber } from './certificate-number';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const bytes = (...b: number[]) => new Uint8Array(b);
const sample = certificateNumberFrom(bytes(0x9a, 0x1f, 0x33, 0x70, 0x05, 0xee, 0x42, 0x81, 0xc4, 0x6b));

describe('certificate numbers', () => {
  it('are four groups of four Crockford characters', () => {
    expect(sample).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(certificateNumberFrom(new Uint8Array(10))).toBe('0000-0000-0000-0000');
  });
  it('use 75 random bits: different bytes give different numbers', () => {
    const a = certificateNumberFrom(bytes(1, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    const b = certificateNumberFrom(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20));
    expect(a).not.toBe(b);
    expect(b).not.toBe('0000-0000-0000-0000');
    expect(() => certificateNumberFrom(new Uint8Array(9))).toThrow();
  });
  it('read back as typed: any case, spaces or no dashes, O for 0, I and L for 1', () => {
    expect(parseCertificateNumber(sample)).toEqual({ ok: true, number: sample });
    expect(parseCertificateNumber(` ${sample.toLowerCase().replace(/-/g, ' ')} `)).toEqual({ ok: true, number: sample });
    const withZero = certificateNumberFrom(new Uint8Array(10));
    expect(parseCertificateNumber('oooo-OOOO-0000-0000')).toEqual({ ok: true, number: withZero });
  });
  it('tell a typo from an unknown number: every single changed character fails the check', () => {
    const plain = sample.replace(/-/g, '');
    for (let i = 0; i < plain.length; i++) {
      for (const c of ALPHABET) {
        if (c === plain[i]) continue;
        const typo = plain.slice(0, i) + c + plain.slice(i + 1);
        expect(parseCertificateNumber(typo)).toEqual({ ok: false, problem: 'check' });
      }
    }
  });
  it('catch most swapped neighbours', () => {
    const plain = sample.replace(/-/g, '');
    let caught = 0;
    let swaps = 0;
    for (let i = 0; i + 1 < plain.length; i++) {
      if (plain[i] === plain[i + 1]) continue;
      swaps++;
      const swapped = plain.slice(0, i) + plain[i + 1] + plain[i] + plain.slice(i + 2);
      if (!parseCertificateNumber(swapped).ok) caught++;
    }
    expect(caught / swaps).toBeGreaterThan(0.9);
  });
  it('refuse the wrong shape without a check', () => {
    expect(parseCertificateNumber('')).toEqual({ ok: false, problem: 'shape' });
    expect(parseCertificateNumber('ABCD-EFGH')).toEqual({ ok: false, problem: 'shape' });
    expect(parseCertificateNumber(`${sample}-X`)).toEqual({ ok: false, problem: 'shape' });
    expect(parseCertificateNumber(sample.replace(/^./, 'U'))).toEqual({ ok: false, problem: 'shape' });
    expect(parseCertificateNumber('<script>alert(1)</script>')).toEqual({ ok: false, problem: 'shape' });
  });
});
