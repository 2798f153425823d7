import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Said } from './said';

// A roster CSV (issue #16 item 7): name and email per row, as exported from a spreadsheet. The
// file is read by csv-parse (quotes, embedded commas and line breaks, CRLF, a UTF-8 BOM); this
// module decides which rows can be used and says plainly why the others cannot, as catalogue
// ids with their values (RosterSaid) that the import page translates.

/** Why a file or a row cannot be imported. */
export type RosterSaid =
  | Said<'trainer.roster.unreadable' | 'trainer.roster.noRows', undefined>
  | Said<'trainer.roster.noEmail' | 'trainer.roster.badEmail' | 'trainer.roster.noName' | 'trainer.roster.longName', undefined>
  | Said<'trainer.roster.alreadyMember' | 'trainer.roster.deactivated', undefined>
  | Required<Said<'trainer.roster.unreadableNear', { line: number }>>
  | Required<Said<'trainer.roster.tooMany', { rows: number; max: number }>>
  | Required<Said<'trainer.roster.duplicate', { line: number }>>;

export interface RosterRow {
  /** The line of the file the row starts on (1 = first line), as a spreadsheet shows it. */
  line: number;
  name: string;
  email: string;
}

export interface RosterProblem {
  line: number;
  name: string;
  email: string;
  problem: RosterSaid;
}

export interface ParsedRoster {
  rows: RosterRow[];
  problems: RosterProblem[];
  /** Set when the file as a whole cannot be read; rows and problems are then empty. */
  error?: RosterSaid;
}

/** Rows read from one file, at most. */
export const MAX_ROSTER_ROWS = 500;

const emailSchema = z.email();

/**
 * Reads a roster. A first row naming an "email" column (and "name", any case) is a header and
 * says which columns to use; other columns are ignored. Without a header, the first column is
 * the name and the second the email. Empty lines are skipped. A row is refused for a missing
 * name, an email that is not an address, or an email that appeared on an earlier row.
 */
export function parseRoster(text: string): ParsedRoster {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return {
      rows: [],
      problems: [],
      error: line ? { code: 'trainer.roster.unreadableNear', values: { line } } : { code: 'trainer.roster.unreadable' },
    };
  }
  // A row of nothing but commas is as empty as an empty line.
  records = records.filter((r) => r.record.some((cell) => cell !== ''));
  if (!records.length) return { rows: [], problems: [], error: { code: 'trainer.roster.noRows' } };
  let nameAt = 0;
  let emailAt = 1;
  const head = records[0].record.map((c) => c.toLowerCase());
  const headerEmail = head.findIndex((c) => c === 'email' || c === 'email address' || c === 'e-mail');
  if (headerEmail >= 0) {
    emailAt = headerEmail;
    const n = head.findIndex((c) => c === 'name' || c === 'full name');
    nameAt = n >= 0 ? n : headerEmail === 0 ? 1 : 0;
    records = records.slice(1);
    if (!records.length) return { rows: [], problems: [], error: { code: 'trainer.roster.noRows' } };
  }
  if (records.length > MAX_ROSTER_ROWS) {
    return {
      rows: [],
      problems: [],
      error: { code: 'trainer.roster.tooMany', values: { rows: records.length, max: MAX_ROSTER_ROWS } },
    };
  }
  const rows: RosterRow[] = [];
  const problems: RosterProblem[] = [];
  const firstLine = new Map<string, number>();
  for (const { record, info } of records) {
    // info.lines is the line the record ends on; a record spanning lines (a quoted line break) starts earlier.
    const line = info.lines - (record.join('').match(/\n/g)?.length ?? 0);
    const name = (record[nameAt] ?? '').replace(/\s+/g, ' ').trim();
    const email = (record[emailAt] ?? '').trim().toLowerCase();
    const refuse = (problem: RosterSaid) => problems.push({ line, name, email, problem });
    const earlier = firstLine.get(email);
    if (!email) refuse({ code: 'trainer.roster.noEmail' });
    else if (email.length > 254 || !emailSchema.safeParse(email).success) refuse({ code: 'trainer.roster.badEmail' });
    else if (!name) refuse({ code: 'trainer.roster.noName' });
    else if (name.length > 100) refuse({ code: 'trainer.roster.longName' });
    else if (earlier !== undefined) refuse({ code: 'trainer.roster.duplicate', values: { line: earlier } });
    else {
      firstLine.set(email, line);
      rows.push({ line, name, email });
    }
  }
  return { rows, problems };
}
