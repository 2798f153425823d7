import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { type CertificateFacts, type Program, signerRole } from '../domain/certificate';
import type { Locale } from '../domain/locale';
import { translator } from '../i18n/intl.server';

// The certificate of completion as a one-page, US letter, tagged PDF (docs/decisions/023-certificates-and-verification.md):
// every piece of text sits in a structure element (H1, H2, P, Figure) in reading order, the
// document has a language and a title, and the border and signature line are artifacts. It
// names the program as configured and claims no approval beyond PROGRAM_APPROVAL.
// Text is set in Noto Sans, embedded (subset): legal names with Vietnamese, Latin Extended,
// Greek or Cyrillic letters print as written, which the standard PDF fonts cannot do. Names in
// scripts Noto Sans lacks (Chinese, Korean, Armenian, …) need another font (ADR 023).

export interface CertificateDocument {
  facts: CertificateFacts;
  number: string;
  verifyUrl: string;
  program: Program;
  issuedAt: number;
  /** The holder's language (default English): every word of the page, its dates and its tag. */
  locale?: Locale;
}

const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
};
let fonts: { regular: Buffer; bold: Buffer } | undefined;
/** The font files, read once per process. */
function fontData() {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    fonts = {
      regular: readFileSync(require.resolve(FONT_FILES.regular)),
      bold: readFileSync(require.resolve(FONT_FILES.bold)),
    };
  }
  return fonts;
}

const NO_COMPOSITION = { ccmp: false } as unknown as PDFKit.Mixins.TextOptions['features'];

const WIDTH = 792;
const HEIGHT = 612;
const INK = '#1d2a36';
const ACCENT = '#1f5f8b';

/** Renders the certificate; resolves to the PDF's bytes. */
export async function renderCertificatePdf(input: CertificateDocument): Promise<Buffer> {
  const { facts, program } = input;
  const locale = input.locale ?? 'en';
  const t = translator(locale);
  const date = (iso: string) => calendarDate(iso, locale);
  const hours = {
    total: duration(t, facts.liveMinutes + facts.selfPacedMinutes),
    live: duration(t, facts.liveMinutes),
    selfPaced: duration(t, facts.selfPacedMinutes),
  };
  const dates =
    facts.startedOn === facts.completedOn
      ? date(facts.completedOn)
      : t('certificate.pdf.range', { from: date(facts.startedOn), to: date(facts.completedOn) });
  const doc = new PDFDocument({
    size: 'LETTER',
    layout: 'landscape',
    margin: 36,
    pdfVersion: '1.7',
    tagged: true,
    lang: locale === 'es' ? 'es-US' : 'en-US',
    displayTitle: true,
    info: {
      Title: t('certificate.pdf.title', { course: facts.courseTitle, name: facts.legalName }),
      Author: program.name,
      Subject: t('certificate.pdf.number', { number: input.number }),
      Keywords: input.number,
      CreationDate: new Date(input.issuedAt),
    },
  });
  const { regular, bold } = fontData();
  doc.registerFont('Body', regular);
  doc.registerFont('Bold', bold);
  doc.font('Body');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  const artifact = (draw: () => void) => {
    doc.markContent('Artifact', { type: 'Layout' });
    draw();
    doc.endMarkedContent();
  };
  const block = (
    tag: string,
    text: string,
    at: {
      x?: number;
      y: number;
      width?: number;
      size: number;
      bold?: boolean;
      color?: string;
      align?: 'center' | 'left' | 'right';
    },
  ) => {
    root.add(
      doc.struct(tag, {}, () => {
        doc
          .font(at.bold ? 'Bold' : 'Body')
          .fontSize(at.size)
          .fillColor(at.color ?? INK)
          .text(text.normalize('NFC'), at.x ?? 72, at.y, {
            width: at.width ?? WIDTH - 144,
            align: at.align ?? 'center',
            // NOTE: with the font's glyph composition (ccmp) on, "ị" is drawn as "i" plus a dot
            // glyph, and the text layer (search, screen readers) then reads a plain "i" wherever
            // an "i" appeared earlier on the page. Precomposed glyphs keep the text right.
            features: NO_COMPOSITION,
          });
      }),
    );
  };

  artifact(() => {
    doc
      .lineWidth(3)
      .strokeColor(ACCENT)
      .rect(24, 24, WIDTH - 48, HEIGHT - 48)
      .stroke();
    doc
      .lineWidth(0.75)
      .rect(32, 32, WIDTH - 64, HEIGHT - 64)
      .stroke();
  });

  block('H1', t('certificate.pdf.heading'), { y: 62, size: 30, bold: true, color: ACCENT });
  block('P', t('certificate.pdf.certifies'), { y: 112, size: 13 });
  // A long name or title shrinks to stay on its one line rather than push into the next.
  const fit = (text: string, max: number, min: number) => {
    let size = max;
    doc.font('Bold');
    while (size > min && doc.fontSize(size).widthOfString(text) > WIDTH - 144) size -= 1;
    return size;
  };
  block('P', facts.legalName, { y: 134, size: fit(facts.legalName, 28, 14), bold: true });
  block('P', t('certificate.pdf.completed'), { y: 178, size: 13 });
  block('H2', facts.courseTitle, { y: 198, size: fit(facts.courseTitle, 20, 11), bold: true });
  block('P', t('certificate.pdf.hours', hours), { y: 232, size: 13 });
  block('P', t('certificate.pdf.dates', { dates, completed: date(facts.completedOn) }), {
    y: 252,
    size: 13,
  });
  if (facts.competencies.length) {
    // The list must fit the page: the type shrinks (to 7 pt at least) rather than spill over.
    const text = t('certificate.pdf.competencies', { list: facts.competencies.join('; ') });
    let size = 11;
    doc.font('Body');
    while (size > 7 && doc.fontSize(size).heightOfString(text, { width: WIDTH - 200 }) > 92) size -= 0.5;
    block('P', text, { x: 100, y: 282, width: WIDTH - 200, size });
  }

  // Signature, bottom left.
  artifact(() => {
    doc.lineWidth(0.75).strokeColor(INK).moveTo(72, 440).lineTo(300, 440).stroke();
  });
  block('P', facts.signerName, { x: 72, y: 446, width: 228, size: 12, bold: true, align: 'left' });
  const role = signerRole(facts.signerTitle);
  block('P', t('certificate.pdf.signerTitle', { role: role ?? 'other', title: facts.signerTitle }), {
    x: 72,
    y: 462,
    width: 228,
    size: 11,
    align: 'left',
  });

  // The training provider, as configured.
  const provider = [t('certificate.pdf.provider', { name: program.name }), program.address, program.approval]
    .filter(Boolean)
    .join('\n');
  block('P', provider, { x: 72, y: 492, width: 400, size: 10, align: 'left' });

  // Verification, bottom right: a QR code (drawn as vectors) and the short address.
  const qr = QRCode.create(input.verifyUrl, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const side = 96;
  const cell = side / size;
  const qx = WIDTH - 72 - side;
  const qy = 372;
  root.add(
    doc.struct('Figure', { alt: t('certificate.pdf.qr', { url: input.verifyUrl }) }, () => {
      for (let r = 0; r < size; r++) {
        for (let c = 0; c < size; c++) if (qr.modules.get(r, c)) doc.rect(qx + c * cell, qy + r * cell, cell, cell);
      }
      doc.fillColor('#000000').fill();
    }),
  );
  block('P', t('certificate.pdf.number', { number: input.number }), {
    x: WIDTH - 372,
    y: 478,
    width: 300,
    size: 11,
    bold: true,
    align: 'right',
  });
  block('P', t('certificate.pdf.check', { url: input.verifyUrl }), {
    x: WIDTH - 432,
    y: 494,
    width: 360,
    size: 9,
    align: 'right',
  });
  block('P', t('certificate.pdf.issued', { date: date(pacificDate(input.issuedAt)) }), {
    x: WIDTH - 372,
    y: 508,
    width: 300,
    size: 9,
    align: 'right',
  });

  root.end();
  doc.end();
  return done;
}

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' });
/** 'YYYY-MM-DD' of an instant, in Pacific time. */
function pacificDate(ms: number): string {
  return dayFormat.format(ms);
}

/** "52 hours 30 minutes", "1 hour", "45 minutes", "0 minutes" in the page's language. */
function duration(t: ReturnType<typeof translator>, minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  const parts = [];
  if (h) parts.push(t('certificate.duration.hours', { count: h }));
  if (m || !h) parts.push(t('certificate.duration.minutes', { count: m }));
  return parts.join(' ');
}

/** 'YYYY-MM-DD' as the language writes a date: "September 1, 2026", "1 de septiembre de 2026". */
function calendarDate(isoDate: string, locale: Locale): string {
  const ms = Date.parse(`${isoDate}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || Number.isNaN(ms)) return isoDate;
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(ms);
}
