// The bits of a Bitstring Status List (W3C, docs/decisions/024-signing-keys-and-open-badges.md):
// bit i is the i-th bit counting from the most significant bit of the first byte; 1 = revoked.
// The list has 131,072 entries (16 KiB), the specification's minimum, so that one entry says
// little about which credential it is. Compression and signing happen elsewhere.

export const STATUS_LIST_LENGTH = 131_072;

/** A list of `length` entries, all 0 (not revoked). */
export function emptyStatusList(length = STATUS_LIST_LENGTH): Uint8Array {
  return new Uint8Array(Math.ceil(length / 8));
}

export function setStatusBit(list: Uint8Array, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= list.length * 8) throw new RangeError(`No status entry ${index}.`);
  list[index >> 3] |= 0x80 >> (index & 7);
}

export function statusBit(list: Uint8Array, index: number): boolean {
  if (!Number.isInteger(index) || index < 0 || index >= list.length * 8) throw new RangeError(`No status entry ${index}.`);
  return (list[index >> 3] & (0x80 >> (index & 7))) !== 0;
}
