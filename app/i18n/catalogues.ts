import enAccount from './catalogues/en/account.json';
import enAdmin from './catalogues/en/admin.json';
import enAuthor from './catalogues/en/author.json';
import enCertificate from './catalogues/en/certificate.json';
import enCommon from './catalogues/en/common.json';
import enMail from './catalogues/en/mail.json';
import enTrainee from './catalogues/en/trainee.json';
import enTrainer from './catalogues/en/trainer.json';
import enVerify from './catalogues/en/verify.json';
import esAccount from './catalogues/es/account.json';
import esAdmin from './catalogues/es/admin.json';
import esAuthor from './catalogues/es/author.json';
import esCertificate from './catalogues/es/certificate.json';
import esCommon from './catalogues/es/common.json';
import esMail from './catalogues/es/mail.json';
import esTrainee from './catalogues/es/trainee.json';
import esTrainer from './catalogues/es/trainer.json';
import esVerify from './catalogues/es/verify.json';
import type { Locale } from './locales';

// Every string a person sees, per language: one JSON file per area of the app in each
// language's folder. English is the reference: `MessageId` is its keys, and every other
// language must have exactly those keys (the type below and catalogues.test.ts check it).
// Add an area: a file in each folder, imported and spread here.

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

export function isMessageId(value: unknown): value is MessageId {
  return typeof value === 'string' && Object.hasOwn(en, value);
}
