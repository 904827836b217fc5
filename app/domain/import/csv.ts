// Streaming CSV (RFC 4180): comma separated, quoted cells with doubled quotes, newlines inside quotes,
// CRLF or LF line ends. The first row is the header. Cells stay strings; schemas coerce them.
import { type ByteSource, decodeUtf8 } from "./decode";
import { type ErrorList, type ErrorLocation, ImportError } from "./errors";
import { type Problem, problem } from "./problems";
import { BANNED_KEYS } from "./values";

export type CsvRow = { index: number; line: number; value: Record<string, string> };
export type CsvOptions = { file: string; errors?: ErrorList; maxCellChars?: number };

type RawRow = { cells: string[]; line: number; blank: boolean; problem?: { line: number; problem: Problem } };

const START = 0,
  UNQUOTED = 1,
  QUOTED = 2,
  QUOTE_SEEN = 3;

class CsvSplitter {
  private state = START;
  private line = 1;
  private afterCR = false;
  private cells: string[] = [];
  private cell = "";
  private rowLine = 1;
  private quoteLine = 0;
  private problem: RawRow["problem"];

  constructor(private readonly opts: CsvOptions) {}

  private addText(s: string) {
    this.cell += s;
    if (this.cell.length > (this.opts.maxCellChars ?? 16 * 1024 * 1024)) {
      const why = this.state === QUOTED ? problem("cellTooLargeQuote", { line: this.quoteLine }) : problem("cellTooLarge");
      throw new ImportError({ file: this.opts.file, line: this.rowLine }, why);
    }
  }

  private endCell() {
    this.cells.push(this.cell);
    this.cell = "";
    this.state = START;
  }

  private endRow(out: RawRow[]) {
    this.endCell();
    const blank = this.cells.length === 1 && this.cells[0].trim() === "" && this.quoteLine === 0;
    out.push({ cells: this.cells, line: this.rowLine, blank, problem: this.problem });
    this.cells = [];
    this.quoteLine = 0;
    this.problem = undefined;
    this.rowLine = this.line;
  }

  private flag(why: Problem) {
    this.problem ??= { line: this.line, problem: why };
  }

  push(text: string, out: RawRow[]) {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.afterCR) {
        this.afterCR = false;
        if (c === 10) {
          i++;
          continue;
        }
      }
      if (this.state === QUOTED) {
        const q = text.indexOf('"', i);
        const end = q === -1 ? n : q;
        const part = text.slice(i, end);
        for (let k = part.indexOf("\n"); k !== -1; k = part.indexOf("\n", k + 1)) this.line++;
        this.addText(part);
        if (q !== -1) this.state = QUOTE_SEEN;
        i = end + 1;
        continue;
      }
      if (c === 44 || c === 10 || c === 13) {
        // comma, LF, CR end a cell (unquoted, empty, or after a closing quote)
        if (c === 44) this.endCell();
        else {
          this.line++;
          this.afterCR = c === 13;
          this.endRow(out);
        }
        i++;
        continue;
      }
      if (this.state === QUOTE_SEEN) {
        if (c === 34) {
          this.addText('"');
          this.state = QUOTED;
        } else {
          this.flag(problem("afterQuote", { char: JSON.stringify(text[i]) }));
          this.addText(text[i]);
          this.state = UNQUOTED;
        }
        i++;
        continue;
      }
      if (this.state === START && c === 34) {
        this.state = QUOTED;
        this.quoteLine = this.line;
        i++;
        continue;
      }
      // unquoted text up to the next separator
      let j = i;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 44 || d === 10 || d === 13) break;
        if (d === 34) this.flag(problem("quoteInCell"));
        j++;
      }
      this.addText(text.slice(i, j));
      this.state = UNQUOTED;
      i = j;
    }
  }

  finish(out: RawRow[]) {
    if (this.state === QUOTED) {
      throw new ImportError({ file: this.opts.file, line: this.quoteLine }, problem("unclosedQuote", { line: this.quoteLine }));
    }
    if (this.state !== START || this.cells.length > 0) this.endRow(out);
  }
}

function headerOf(row: RawRow, file: string): string[] {
  const names = row.cells.map((c) => c.trim());
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const loc: ErrorLocation = { file, line: row.line };
    if (name === "") throw new ImportError(loc, problem("columnNoName", { column: i + 1 }));
    if (BANNED_KEYS.has(name)) throw new ImportError(loc, problem("columnBanned", { name: JSON.stringify(name) }));
    const first = seen.get(name);
    if (first !== undefined) {
      throw new ImportError(loc, problem("columnDuplicate", { name: JSON.stringify(name), first, second: i + 1 }));
    }
    seen.set(name, i + 1);
  });
  return names;
}

/** Data rows of a CSV file as header → cell maps. A bad row is reported (or thrown) and skipped. */
export async function* readCsv(source: ByteSource, opts: CsvOptions): AsyncGenerator<CsvRow> {
  const splitter = new CsvSplitter(opts);
  const out: RawRow[] = [];
  let header: string[] | null = null;
  let index = 0;
  const report = (loc: ErrorLocation, why: Problem) => {
    const error = new ImportError(loc, why);
    if (!opts.errors) throw error;
    opts.errors.add(error);
  };
  const drain = function* () {
    for (const row of out) {
      if (row.blank) continue;
      if (!header) {
        if (row.problem)
          throw new ImportError({ file: opts.file, line: row.problem.line }, problem("header", { problem: row.problem.problem }));
        header = headerOf(row, opts.file);
        continue;
      }
      index++;
      const loc = { file: opts.file, record: index, line: row.line };
      if (row.problem) report({ ...loc, line: row.problem.line }, row.problem.problem);
      else if (row.cells.length !== header.length) {
        report(loc, problem("cellCount", { expected: header.length, found: row.cells.length }));
      } else {
        const value: Record<string, string> = {};
        header.forEach((name, i) => (value[name] = row.cells[i]));
        yield { index, line: row.line, value };
      }
    }
    out.length = 0;
  };
  for await (const chunk of decodeUtf8(source, opts)) {
    splitter.push(chunk, out);
    yield* drain();
  }
  splitter.finish(out);
  yield* drain();
  if (!header) throw new ImportError({ file: opts.file }, problem("noHeader"));
}
