// Page weight of a first load: the HTML and every script, module preload and stylesheet it
// names on our own origin, raw and gzipped.
import { gzipSync } from 'node:zlib';
import { request } from './http';

export interface Weight {
  html: { raw: number; gzip: number };
  js: { raw: number; gzip: number; files: number };
  css: { raw: number; gzip: number; files: number };
  total: { raw: number; gzip: number };
}

const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i'))?.[1];

/** Same-origin asset URLs in the HTML: `<script src>`, modulepreload and stylesheet links. */
export function assetsOf(html: string): { js: string[]; css: string[] } {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src?.startsWith('/')) js.add(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attr(tag, 'rel')?.toLowerCase().split(/\s+/) ?? [];
    const href = attr(tag, 'href');
    if (!href?.startsWith('/') || href.startsWith('//')) continue;
    if (rel.includes('modulepreload')) js.add(href);
    else if (rel.includes('stylesheet')) css.add(href);
  }
  return { js: [...js], css: [...css] };
}

const gz = (b: Buffer) => gzipSync(b).length;

export async function pageWeight(base: string, path: string, cookie: string): Promise<Weight> {
  const page = await request(base + path, { headers: { cookie } });
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
  const { js, css } = assetsOf(page.body.toString());
  const sum = async (urls: string[]) => {
    let raw = 0;
    let gzip = 0;
    for (const u of urls) {
      const r = await request(base + u);
      if (r.status !== 200) throw new Error(`${u} answered ${r.status}`);
      raw += r.body.length;
      gzip += gz(r.body);
    }
    return { raw, gzip, files: urls.length };
  };
  const html = { raw: page.body.length, gzip: gz(page.body) };
  const jsW = await sum(js);
  const cssW = await sum(css);
  return {
    html,
    js: jsW,
    css: cssW,
    total: { raw: html.raw + jsW.raw + cssW.raw, gzip: html.gzip + jsW.gzip + cssW.gzip },
  };
}
