/** Characters that make a spreadsheet read a cell as a formula (or hide one behind a control character). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: a text starting like a formula is neutralised with a leading apostrophe (OWASP's advice),
 * and any cell holding a comma, quote or line break is quoted. Numbers are written as they are.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as CSV text (CRLF line ends, RFC 4180). */
export function toCsv(rows: (string | number | null)[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
