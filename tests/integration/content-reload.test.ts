import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Outside production, a saved unit shows on the next request without a restart; the content
// is only rebuilt when a file changed.
const dir = mkdtempSync(join(tmpdir(), 'pa-reload-'));
cpSync('tests/fixtures/content', dir, { recursive: true });
process.env.CONTENT_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('getContent outside production', () => {
  it('reuses the loaded content until a file changes, then reloads it', async () => {
    const { getContent } = await import('../../app/content/content.server');
    const first = await getContent();
    expect(await getContent()).toBe(first);
    const file = join(dir, 'courses/mini/units/02-second.mdx');
    writeFileSync(file, readFileSync(file, 'utf8').replace('You are done.', 'You are finished now.'));
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    const second = await getContent();
    expect(second).not.toBe(first);
    expect(second.version).not.toBe(first.version);
    const html = second.courses[0].units[1].compiled?.segments.map((s) => (s.kind === 'html' ? s.html : '')).join('');
    expect(html).toContain('You are finished now.');
  });
});
