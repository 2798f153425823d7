// Certificate numbers (docs/decisions/023-certificates-and-verification.md): 75 random bits
// written as 15 Crockford base32 characters plus one Luhn mod 32 check character, in four
// groups of four: "K7QM-3XPA-9F2D-H8TC". The check character catches every single mistyped
// character and most swapped neighbours, so a typo is told apart from an unknown number
// without a database lookup. Crockford's alphabet has no I, L, O or U; people who type them
// mean 1, 1, 0 (U is refused).

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = ALPHABET.length;
/** Random characters per number (75 bits). */
const DATA_CHARS = 15;
/** Random bytes a number is made from (80 bits; the last 5 are dropped). */
export const CERTIFICATE_NUMBER_BYTES = 10;

function luhnSum(values: number[], startFactor: 1 | 2): number {
  let factor = startFactor;
  let sum = 0;
  for (let i = values.length - 1; i >= 0; i--) {
    const addend = factor * values[i];
    sum += Math.floor(addend / N) + (addend % N);
    factor = factor === 2 ? 1 : 2;
  }
  return sum;
}

function checkValue(values: number[]): number {
  return (N - (luhnSum(values, 2) % N)) % N;
}

function group(chars: string): string {
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

/** A certificate number from 10 random bytes (the caller brings the randomness). */
export function certificateNumberFrom(bytes: Uint8Array): string {
  if (bytes.length < CERTIFICATE_NUMBER_BYTES) throw new Error('A certificate number needs 10 random bytes.');
  let bits = '';
  for (const b of bytes.slice(0, CERTIFICATE_NUMBER_BYTES)) bits += b.toString(2).padStart(8, '0');
  const values: number[] = [];
  for (let i = 0; i < DATA_CHARS; i++) values.push(Number.parseInt(bits.slice(i * 5, i * 5 + 5), 2));
  values.push(checkValue(values));
  return group(values.map((v) => ALPHABET[v]).join(''));
}

export type ParsedNumber = { ok: true; number: string } | { ok: false; problem: 'shape' | 'check' };

/**
 * Reads a number as a person typed it: any case, with or without dashes or spaces, O for 0 and
 * I or L for 1. Returns the number in its one written form, or why it cannot be one.
 */
export function parseCertificateNumber(input: string): ParsedNumber {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== DATA_CHARS + 1) return { ok: false, problem: 'shape' };
  const values = [...cleaned].map((c) => ALPHABET.indexOf(c));
  if (values.some((v) => v < 0)) return { ok: false, problem: 'shape' };
  if (luhnSum(values, 1) % N !== 0) return { ok: false, problem: 'check' };
  return { ok: true, number: group(cleaned) };
}
