import type { MessageId } from '../i18n/catalogues';

// Words the domain has for a person, as a catalogue id and its values. app/domain stays free of
// the catalogues' runtime (only this type is imported); the route or model that shows the words
// translates them in the reader's language: `t(said.code, said.values)`.

export type Values = Record<string, string | number>;

export interface Said<Code extends MessageId = MessageId, V extends Values | undefined = Values | undefined> {
  code: Code;
  values?: V;
}
