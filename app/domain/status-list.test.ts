import { describe, expect, it } from 'vitest';
import { emptyStatusList, STATUS_LIST_LENGTH, setStatusBit, statusBit } from './status-list';

describe('status list bits', () => {
  it('is 16 KiB of zeros: nothing revoked', () => {
    const list = emptyStatusList();
    expect(list.length).toBe(16_384);
    expect(STATUS_LIST_LENGTH).toBe(131_072);
    expect(statusBit(list, 0)).toBe(false);
    expect(statusBit(list, STATUS_LIST_LENGTH - 1)).toBe(false);
  });
  it('counts from the most significant bit of the first byte, as the specification says', () => {
    const list = emptyStatusList(16);
    setStatusBit(list, 0);
    expect([...list]).toEqual([0x80, 0]);
    setStatusBit(list, 9);
    expect([...list]).toEqual([0x80, 0x40]);
    setStatusBit(list, 15);
    expect([...list]).toEqual([0x80, 0x41]);
    expect(statusBit(list, 9)).toBe(true);
    expect(statusBit(list, 8)).toBe(false);
  });
  it('refuses entries outside the list', () => {
    const list = emptyStatusList(16);
    expect(() => setStatusBit(list, 16)).toThrow(RangeError);
    expect(() => statusBit(list, -1)).toThrow(RangeError);
    expect(() => statusBit(list, 1.5)).toThrow(RangeError);
  });
});
