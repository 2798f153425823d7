// The results table and the machine it ran on.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

export type Verdict = 'PASS' | 'MISS' | '';
export interface Line {
  name: string;
  value: string;
  budget?: string;
  verdict?: Verdict;
}

export const verdict = (ok: boolean): Verdict => (ok ? 'PASS' : 'MISS');

export function table(lines: (Line | string)[]): string {
  const rows = lines.filter((l): l is Line => typeof l !== 'string');
  const w = {
    name: Math.max(4, ...rows.map((l) => l.name.length)),
    value: Math.max(5, ...rows.map((l) => l.value.length)),
    budget: Math.max(6, ...rows.map((l) => (l.budget ?? '').length)),
  };
  const out = [`${'name'.padEnd(w.name)}  ${'value'.padEnd(w.value)}  ${'budget'.padEnd(w.budget)}  result`];
  out.push('-'.repeat(w.name + w.value + w.budget + 14));
  for (const l of lines) {
    if (typeof l === 'string') out.push(`\n${l}`);
    else
      out.push(
        `${l.name.padEnd(w.name)}  ${l.value.padEnd(w.value)}  ${(l.budget ?? '').padEnd(w.budget)}  ${l.verdict ?? ''}`.trimEnd(),
      );
  }
  return out.join('\n');
}

export function machine(): Record<string, string> {
  let cpu = 'unknown';
  try {
    cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpu;
  } catch {
    // not Linux
  }
  let memory = 'unknown';
  try {
    memory = execFileSync('free', ['-h'], { encoding: 'utf8' }).trim();
  } catch {
    // no `free`
  }
  let nproc = String(availableParallelism());
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // no `nproc`
  }
  return {
    nproc,
    cpu,
    node: process.version,
    'load average at start': loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
    'free -h': memory,
  };
}

export const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
export const num = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
