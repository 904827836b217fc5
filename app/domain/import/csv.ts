// Streaming CSV (RFC 4180): comma separated, quoted cells with doubled quotes, newlines inside quotes,
// CRLF or LF line ends. The first row is the header. Cells stay strings; schemas coerce them.
import { type ByteSource, decodeUtf8 } from "./decode";
import { type ErrorList, type ErrorLocation, ImportError } from "./errors";
import { BANNED_KEYS } from "./values";

export type CsvRow = { index: number; line: number; value: Record<string, string> };
export type CsvOptions = { file: string; errors?: ErrorList; maxCellChars?: number };

type RawRow = { cells: string[]; line: number; blank: boolean; problem?: { line: number; text: string } };

const START = 0, UNQUOTED = 1, QUOTED = 2, QUOTE_SEEN = 3;

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
      const where = this.state === QUOTED ? ` (the quote opened at line ${this.quoteLine} is never closed?)` : "";
      throw new ImportError({ file: this.opts.file, line: this.rowLine }, `a cell is larger than the limit${where}`);
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

  private flag(text: string) {
    this.problem ??= { line: this.line, text };
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
          this.flag(`unexpected ${JSON.stringify(text[i])} after a closing quote`);
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
        if (d === 34) this.flag('a quote (") inside an unquoted cell; quote the whole cell and double the quote');
        j++;
      }
      this.addText(text.slice(i, j));
      this.state = UNQUOTED;
      i = j;
    }
  }

  finish(out: RawRow[]) {
    if (this.state === QUOTED) {
      throw new ImportError(
        { file: this.opts.file, line: this.quoteLine },
        `the quoted cell opened at line ${this.quoteLine} is never closed (the file ends inside it)`,
      );
    }
    if (this.state !== START || this.cells.length > 0) this.endRow(out);
  }
}

function headerOf(row: RawRow, file: string): string[] {
  const names = row.cells.map((c) => c.trim());
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const loc: ErrorLocation = { file, line: row.line };
    if (name === "") throw new ImportError(loc, `header: column ${i + 1} has no name`);
    if (BANNED_KEYS.has(name)) throw new ImportError(loc, `header: the column name ${JSON.stringify(name)} is not allowed`);
    const first = seen.get(name);
    if (first !== undefined) {
      throw new ImportError(loc, `header: duplicate column ${JSON.stringify(name)} (columns ${first} and ${i + 1})`);
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
  const report = (loc: ErrorLocation, problem: string) => {
    const error = new ImportError(loc, problem);
    if (!opts.errors) throw error;
    opts.errors.add(error);
  };
  const drain = function* () {
    for (const row of out) {
      if (row.blank) continue;
      if (!header) {
        if (row.problem) throw new ImportError({ file: opts.file, line: row.problem.line }, `header: ${row.problem.text}`);
        header = headerOf(row, opts.file);
        continue;
      }
      index++;
      const loc = { file: opts.file, record: index, line: row.line };
      if (row.problem) report({ ...loc, line: row.problem.line }, row.problem.text);
      else if (row.cells.length !== header.length) {
        report(loc, `expected ${header.length} cells (as in the header), found ${row.cells.length}`);
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
  if (!header) throw new ImportError({ file: opts.file }, "no header row (the file contains only blank lines)");
}
