/**
 * CSV (RFC 4180) with quoting, CRLF line ends, and a guard against formula injection: a cell
 * that starts with = + - @ (or a tab/CR) is prefixed with ' so spreadsheet apps show it as text.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** A CSV file as people download it: UTF-8 with a byte-order mark, so Excel shows accented names. */
export function csvDocument(rows: (string | number | null | undefined)[][]): string {
  return `\uFEFF${toCsv(rows)}`;
}
