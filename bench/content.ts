// Content compile times: every unit from an empty cache, and one edited unit again.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export interface CompileTimes {
  fullMs: number;
  units: number;
  unit: string;
  /** Median of the one-unit recompiles. */
  unitMs: number;
}

export async function compileTimes(contentRoot = resolve('content'), repeats = 5): Promise<CompileTimes> {
  const cwd = mkdtempSync(join(tmpdir(), 'pa-bench-compile-'));
  try {
    const repo = process.cwd();
    const { stdout } = await promisify(execFile)(
      join(repo, 'node_modules/.bin/tsx'),
      ['--tsconfig', join(repo, 'tsconfig.json'), join(repo, 'bench/compile-child.ts'), contentRoot, String(repeats)],
      { cwd, maxBuffer: 10_000_000 },
    );
    const r = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
      fullMs: number;
      units: number;
      unit: string;
      unitMs: number[];
    };
    const sorted = [...r.unitMs].sort((a, b) => a - b);
    return { fullMs: r.fullMs, units: r.units, unit: r.unit, unitMs: sorted[Math.floor(sorted.length / 2)] };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
