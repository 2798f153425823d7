import { isMessageId } from '../../app/i18n/catalogues';
import { translator } from '../../app/i18n/intl.server';

const en = translator('en');

/** What a person reading English sees for a form error an action returned as a message id. */
export function inEnglish(text: string, values?: Record<string, string | number>): string {
  return isMessageId(text) ? en(text, values) : text;
}
