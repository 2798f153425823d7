import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findLiterals } from './literals';

// Every string a person sees comes from app/i18n/catalogues. This fails on text written
// straight into a route or component. NOT_YET_SWEPT lists files still to move to the
// catalogues: remove a file from it when you sweep it; never add one.
const NOT_YET_SWEPT = new Set<string>(['app/routes/author.courses.$course.images.tsx']);

const files = ['app/routes', 'app/components']
  .flatMap((dir) => readdirSync(dir).map((f) => `${dir}/${f}`))
  .filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.'))
  .sort();

describe('no user-visible text outside the catalogues', () => {
  for (const file of files) {
    if (NOT_YET_SWEPT.has(file)) continue;
    it(file, () => {
      const found = findLiterals(file, readFileSync(file, 'utf8')).map((l) => `${file}:${l.line}:${l.column} ${l.text}`);
      expect(found).toEqual([]);
    });
  }
});

describe('the literal finder', () => {
  const find = (src: string) => findLiterals('x.tsx', src).map((l) => l.text);
  it('finds JSX text, visible attributes, sentences and titles', () => {
    expect(find('const a = <p>Hello there</p>;')).toEqual(['Hello there']);
    expect(find('const a = <button aria-label="Close menu" className="big red">{t("x")}</button>;')).toEqual(['Close menu']);
    expect(find("throw new Response('We could not find that course.', { status: 404 });")).toEqual([
      'We could not find that course.',
    ]);
    expect(find("export const meta = () => pageMeta('Log in · Peer Academy');")).toEqual(['Log in · Peer Academy']);
    const template = ['const s = `', '$' + '{n}', ' questions left, take your time.`;'].join('');
    expect(find(template)).toHaveLength(1);
  });
  it('leaves ids, paths, class names and keys alone', () => {
    expect(find('const a = <p className="muted small">{t(\'unit.title\')}</p>;')).toEqual([]);
    expect(
      find("redirect('/courses/peer-support-core'); const x = { 'Content-Type': 'text/csv' }; z.enum(['en', 'es']);"),
    ).toEqual([]);
    expect(find("const a = <span>{' · '}</span>; const b = <span>{n} %</span>;")).toEqual([]);
  });
});
