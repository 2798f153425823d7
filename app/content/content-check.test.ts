import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildContent, pruneContentCache, useContentCacheDir } from './content.server';
import { loadContentSources } from './load.server';
import { formatProblem } from './problems';

const FIXTURE = 'tests/fixtures/content';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pa-content-'));
  cpSync(FIXTURE, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const edit = (rel: string, fn: (s: string) => string) => {
  const p = join(dir, rel);
  writeFileSync(p, fn(readFileSync(p, 'utf8')));
};
async function problems() {
  const content = await buildContent(dir);
  return content.problems.map((p) => formatProblem({ ...p, file: p.file.slice(p.file.indexOf('courses/')) }));
}

describe('content check on the valid fixture', () => {
  it('finds no problems and compiles every unit', async () => {
    const content = await buildContent(dir);
    expect(content.problems).toEqual([]);
    const [unit] = content.courses[0].units;
    expect(unit.compiled?.keyTerms).toEqual([{ term: 'Hope', definition: 'Believing that things can get better.' }]);
    expect(unit.compiled?.reflections).toEqual([{ id: 'first-thought', prompt: 'What gives you hope?' }]);
    expect(unit.compiled?.segments.map((s) => s.kind)).toEqual(['html', 'reflection']);
    expect(content.courses[0].exam?.items).toHaveLength(6);
  });
  it('gives the same content version for the same files and a new one after an edit', async () => {
    const a = (await loadContentSources(dir)).version;
    expect((await loadContentSources(dir)).version).toBe(a);
    edit('courses/mini/units/02-second.mdx', (s) => `${s}\nMore text.\n`);
    expect((await loadContentSources(dir)).version).not.toBe(a);
  });
});

describe('line ends', () => {
  it('a unit saved with CRLF line ends loads and compiles like the same unit with LF', async () => {
    edit('courses/mini/units/02-second.mdx', (s) => s.replace(/\n/g, '\r\n'));
    const content = await buildContent(dir);
    expect(content.problems).toEqual([]);
    expect(content.courses[0].units[1].meta.title).toBe('The second unit');
    expect(content.courses[0].units[1].compiled?.words).toBeGreaterThan(0);
  });
});

describe('each kind of broken content is reported at its file, line and column', () => {
  it('bad YAML in a quiz', async () => {
    edit('courses/mini/units/01-first.quiz.yaml', (s) => s.replace('prompt: Pick b.', 'prompt: [Pick b.'));
    const p = await problems();
    expect(p.length).toBeGreaterThan(0);
    expect(p[0]).toMatch(/^courses\/mini\/units\/01-first\.quiz\.yaml:\d+:\d+ YAML: /);
  });
  it('invalid frontmatter, with the line in the MDX file', async () => {
    edit('courses/mini/units/02-second.mdx', (s) => s.replace('minutes: 5', 'minutes: five'));
    expect(await problems()).toEqual([expect.stringMatching(/^courses\/mini\/units\/02-second\.mdx:6:10 minutes: /)]);
  });
  it('a missing frontmatter field', async () => {
    edit('courses/mini/units/02-second.mdx', (s) => s.replace('summary: A unit without a quiz.\n', ''));
    expect(await problems()).toEqual([expect.stringMatching(/^courses\/mini\/units\/02-second\.mdx:2:1 summary: /)]);
  });
  it('an MDX syntax error', async () => {
    edit('courses/mini/units/02-second.mdx', (s) => s.replace('You are done.', 'You are <Callout type="tip"> done.'));
    expect(await problems()).toEqual([
      expect.stringMatching(/^courses\/mini\/units\/02-second\.mdx:14:\d+ the <Callout> that starts here is never closed/),
    ]);
  });
  it('an unknown MDX component', async () => {
    edit('courses/mini/units/02-second.mdx', (s) => `${s}\n<Video src="x" />\n`);
    expect(await problems()).toEqual([
      'courses/mini/units/02-second.mdx:16:1 unknown component <Video>; use one of Callout, Scenario, Discussion, Reflection, KeyTerm, ContentNote',
    ]);
  });
  it('a component missing a required prop, or with a wrong value', async () => {
    edit('courses/mini/units/01-first.mdx', (s) =>
      s.replace('<Callout type="tip"', '<Callout type="hint"').replace(' definition="Believing that things can get better."', ''),
    );
    expect(await problems()).toEqual([
      'courses/mini/units/01-first.mdx:16:1 <KeyTerm> needs a definition="…" prop',
      'courses/mini/units/01-first.mdx:18:1 <Callout> type must be one of note, tip, warning, not "hint"',
    ]);
  });
  it('a duplicate unit slug', async () => {
    edit('courses/mini/units/02-second.mdx', (s) => s.replace('slug: second', 'slug: first'));
    expect(await problems()).toContainEqual(
      expect.stringMatching(/^courses\/mini\/units\/02-second\.mdx:3:7 duplicate unit slug "first"/),
    );
  });
  it('a duplicate question id', async () => {
    edit('courses/mini/units/01-first.quiz.yaml', (s) => s.replace('id: mini-two', 'id: mini-one'));
    expect((await problems())[0]).toMatch(/^courses\/mini\/units\/01-first\.quiz\.yaml:11:9 duplicate question id "mini-one"/);
  });
  it('a correct answer that is not among the options', async () => {
    edit('courses/mini/units/01-first.quiz.yaml', (s) => s.replace('answer: b', 'answer: c'));
    expect(await problems()).toEqual([
      'courses/mini/units/01-first.quiz.yaml:9:13 answer "c" is not one of this question\'s options (a, b)',
    ]);
  });
  it('a missing rationale', async () => {
    edit('courses/mini/units/01-first.quiz.yaml', (s) => s.replace('    rationale: It says so.\n', ''));
    expect(await problems()).toEqual([
      expect.stringMatching(
        /^courses\/mini\/units\/01-first\.quiz\.yaml:11:5 questions\.1\.rationale: every question needs a rationale/,
      ),
    ]);
  });
  it('a blueprint asking for more items than the bank holds', async () => {
    edit('courses/mini/exam/exam.yaml', (s) => s.replace('area-one: 2', 'area-one: 7'));
    expect(await problems()).toEqual([
      'courses/mini/exam/exam.yaml:17:17 form "short" draws 7 items from area-one but the bank holds 6',
    ]);
  });
  it('use: a wrong value is an error at its line and column; practice-only items do not count for the exam', async () => {
    edit('courses/mini/exam/items/area-one.yaml', (s) => s.replace('  - id: a1-002\n', '  - id: a1-002\n    use: sometimes\n'));
    expect(await problems()).toEqual([
      'courses/mini/exam/items/area-one.yaml:12:10 items.1.use: use must be practice, exam or both',
      // A file that does not parse holds no items at all.
      'courses/mini/exam/exam.yaml:17:17 form "short" draws 2 items from area-one but the bank holds 0',
    ]);
    edit('courses/mini/exam/items/area-one.yaml', (s) => s.replace('use: sometimes', 'use: practice'));
    expect(await problems()).toEqual([
      'courses/mini/exam/items/area-one.yaml:3:3 area-one has 5 items; the short form draws 2, so the bank needs at least 6 (3 times the largest draw, so retakes and classmates see mostly different items)',
    ]);
  });
  it('an area with no item for practice sets is an error', async () => {
    edit('courses/mini/exam/items/area-one.yaml', (s) => s.replace(/ {2}- id: (a1-\d+)\n/g, '  - id: $1\n    use: exam\n'));
    expect(await problems()).toEqual([
      'courses/mini/exam/items/area-one.yaml:3:3 area-one has no item for practice sets: mark some items use: practice or both',
    ]);
  });
  it("a bank under three times the largest draw of its area, at the area's items file", async () => {
    edit('courses/mini/exam/exam.yaml', (s) => s.replace('area-one: 2', 'area-one: 3'));
    expect(await problems()).toEqual([
      'courses/mini/exam/items/area-one.yaml:3:3 area-one has 6 items; the short form draws 3, so the bank needs at least 9 (3 times the largest draw, so retakes and classmates see mostly different items)',
    ]);
    // The largest draw of any form counts, not the first form's.
    edit('courses/mini/exam/exam.yaml', (s) =>
      s
        .replace('area-one: 3', 'area-one: 1')
        .replace(
          'review:',
          '  - id: long\n    title: Long form\n    description: More items.\n    timeLimitMinutes: 10\n    attemptsAllowed: null\n    waitHoursBetweenAttempts: 0\n    scenarios: 0\n    blueprint:\n      area-one: 4\nreview:',
        ),
    );
    expect(await problems()).toEqual([
      expect.stringMatching(/area-one has 6 items; the long form draws 4, so the bank needs at least 12/),
    ]);
    edit('courses/mini/exam/exam.yaml', (s) => s.replace('area-one: 4', 'area-one: 2'));
    expect(await problems()).toEqual([]);
  });
  it('a unit that reads above grade 8, at the first line of its body', async () => {
    edit(
      'courses/mini/units/02-second.mdx',
      (s) =>
        `${s}\nComprehensive interdisciplinary collaboration necessitates organizational accountability and continuous institutional evaluation of administrative documentation requirements, notwithstanding considerable operational complexity.\n`,
    );
    expect(await problems()).toEqual([
      expect.stringMatching(
        /^courses\/mini\/units\/02-second\.mdx:11:1 reading grade \d+(\.\d)? is above 8: split the longest sentences/,
      ),
    ]);
  });
  it('a course source whose address is not https, http or mailto', async () => {
    edit('courses/mini/course.yaml', (s) => s.replace('url: https://example.org/', 'url: javascript:alert(1)'));
    expect(await problems()).toEqual([
      expect.stringMatching(/^courses\/mini\/course\.yaml:6:10 sources\.0\.url: "javascript:" addresses are not allowed/),
    ]);
  });
  it('an unknown competency', async () => {
    edit('courses/mini/units/02-second.mdx', (s) => s.replace('competencies: [ethics]', 'competencies: [ethics, flying]'));
    expect(await problems()).toEqual([
      'courses/mini/units/02-second.mdx:9:24 unknown competency "flying" (see content/competencies.yaml)',
    ]);
  });
});

async function warnings() {
  const content = await buildContent(dir);
  return content.warnings.map((p) => formatProblem({ ...p, file: p.file.slice(p.file.indexOf('courses/')) }));
}
const QUIZ = 'courses/mini/units/01-first.quiz.yaml';

describe('quiz pools, sections and order', () => {
  it('a section must be a "## " heading of the unit, and the heading gets that anchor', async () => {
    edit(QUIZ, (s) => s.replace('    prompt: Pick b.', '    section: Starting out\n    prompt: Pick b.'));
    expect(await problems()).toEqual([]);
    const content = await buildContent(dir);
    const html = content.courses[0].units[0].compiled?.segments.map((x) => (x.kind === 'html' ? x.html : '')).join('');
    expect(html).toContain('<h2 id="section-starting-out">Starting out</h2>');
    edit(QUIZ, (s) => s.replace('section: Starting out', 'section: Getting going'));
    expect(await problems()).toEqual([
      'courses/mini/units/01-first.quiz.yaml:5:14 section "Getting going" is not a "## " heading of this quiz\'s unit (headings: Starting out)',
    ]);
  });
  it('a draw larger than the pool is an error; a pool under twice the draw is a warning', async () => {
    edit(QUIZ, (s) => `draw: 3\n${s}`);
    expect(await problems()).toEqual(['courses/mini/units/01-first.quiz.yaml:1:7 draw is 3 but the quiz holds 2 questions']);
    edit(QUIZ, (s) => s.replace('draw: 3', 'draw: 2'));
    expect(await problems()).toEqual([]);
    expect(await warnings()).toEqual([
      expect.stringMatching(
        /^courses\/mini\/units\/01-first\.quiz\.yaml:1:7 the pool holds 2 questions for a draw of 2; with fewer than 4/,
      ),
    ]);
  });
  it('unknown review policies are errors; fixedOrder is a warning', async () => {
    edit(QUIZ, (s) => `review: sometimes\n${s}`);
    expect((await problems())[0]).toMatch(/^courses\/mini\/units\/01-first\.quiz\.yaml:1:9 review: /);
    edit(QUIZ, (s) =>
      s.replace('review: sometimes', 'review: never').replace('    answer: b', '    fixedOrder: true\n    answer: b'),
    );
    expect(await problems()).toEqual([]);
    expect(await warnings()).toEqual([
      expect.stringMatching(/^courses\/mini\/units\/01-first\.quiz\.yaml:10:17 fixedOrder keeps/),
    ]);
  });
  it('warns when the key is the longest option in most single-choice questions, with the figures', async () => {
    edit(QUIZ, (s) => s.replace('text: This one', 'text: This one is the long and careful answer'));
    expect(await warnings()).toEqual([
      expect.stringContaining(
        'courses/mini/units/01-first.quiz.yaml:3:3 quiz quality: the correct option is the longest one in 1 of 1 single-choice questions (100%',
      ),
    ]);
  });
});

describe('npm run content:check', () => {
  it('prints warnings and quiz figures without failing', () => {
    edit(QUIZ, (s) => s.replace('text: This one', 'text: This one is the long and careful answer'));
    const out = execFileSync('node_modules/.bin/tsx', ['scripts/content-check.ts', '--dir', dir], { encoding: 'utf8' });
    expect(out).toMatch(/first\s+asks all 2; longest option is the key in 1\/1 single-choice \(100%\)/);
    expect(out).toMatch(/1 warning .*\nwarning: .*01-first\.quiz\.yaml:3:3 quiz quality/);
    expect(out).toMatch(/area-one\s+6\s+2\s+3\.0x\n/);
    expect(out).toMatch(
      /area-one\s+longest option is the key in 0\/6 \(0%\); key by position: 1:3 \(chance 3\.0\) 2:3 \(chance 3\.0\); no cue words/,
    );
    expect(out).toContain('No problems found.');
  });
  it('exits 1 and prints path:line:column for broken content', () => {
    edit('courses/mini/units/01-first.quiz.yaml', (s) => s.replace('answer: b', 'answer: z'));
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
    expect(out).toMatch(/01-first\.quiz\.yaml:9:13 answer "z" is not one of this question's options/);
  });
});

describe('the compiled-unit cache', () => {
  it('keeps only the units of the current content once the content changes', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'pa-cache-'));
    useContentCacheDir(cache);
    try {
      const first = await buildContent(dir);
      const before = readdirSync(cache).sort();
      expect(before).toHaveLength(first.courses[0].units.length);
      edit('courses/mini/units/02-second.mdx', (s) => `${s}\nMore text.\n`);
      const second = await buildContent(dir);
      // The edited unit was compiled again: the old version's entry is still there until pruned.
      expect(readdirSync(cache)).toHaveLength(before.length + 1);
      expect(await pruneContentCache(second)).toBe(1);
      const after = readdirSync(cache).sort();
      expect(after).toHaveLength(before.length);
      expect(after.filter((f) => !before.includes(f))).toHaveLength(1);
      // What the current content uses still loads from the cache, unchanged.
      expect((await buildContent(dir)).courses[0].units.map((u) => u.compiled)).toEqual(
        second.courses[0].units.map((u) => u.compiled),
      );
    } finally {
      useContentCacheDir('.cache/content');
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
