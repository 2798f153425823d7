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

// The layers below the routes hand words to pages as message ids with values (app/domain/said.ts);
// the texts below are the known exceptions, each for a reason. Add one only with its reason.
const BELOW_ROUTES = ['app/domain', 'app/jobs', 'app/views', 'app/web', 'app/guards'];
const NOT_FOR_READERS: Record<string, { why: string; texts: string[] }> = {
  'app/domain/certificate.ts': {
    why: 'the signed Open Badges credential is English by design; the stored signer titles are translated by the PDF (signerRole)',
    texts: [
      ...['January', 'February', 'March', 'April', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
      'Program administrator',
      'Trainer',
      'Completed the  …  training with',
      'Profile',
      'Certificate of completion:  …',
      'Certificate number  … . Check it at  …',
      'Achievement',
      'Certificate',
      '…  of training:  …  live and  …  self-paced.',
    ],
  },
  'app/domain/certificate-number.ts': { why: 'an internal error', texts: ['A certificate number needs 10 random bytes.'] },
  'app/domain/exam.ts': {
    why: 'a blueprint the bank cannot fill is a content bug the content checker reports, never a reader’s message',
    texts: ['The  …  area has  …  items; the blueprint asks for  … .', 'The bank has  …  scenarios; the form asks for  … .'],
  },
  'app/domain/locale.ts': { why: 'each language’s name in itself', texts: ['English', 'Español'] },
  'app/domain/quiz.ts': { why: 'stored option texts; pages say them by id (useOptionText)', texts: ['True', 'False'] },
  'app/domain/statistics.ts': { why: 'a key for unanswered items, never shown', texts: ['(no answer)'] },
  'app/domain/status-list.ts': { why: 'an internal error', texts: ['No status entry  … .'] },
  'app/domain/mail.ts': { why: 'the HTML frame of a mail, around catalogue words', texts: [] },
  'app/jobs/outbox-worker.server.ts': { why: 'server log lines', texts: [] },
  'app/jobs/content-watch.server.ts': { why: 'server log lines and a SQL command', texts: [] },
  'app/guards/auth.server.ts': { why: 'an HTTP status text', texts: ['Forbidden'] },
};

describe('no user-visible text below the routes', () => {
  const below = BELOW_ROUTES.flatMap((dir) => readdirSync(dir).map((f) => `${dir}/${f}`))
    .filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.'))
    .sort();
  for (const file of below) {
    it(file, () => {
      const allowed = NOT_FOR_READERS[file];
      const found = findLiterals(file, readFileSync(file, 'utf8'))
        .filter((l) => !(allowed && (allowed.texts.length === 0 || allowed.texts.some((t) => l.text.startsWith(t)))))
        .map((l) => `${file}:${l.line}:${l.column} ${l.text}`);
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
