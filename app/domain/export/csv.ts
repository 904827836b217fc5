// RFC 4180 CSV with the OWASP CSV-injection rule: a text cell beginning with =, +, -, @, tab, CR or LF
// is prefixed with ' so spreadsheet programs show it as text instead of running it as a formula. As the
// rule intends rather than as it is worded: spreadsheets skip leading spaces before a formula
// (" =1" is a formula in Excel and LibreOffice) and take the full-width ＝ ＋ － ＠ of CJK input methods as
// their ASCII forms, so those are neutralised too.
//
// Only *string* cells are neutralised. Cells passed as numbers (scores, active_ms, negative judge scores)
// are written as plain numbers: a number cannot carry a formula, and "-1" must stay -1 for analysis.
// Callers therefore pass numeric columns as numbers, not as pre-formatted strings. Neutralising changes
// the text (a comment "-great" reads "'-great"); the JSONL export is the lossless form.

export type CsvCell = string | number | bigint | boolean | null | undefined;

const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Quotes a field when it holds a comma, quote, CR or LF (RFC 4180 §2.6–2.7). */
export function quoteCsvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatCsvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return "";
    return String(cell);
  }
  if (typeof cell === "bigint" || typeof cell === "boolean") return String(cell);
  return quoteCsvField(neutraliseFormula(cell));
}

/** One record with its CRLF line break. */
export function csvRow(cells: readonly CsvCell[]): string {
  return cells.map(formatCsvCell).join(",") + "\r\n";
}

/** UTF-8 byte order mark: lets Excel open Chinese text correctly; put it first in a download if wanted. */
export const CSV_BOM = "\ufeff";

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  let out = csvRow(header);
  for (const r of rows) out += csvRow(r);
  return out;
}
