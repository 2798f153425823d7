import enAccount from './catalogues/en/account';
import enAdmin from './catalogues/en/admin';
import enAuthor from './catalogues/en/author';
import enCertificate from './catalogues/en/certificate';
import enCommon from './catalogues/en/common';
import enMail from './catalogues/en/mail';
import enTrainee from './catalogues/en/trainee';
import enTrainer from './catalogues/en/trainer';
import enVerify from './catalogues/en/verify';
import esAccount from './catalogues/es/account';
import esAdmin from './catalogues/es/admin';
import esAuthor from './catalogues/es/author';
import esCertificate from './catalogues/es/certificate';
import esCommon from './catalogues/es/common';
import esMail from './catalogues/es/mail';
import esTrainee from './catalogues/es/trainee';
import esTrainer from './catalogues/es/trainer';
import esVerify from './catalogues/es/verify';
import type { Locale } from './locales';

// Every string a person sees, per language: one module per area of the app in each language's
// folder (TypeScript, not JSON, so every loader - Remix's compiler, Node, vitest, Playwright -
// reads them the same way). English is the reference: `MessageId` is its keys, and every other
// language must have exactly those keys (the type below and catalogues.test.ts check it).
// Add an area: a file in each folder, imported and spread here and listed in `areas` below
// (and in PAGE_AREAS of intl.server.ts if pages show it).

const en = {
  ...enAccount,
  ...enAdmin,
  ...enAuthor,
  ...enCertificate,
  ...enCommon,
  ...enMail,
  ...enTrainee,
  ...enTrainer,
  ...enVerify,
};

export type MessageId = keyof typeof en;
export type Catalogue = Record<MessageId, string>;

export const catalogues: Record<Locale, Catalogue> = {
  en,
  es: {
    ...esAccount,
    ...esAdmin,
    ...esAuthor,
    ...esCertificate,
    ...esCommon,
    ...esMail,
    ...esTrainee,
    ...esTrainer,
    ...esVerify,
  },
};

/** An area of the app: one catalogue file per language. */
export type Area = 'account' | 'admin' | 'author' | 'certificate' | 'common' | 'mail' | 'trainee' | 'trainer' | 'verify';

const areas: Record<Locale, Record<Area, Partial<Catalogue>>> = {
  en: {
    account: enAccount,
    admin: enAdmin,
    author: enAuthor,
    certificate: enCertificate,
    common: enCommon,
    mail: enMail,
    trainee: enTrainee,
    trainer: enTrainer,
    verify: enVerify,
  },
  es: {
    account: esAccount,
    admin: esAdmin,
    author: esAuthor,
    certificate: esCertificate,
    common: esCommon,
    mail: esMail,
    trainee: esTrainee,
    trainer: esTrainer,
    verify: esVerify,
  },
};

/** One area's messages in one language: a page is sent only the areas its reader can open (intl.server.ts). */
export function areaCatalogue(locale: Locale, area: Area): Partial<Catalogue> {
  return areas[locale][area];
}

export function isMessageId(value: unknown): value is MessageId {
  return typeof value === 'string' && Object.hasOwn(en, value);
}
