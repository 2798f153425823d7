import { gunzipSync } from 'node:zlib';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CertificateFacts } from '../../app/domain/certificate';
import { useDatabase } from '../../app/infra/db.server';
import { createSession } from '../../app/infra/session.server';
import { certificatesFor, issueCertificate, VERIFY_LIMITS } from '../../app/models/certificate.server';
import { addMember, createCohort } from '../../app/models/cohort.server';
import { createUser } from '../../app/models/user.server';
import { loader as didLoader } from '../../app/routes/[.well-known].did[.]json';
import { loader as jwksLoader } from '../../app/routes/[.well-known].jwks[.]json';
import { loader as jwtLoader } from '../../app/routes/certificates.$id[.]jwt';
import { loader as pdfLoader } from '../../app/routes/certificates.$id[.]pdf';
import { loader as courseLoader } from '../../app/routes/courses.$course._index';
import { loader as statusLoader } from '../../app/routes/credentials.status.$list';
import { action as manageAction, loader as manageLoader } from '../../app/routes/trainer.certificates.$id';
import { loader as traineeLoader } from '../../app/routes/trainer.trainees.$userId';
import { action as verifyAction, loader as verifyIndexLoader } from '../../app/routes/verify._index';
import { loader as numberLoader } from '../../app/routes/verify.$number';
import { engines, type TestDb } from '../setup/db';
import { inEnglish } from '../setup/messages';

// Certificates end to end through the route modules, as Remix calls them, on both engines:
// issue, the PDF read back, the Open Badges credential checked by an independent verifier
// (jose against the published JWKS, the status list unpacked by hand), reissue, revoke, the
// public verify page, and what a trainer of another group can do by hand-made request.

const facts: CertificateFacts = {
  legalName: 'María José Núñez',
  courseSlug: 'peer-support-core',
  courseTitle: 'Peer Support Specialist Core Training',
  liveMinutes: 3150,
  selfPacedMinutes: 1650,
  startedOn: '2026-09-01',
  completedOn: '2026-11-23',
  competencies: ['Ethics and boundaries', 'Recovery-oriented practice'],
  signerName: 'Jordan Trainer',
  signerTitle: 'Lead Trainer',
};

async function outcome(p: Promise<unknown>): Promise<Response> {
  try {
    return (await p) as Response;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

async function pdfText(bytes: Uint8Array) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
  const markInfo = await doc.getMarkInfo();
  const tree = await page.getStructTree();
  const [, , width, height] = page.view;
  const pages = doc.numPages;
  await doc.destroy();
  return { text, markInfo, tree, width, height, pages };
}

/** The bit of a status list credential's entry, unpacked here without the app's code. */
function statusBitOf(listJwt: string, index: number): boolean {
  const claims = decodeJwt(listJwt) as { credentialSubject: { encodedList: string } };
  const bits = gunzipSync(Buffer.from(claims.credentialSubject.encodedList.slice(1), 'base64url'));
  return (bits[Math.floor(index / 8)] & (0x80 >> (index % 8))) !== 0;
}

for (const engine of engines) {
  describe(`certificates (${engine.name})`, () => {
    let t: TestDb;
    beforeEach(async () => {
      t = await engine.fresh();
      useDatabase(t.handle);
    });
    afterEach(async () => {
      await t.cleanup();
    });
    const db = () => t.handle.db;
    let n = 0;
    const ctx = (address = '10.0.0.1') => ({ requestId: 'test', nonce: '', clientAddress: address });

    async function person(name: string, role: 'trainee' | 'trainer' | 'admin' = 'trainee') {
      n++;
      const id = await createUser(db(), { email: `${name.toLowerCase()}${n}@example.org`, name, passwordHash: 'x', role });
      const cookie = (await createSession(id)).split(';')[0];
      return { id, cookie };
    }
    async function world() {
      const trainee = await person('Maria');
      const trainer = await person('Jordan', 'trainer');
      const otherTrainer = await person('Olive', 'trainer');
      const admin = await person('Alex', 'admin');
      const stranger = await person('Sam');
      const group = await createCohort(db(), { name: 'G', startsOn: '2026-09-01', endsOn: '2026-12-01', trainerId: trainer.id });
      await addMember(db(), group.id, trainee.id);
      const other = await createCohort(db(), {
        name: 'H',
        startsOn: '2026-09-01',
        endsOn: '2026-12-01',
        trainerId: otherTrainer.id,
      });
      await addMember(db(), other.id, stranger.id);
      const cert = await db()
        .transaction()
        .execute((trx) =>
          issueCertificate(trx, { userId: trainee.id, issuedBy: trainer.id, completionId: 'completion-1', facts }),
        );
      return { trainee, trainer, otherTrainer, admin, stranger, cert };
    }
    const get = (url: string, cookie?: string) =>
      new Request(`http://localhost${url}`, { headers: cookie ? { Cookie: cookie } : {} });
    const post = (url: string, cookie: string, form: Record<string, string>) =>
      new Request(`http://localhost${url}`, { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams(form) });
    const manage = (id: string, cookie: string, form: Record<string, string>) =>
      outcome(manageAction({ request: post(`/trainer/certificates/${id}`, cookie, form), params: { id }, context: ctx() }));
    const verify = async (number: string, address = '10.0.0.1') => {
      const r = await outcome(numberLoader({ request: get(`/verify/${number}`), params: { number }, context: ctx(address) }));
      return {
        status: r.status,
        headers: r.headers,
        body: (await r.json()) as { state: string; certificate: Record<string, unknown> | null },
      };
    };
    const jwks = async () => createLocalJWKSet(await ((await jwksLoader()) as Response).json());
    const statusList = async () => {
      const r = await outcome(statusLoader({ request: get('/credentials/status/1'), params: { list: '1' }, context: ctx() }));
      expect(r.headers.get('Content-Type')).toBe('application/vc+jwt');
      return r.text();
    };

    it('issues once per completion, with a checksummed number and the facts as given', async () => {
      const w = await world();
      expect(w.cert.number).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      const again = await issueCertificate(db(), {
        userId: w.trainee.id,
        issuedBy: w.trainer.id,
        completionId: 'completion-1',
        facts,
      });
      expect(again).toEqual(w.cert);
      const list = await certificatesFor(db(), w.trainee.id, 'peer-support-core');
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ status: 'valid', number: w.cert.number, facts, completionId: 'completion-1' });
      await expect(
        issueCertificate(db(), {
          userId: w.trainee.id,
          issuedBy: w.trainer.id,
          completionId: 'c2',
          facts: { ...facts, startedOn: 'soon' },
        }),
      ).rejects.toThrow();
    });

    it('gives the owner a one-page, letter, tagged PDF stating the name, hours and number, and nobody else', async () => {
      const w = await world();
      const r = await outcome(
        pdfLoader({
          request: get(`/certificates/${w.cert.id}.pdf`, w.trainee.cookie),
          params: { id: w.cert.id },
          context: ctx(),
        }),
      );
      expect(r.status).toBe(200);
      expect(r.headers.get('Content-Type')).toBe('application/pdf');
      expect(r.headers.get('Content-Disposition')).toContain(`certificate-${w.cert.number}.pdf`);
      const bytes = new Uint8Array(await r.arrayBuffer());
      const raw = Buffer.from(bytes).toString('latin1');
      expect(raw).toMatch(/\/StructTreeRoot/);
      expect(raw).toMatch(/\/MarkInfo/);
      expect(raw).toMatch(/\/Lang \(en-US\)/);
      const pdf = await pdfText(bytes);
      expect(pdf.pages).toBe(1);
      expect([pdf.width, pdf.height]).toEqual([792, 612]);
      expect(pdf.markInfo?.Marked).toBe(true);
      expect(JSON.stringify(pdf.tree)).toContain('"role":"H1"');
      expect(JSON.stringify(pdf.tree)).toContain('"role":"Figure"');
      const text = pdf.text.replace(/\s+/g, ' ');
      expect(text).toContain('María José Núñez');
      expect(text).toContain('52 hours 30 minutes live');
      expect(text).toContain('27 hours 30 minutes self-paced');
      expect(text).toContain(w.cert.number);
      expect(text).toContain(`/verify/${w.cert.number}`);
      expect(text).toContain('Demo Peer Training Program');
      expect(text).toContain('Jordan Trainer');

      // A name beyond the standard PDF fonts prints as written (the font is embedded).
      const { renderCertificatePdf } = await import('../../app/models/certificate-pdf.server');
      const vietnamese = await renderCertificatePdf({
        facts: { ...facts, legalName: 'Nguyễn Thị Hồng Nhung' },
        number: w.cert.number,
        verifyUrl: 'http://localhost/verify/x',
        program: { name: 'P', address: 'A', approval: '' },
        issuedAt: Date.now(),
      });
      expect((await pdfText(new Uint8Array(vietnamese))).text).toContain('Nguyễn Thị Hồng Nhung');
      // The signer's title, stored in English, is said in the holder's language; any other title as written.
      const signed = async (signerTitle: string, locale: 'en' | 'es') =>
        (
          await pdfText(
            new Uint8Array(
              await renderCertificatePdf({
                facts: { ...facts, signerTitle },
                number: w.cert.number,
                verifyUrl: 'http://localhost/verify/x',
                program: { name: 'P', address: 'A', approval: '' },
                issuedAt: Date.now(),
                locale,
              }),
            ),
          )
        ).text;
      expect(await signed('Trainer', 'es')).toContain('Capacitador(a)');
      expect(await signed('Program administrator', 'es')).toContain('Administrador(a) del programa');
      expect(await signed('Program administrator', 'en')).toContain('Program administrator');
      expect(await signed('Lead Trainer', 'es')).toContain('Lead Trainer');

      for (const cookie of [w.trainer.cookie, w.stranger.cookie, w.admin.cookie]) {
        const other = await outcome(
          pdfLoader({ request: get(`/certificates/${w.cert.id}.pdf`, cookie), params: { id: w.cert.id }, context: ctx() }),
        );
        expect(other.status).toBe(404);
      }
      const anonymous = await outcome(
        pdfLoader({ request: get(`/certificates/${w.cert.id}.pdf`), params: { id: w.cert.id }, context: ctx() }),
      );
      expect(anonymous.status).toBe(302);
    });

    it('signs an Open Badges credential that an independent verifier accepts, rejects when changed, and sees revoked', async () => {
      const w = await world();
      const r = await outcome(
        jwtLoader({
          request: get(`/certificates/${w.cert.id}.jwt`, w.trainee.cookie),
          params: { id: w.cert.id },
          context: ctx(),
        }),
      );
      expect(r.status).toBe(200);
      const jwt = await r.text();
      const { payload, protectedHeader } = await jwtVerify(jwt, await jwks());
      expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt' });
      const did = (await ((await didLoader()) as Response).json()) as { id: string; verificationMethod: { id: string }[] };
      expect(protectedHeader.kid).toBe(did.verificationMethod[0].id);
      expect(payload.iss).toBe(did.id);
      const vc = payload as unknown as {
        type: string[];
        credentialSubject: {
          identifier: { identityHash: string }[];
          achievement: { name: string; criteria: { narrative: string } };
        };
        credentialStatus: { statusListIndex: string; statusListCredential: string };
      };
      expect(vc.type).toContain('OpenBadgeCredential');
      expect(vc.credentialSubject.identifier[0].identityHash).toBe('María José Núñez');
      expect(vc.credentialSubject.achievement.name).toBe(facts.courseTitle);
      expect(vc.credentialSubject.achievement.criteria.narrative).toContain('80 hours');
      expect(vc.credentialStatus.statusListCredential).toBe('http://localhost:3000/credentials/status/1');
      // The same bytes on every download.
      const again = await outcome(
        jwtLoader({
          request: get(`/certificates/${w.cert.id}.jwt`, w.trainee.cookie),
          params: { id: w.cert.id },
          context: ctx(),
        }),
      );
      expect(await again.text()).toBe(jwt);

      // One changed byte, in the claims or in the signature, and it no longer verifies.
      const [h, p, s] = jwt.split('.');
      const claims = Buffer.from(p, 'base64url');
      claims[claims.indexOf('María')] ^= 1;
      await expect(jwtVerify(`${h}.${claims.toString('base64url')}.${s}`, await jwks())).rejects.toThrow();
      const sig = Buffer.from(s, 'base64url');
      sig[0] ^= 1;
      await expect(jwtVerify(`${h}.${p}.${sig.toString('base64url')}`, await jwks())).rejects.toThrow();

      const index = Number(vc.credentialStatus.statusListIndex);
      const before = await statusList();
      await jwtVerify(before, await jwks());
      expect(statusBitOf(before, index)).toBe(false);
      expect(await manage(w.cert.id, w.admin.cookie, { intent: 'revoke', reason: 'Issued by mistake' })).toMatchObject({
        status: 302,
      });
      const after = await statusList();
      await jwtVerify(after, await jwks());
      expect(statusBitOf(after, index)).toBe(true);
      expect(decodeJwt(after).credentialSubject).toMatchObject({ type: 'BitstringStatusList', statusPurpose: 'revocation' });

      // Someone else cannot download it.
      const other = await outcome(
        jwtLoader({
          request: get(`/certificates/${w.cert.id}.jwt`, w.stranger.cookie),
          params: { id: w.cert.id },
          context: ctx(),
        }),
      );
      expect(other.status).toBe(404);
    });

    it('checks a pasted or uploaded credential: valid, changed, revoked, unreadable', async () => {
      const w = await world();
      const jwt = await (
        await outcome(
          jwtLoader({
            request: get(`/certificates/${w.cert.id}.jwt`, w.trainee.cookie),
            params: { id: w.cert.id },
            context: ctx(),
          }),
        )
      ).text();
      const check = async (body: FormData | URLSearchParams) => {
        const r = await outcome(
          verifyAction({
            request: new Request('http://localhost/verify', { method: 'POST', body }),
            params: {},
            context: ctx('10.0.0.9'),
          }),
        );
        return {
          status: r.status,
          body: (await r.json()) as { errors: Record<string, string>; check: Record<string, unknown> | null },
        };
      };
      const good = await check(new URLSearchParams({ credential: `  ${jwt}\n` }));
      expect(good.body.check).toMatchObject({
        ok: true,
        revoked: false,
        expired: false,
        name: 'María José Núñez',
        number: w.cert.number,
      });
      const upload = new FormData();
      upload.set('credential', '');
      upload.set('file', new Blob([jwt], { type: 'application/vc+jwt' }), 'certificate.jwt');
      expect((await check(upload)).body.check).toMatchObject({ ok: true, revoked: false });
      const [h, p, s] = jwt.split('.');
      const changed = Buffer.from(p, 'base64url');
      changed[20] ^= 1;
      expect((await check(new URLSearchParams({ credential: `${h}.${changed.toString('base64url')}.${s}` }))).body.check).toEqual(
        {
          ok: false,
          problem: 'signature',
        },
      );
      expect((await check(new URLSearchParams({ credential: 'hello' }))).body.check).toEqual({
        ok: false,
        problem: 'unreadable',
      });
      const empty = await check(new URLSearchParams({ credential: '' }));
      expect(empty.status).toBe(400);
      expect(inEnglish(empty.body.errors.credential)).toMatch(/Paste the credential/);
      await manage(w.cert.id, w.admin.cookie, { intent: 'revoke', reason: 'Issued by mistake' });
      expect((await check(new URLSearchParams({ credential: jwt }))).body.check).toMatchObject({ ok: true, revoked: true });
    });

    it('lets a trainer of the group reissue (the old number shows replaced) and only an admin revoke', async () => {
      const w = await world();
      const url = `/trainer/certificates/${w.cert.id}`;
      // Hand-made requests from people out of reach: another group's trainer, a trainee.
      expect((await manage(w.cert.id, w.otherTrainer.cookie, { intent: 'reissue', reason: 'Name fix' })).status).toBe(404);
      expect(
        (await outcome(manageLoader({ request: get(url, w.otherTrainer.cookie), params: { id: w.cert.id }, context: ctx() })))
          .status,
      ).toBe(404);
      expect((await manage(w.cert.id, w.trainee.cookie, { intent: 'reissue', reason: 'Name fix' })).status).toBe(403);
      expect((await manage(w.cert.id, w.trainer.cookie, { intent: 'revoke', reason: 'No' })).status).toBe(403);
      const noReason = await manage(w.cert.id, w.trainer.cookie, { intent: 'reissue', reason: ' ' });
      expect(noReason.status).toBe(400);
      expect(((await noReason.json()) as { errors: { reason: string } }).errors.reason).toMatch(/reason/);
      expect((await certificatesFor(db(), w.trainee.id, 'peer-support-core'))[0].status).toBe('valid');

      // The trainee confirmed a corrected legal name since: the reissue states it.
      await db()
        .updateTable('users')
        .set({ legal_name: 'María José Núñez-Ortiz', legal_name_confirmed_at: Date.now() })
        .where('id', '=', w.trainee.id)
        .execute();
      const done = await manage(w.cert.id, w.trainer.cookie, { intent: 'reissue', reason: 'Name fix' });
      expect(done.status).toBe(302);
      expect(done.headers.get('Location')).toBe(`/trainer/trainees/${w.trainee.id}?course=peer-support-core#certificates`);
      const [fresh, old] = await certificatesFor(db(), w.trainee.id, 'peer-support-core');
      expect(old).toMatchObject({ id: w.cert.id, status: 'replaced', replacedById: fresh.id, revokeReason: 'Name fix' });
      expect(fresh).toMatchObject({
        status: 'valid',
        replacesId: w.cert.id,
        completionId: 'completion-1',
        issuedBy: w.trainer.id,
      });
      expect(fresh.facts).toEqual({ ...facts, legalName: 'María José Núñez-Ortiz' });
      expect(fresh.number).not.toBe(old.number);
      expect(fresh.statusIndex).not.toBe(old.statusIndex);
      // The same form sent again changes nothing.
      expect((await manage(w.cert.id, w.trainer.cookie, { intent: 'reissue', reason: 'Name fix' })).status).toBe(409);
      expect(await certificatesFor(db(), w.trainee.id, 'peer-support-core')).toHaveLength(2);

      // The old PDF is no longer handed out; the course page offers only the new one.
      const oldPdf = await outcome(
        pdfLoader({
          request: get(`/certificates/${w.cert.id}.pdf`, w.trainee.cookie),
          params: { id: w.cert.id },
          context: ctx(),
        }),
      );
      expect(oldPdf.status).toBe(410);
      const course = await outcome(
        courseLoader({
          request: get('/courses/peer-support-core', w.trainee.cookie),
          params: { course: 'peer-support-core' },
          context: ctx(),
        }),
      );
      const page = (await course.json()) as { certificates: { id: string; number: string }[] };
      expect(page.certificates.map((c) => c.number)).toEqual([fresh.number]);

      // The trainer's trainee page lists both; the admin revokes the new one.
      const tp = await outcome(
        traineeLoader({
          request: get(`/trainer/trainees/${w.trainee.id}`, w.trainer.cookie),
          params: { userId: w.trainee.id },
          context: ctx(),
        }),
      );
      const tpData = (await tp.json()) as { certificates: { rows: { status: string }[]; canRevoke: boolean } };
      expect(tpData.certificates.rows.map((r) => r.status)).toEqual(['valid', 'replaced']);
      expect(tpData.certificates.canRevoke).toBe(false);
      expect((await manage(fresh.id, w.admin.cookie, { intent: 'revoke', reason: 'Completion recorded in error' })).status).toBe(
        302,
      );
      expect((await certificatesFor(db(), w.trainee.id, 'peer-support-core'))[0]).toMatchObject({
        status: 'revoked',
        revokeReason: 'Completion recorded in error',
      });
      expect((await manage(fresh.id, w.admin.cookie, { intent: 'revoke', reason: 'Again' })).status).toBe(409);
    });

    it('verifies by number in public: valid, replaced, revoked, unknown, malformed, and limited per address', async () => {
      const w = await world();
      const valid = await verify(w.cert.number.toLowerCase());
      expect(valid.status).toBe(200);
      expect(valid.body.state).toBe('valid');
      expect(valid.headers.get('Cache-Control')).toBeNull(); // headers() adds no-store; the loader's own headers stay bare
      // Only the name, course, hours and dates: nothing else about the person.
      expect(Object.keys(valid.body.certificate ?? {}).sort()).toEqual(
        ['courseTitle', 'dates', 'hours', 'issuedOn', 'legalName', 'number', 'revokedOn'].sort(),
      );
      expect(JSON.stringify(valid.body)).not.toMatch(/example\.org|completion-1|Jordan/);

      await manage(w.cert.id, w.trainer.cookie, { intent: 'reissue', reason: 'Typo in the name' });
      const replaced = await verify(w.cert.number);
      expect(replaced.body.state).toBe('replaced');
      expect(replaced.body.certificate?.revokedOn).toBeTruthy();
      expect(JSON.stringify(replaced.body)).not.toContain('Typo');
      const [fresh] = await certificatesFor(db(), w.trainee.id, 'peer-support-core');
      await manage(fresh.id, w.admin.cookie, { intent: 'revoke', reason: 'Error' });
      expect((await verify(fresh.number)).body.state).toBe('revoked');

      // Unknown: a well-formed number nobody holds (a one-character change makes a typo instead).
      const { certificateNumberFrom } = await import('../../app/domain/certificate-number');
      const unknown = await verify(certificateNumberFrom(new Uint8Array(10).fill(7)));
      expect(unknown.status).toBe(404);
      expect(unknown.body.state).toBe('unknown');
      const typo = w.cert.number.slice(0, -1) + (w.cert.number.endsWith('0') ? '1' : '0');
      const malformed = await verify(typo);
      expect(malformed.status).toBe(400);
      expect(malformed.body.state).toBe('malformed');

      // The number form leads to the page for a well-formed number, and says what is wrong otherwise.
      const go = await outcome(
        verifyIndexLoader({ request: get(`/verify?number=${w.cert.number.replace(/-/g, '')}`), params: {}, context: ctx() }),
      );
      expect(go.headers.get('Location')).toBe(`/verify/${w.cert.number}`);
      const bad = await outcome(verifyIndexLoader({ request: get('/verify?number=1234'), params: {}, context: ctx() }));
      expect(bad.status).toBe(400);

      // The limit: malformed numbers cost nothing; lookups from one address stop at the limit,
      // with Retry-After, while another address goes on.
      const address = '203.0.113.7';
      for (let i = 0; i < 30; i++) expect((await verify('ZZZZ', address)).status).toBe(400);
      for (let i = 0; i < VERIFY_LIMITS.perMinute; i++) expect((await verify(w.cert.number, address)).status).toBe(200);
      const limited = await verify(w.cert.number, address);
      expect(limited.status).toBe(429);
      expect(limited.body.state).toBe('throttled');
      expect(limited.headers.get('Retry-After')).toBe('60');
      expect(limited.body.certificate).toBeNull();
      expect((await verify(w.cert.number, '203.0.113.8')).status).toBe(200);
    });
  });
}
