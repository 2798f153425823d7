import enCommon from './catalogues/en/common.json';
import enTrainee from './catalogues/en/trainee.json';
import esCommon from './catalogues/es/common.json';
import esTrainee from './catalogues/es/trainee.json';
import type { Locale } from './locales';

// Every string a person sees, per language: one JSON file per area of the app in each
// language's folder. English is the reference: `MessageId` is its keys, and every other
// language must have exactly those keys (the type below and catalogues.test.ts check it).
// Add an area: a file in each folder, imported and spread here.

const en = { ...enCommon, ...enTrainee };

export type MessageId = keyof typeof en;
export type Catalogue = Record<MessageId, string>;

export const catalogues: Record<Locale, Catalogue> = {
  en,
  es: { ...esCommon, ...esTrainee },
};

export function isMessageId(value: unknown): value is MessageId {
  return typeof value === 'string' && Object.hasOwn(en, value);
}
