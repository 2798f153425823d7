import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import matter from 'gray-matter';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canary, HOSTILE_UNITS, writeHostileUnits } from '../../tests/fixtures/hostile-units';
import { freshSqlite, type TestDb } from '../../tests/setup/db';
import { compileUnit } from './compile.server';
import { buildContent } from './content.server';
import { splitFrontmatter } from './frontmatter';
import { formatProblem } from './problems';
import { checkEdit, studioTarget } from './studio.server';
import { urlProblem } from './urls';

// docs/decisions/012-content-trust-model.md: no path hands author text to anything that
// evaluates it, and every hostile source is refused with a problem at its line and column.

let dir: string;
const trap = canary();
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pa-hostile-'));
  cpSync('tests/fixtures/content', dir, { recursive: true });
  trap.reset();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  trap.reset();
});

/** As the studio checks it: in place of the fixture's second unit. */
const ctx = { canary: trap.path, slug: 'second', order: 2 };

describe('the canary', () => {
  it('fires when a ---js unit reaches gray-matter, as mdx-bundler used to hand it', () => {
    const js = HOSTILE_UNITS.find((u) => u.name === 'js');
    matter(js?.source(ctx) ?? '', {});
    expect(trap.fired()).toBe(true);
  });
});

describe('content check (loader and compiler, as content:check, the build and a reload run them)', () => {
  it('refuses every hostile unit at its line and column, and runs none of them', async () => {
    const written = writeHostileUnits(dir, trap.path);
    const content = await buildContent(dir);
    const problems = content.problems.map((p) => formatProblem({ ...p, file: p.file.slice(p.file.indexOf('courses/')) }));
    for (const { unit, rel } of written) {
      const mine = problems.filter((p) => p.startsWith(`${rel}:`));
      expect(mine, unit.name).toContainEqual(expect.stringMatching(new RegExp(`^${rel}:${unit.at} `)));
      expect(
        mine.some((p) => unit.message.test(p)),
        `${unit.name}: ${mine.join(' | ')}`,
      ).toBe(true);
    }
    // A hostile unit whose front matter is valid is listed, but nothing of it is compiled.
    for (const u of content.courses[0].units.filter((x) => x.meta.slug.startsWith('hostile-')))
      expect(u.compiled, u.meta.slug).toBeNull();
    expect(trap.fired()).toBe(false);
  });

  it('npm run content:check exits 1 and prints each hostile file at its line and column', () => {
    const written = writeHostileUnits(dir, trap.path);
    let out = '';
    let code = 0;
    try {
      execFileSync('node_modules/.bin/tsx', ['scripts/content-check.ts', '--dir', dir], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const err = e as { status: number; stderr: string; stdout: string };
      code = err.status;
      out = err.stderr + err.stdout;
    }
    expect(code).toBe(1);
    for (const { unit, rel } of written) expect(out, unit.name).toMatch(new RegExp(`${rel}:${unit.at} `));
    expect(trap.fired()).toBe(false);
  });
});

describe('compileUnit on the raw source, as the studio hands it', () => {
  it.each(HOSTILE_UNITS.map((u) => [u.name, u] as const))('%s: runs nothing; an MDX problem is refused', async (_, unit) => {
    const result = await compileUnit('unit.mdx', unit.source(ctx));
    expect(trap.fired()).toBe(false);
    if (unit.frontmatter) return;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map(formatProblem)).toContainEqual(expect.stringMatching(`^unit.mdx:${unit.at} `));
  });
});

describe('a unit with a problem is never bundled', () => {
  it('an import is reported by the checker and never resolved by esbuild', async () => {
    const result = await compileUnit('unit.mdx', "---\ntitle: x\n---\n\nimport secret from '../../.env'\n\nHello.\n");
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.map(formatProblem)).toEqual([
        'unit.mdx:5:1 imports and exports are not allowed in a unit; use the components listed in content/README.md',
      ]);
  });
});

describe('the studio check and preview', () => {
  // The studio checks an edit against the draft, imported from the fixture copy on first use.
  let t: TestDb;
  beforeEach(async () => {
    t = await freshSqlite();
  });
  afterEach(async () => {
    await t.cleanup();
  });
  it.each(HOSTILE_UNITS.map((u) => [u.name, u] as const))(
    '%s: refused with a message, no preview, nothing run',
    async (_, unit) => {
      const target = await studioTarget(dir, 'courses/mini/units/02-second.mdx');
      if (!target) throw new Error('fixture unit missing');
      const check = await checkEdit(t.handle.db, target, unit.source(ctx));
      expect(check.unit).toBeNull();
      const here = check.problems.filter((p) => p.file === target.display);
      expect(here.map(formatProblem)).toContainEqual(expect.stringMatching(new RegExp(`:${unit.at} `)));
      expect(
        here.some((p) => unit.message.test(p.message)),
        here.map(formatProblem).join(' | '),
      ).toBe(true);
      expect(trap.fired()).toBe(false);
    },
  );
});

describe('splitFrontmatter', () => {
  it('reads --- YAML and empties it out of the body, keeping line numbers', () => {
    const s = splitFrontmatter('u.mdx', '---\ntitle: A\n---\n\n# Hi\n');
    expect(s).toEqual({ yaml: 'title: A', yamlLine: 2, body: '\n\n\n\n# Hi\n', problems: [] });
  });
  it('keeps carriage returns so columns and lines still match on CRLF files', () => {
    expect(splitFrontmatter('u.mdx', '---\r\ntitle: A\r\n---\r\n# Hi\r\n').body).toBe('\r\n\r\n\r\n# Hi\r\n');
  });
  it.each([
    ['---js\nx\n---\nBody', 'u.mdx:1:4'],
    ['--- js\nx\n---\nBody', 'u.mdx:1:5'],
    ['+++\nx = 1\n+++\nBody', 'u.mdx:1:1'],
    ['# No front matter', 'u.mdx:1:1'],
    ['---\ntitle: never closed\n', 'u.mdx:1:1'],
    ['\uFEFF---javascript\nx\n---\nBody', 'u.mdx:1:4'],
  ])('refuses %j at %s, and the body never starts with a delimiter', (source, at) => {
    const s = splitFrontmatter('u.mdx', source);
    expect(s.yaml).toBeNull();
    expect(s.problems.map(formatProblem)[0]).toMatch(new RegExp(`^${at} `));
    expect(s.body).not.toMatch(/^(\uFEFF|---|\+\+\+|;;;)/);
  });
});

describe('urlProblem', () => {
  it.each([
    'https://example.org/a?b#c',
    'http://example.org',
    'mailto:help@example.org',
    'HTTPS://EXAMPLE.ORG',
    '/courses/peer-support',
    '../other-unit',
    'notes.pdf',
    '#key-terms',
    '?page=2',
  ])('allows %s', (url) => expect(urlProblem(url)).toBeNull());
  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    '\u0001javascript:alert(1)',
    'vbscript:msgbox',
    'data:text/html,hi',
    'file:///etc/passwd',
    'tel:123',
    '//evil.example',
    '/\\evil.example',
  ])('refuses %j', (url) => expect(urlProblem(url)).toMatch(/not allowed|another site/));
});
