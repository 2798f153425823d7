import { afterEach, beforeEach, vi } from 'vitest';
import { configureHashCost } from '../../app/infra/password.server';

// Passwords hashed in tests cost 2^10 instead of 2^17: the same code, 128 times less CPU, so
// tests that sign up and log in many times stay far from their timeouts.
configureHashCost(2 ** 10);

// A test that logs an error has a bug somewhere: fail it.
let spy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  spy = vi.spyOn(console, 'error');
});
afterEach(() => {
  const calls = spy.mock.calls;
  spy.mockRestore();
  if (calls.length) throw new Error(`console.error was called:\n${calls.map((c: unknown[]) => c.join(' ')).join('\n')}`);
});
