// Import errors carry the exact place of the problem (file, record, line, field) so the UI and the CLI
// can point at it. Parsing collects up to a limit of them; a file with any error is never accepted.
// The problem is a key with parameters (problems.ts); `message` and `problem` are its English text.
import { inEnglish } from "~/i18n/english";
import { locationText, type Problem, problemText } from "./problems";

export type ErrorLocation = {
  file: string;
  /** 1-based line where the record (or the problem) starts */
  line?: number;
  /** 1-based record number (array element, JSONL line with a value, CSV data row) */
  record?: number;
  /** top-level key of an object-map file (profiles, id2metric) */
  key?: string;
  /** dotted path inside the record, e.g. "model_output" or "外貌.身高" */
  field?: string;
};

/** The English text of a location (the CLI's and the API's). */
export const formatLocation = (loc: ErrorLocation): string => locationText(inEnglish, loc);

export class ImportError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly record?: number;
  readonly key?: string;
  readonly field?: string;
  /** the problem alone, without the location, in English */
  readonly problem: string;
  /** the problem as a key and parameters, for a page to show in its language */
  readonly i18n: Problem;

  constructor(loc: ErrorLocation, problem: Problem) {
    const english = problemText(inEnglish, problem);
    super(`${formatLocation(loc)}: ${english}`);
    this.name = "ImportError";
    this.file = loc.file;
    if (loc.line !== undefined) this.line = loc.line;
    if (loc.record !== undefined) this.record = loc.record;
    if (loc.key !== undefined) this.key = loc.key;
    if (loc.field !== undefined && loc.field !== "") this.field = loc.field;
    this.problem = english;
    this.i18n = problem;
  }

  toJSON() {
    return {
      file: this.file,
      line: this.line ?? null,
      record: this.record ?? null,
      key: this.key ?? null,
      field: this.field ?? null,
      problem: this.problem,
      message: this.message,
      i18n: this.i18n,
    };
  }
}

/** Thrown by ErrorList.add once the limit is reached, to stop reading early. */
export class TooManyErrors extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} errors; stopped reading`);
    this.name = "TooManyErrors";
  }
}

export const DEFAULT_ERROR_LIMIT = 50;

/** Collects errors up to a limit; the (limit + 1)-th error throws TooManyErrors. */
export class ErrorList {
  readonly errors: ImportError[] = [];
  /** true once more errors were found than the list keeps */
  truncated = false;

  constructor(readonly limit = DEFAULT_ERROR_LIMIT) {}

  get count() {
    return this.errors.length;
  }

  add(error: ImportError): void {
    if (this.errors.length >= this.limit) {
      this.truncated = true;
      throw new TooManyErrors(this.limit);
    }
    this.errors.push(error);
  }

  /**
   * Runs a whole file's reading. An ImportError thrown by it (a fatal problem: truncated JSON, wrong
   * encoding, …) is recorded; TooManyErrors ends the run quietly (then `truncated` is true and the caller
   * should stop). Returns true when the file was read to its end.
   */
  async capture(run: () => Promise<void>): Promise<boolean> {
    try {
      await run();
      return true;
    } catch (e) {
      if (e instanceof TooManyErrors) return false;
      if (e instanceof ImportError) {
        if (this.errors.length < this.limit) this.errors.push(e);
        else this.truncated = true;
        return false;
      }
      throw e;
    }
  }
}

/** Thrown by helpers that must not return a partial result. */
export class ImportFailed extends Error {
  constructor(
    readonly errors: ImportError[],
    readonly truncated = false,
  ) {
    super(
      errors.length === 1
        ? errors[0].message
        : `${errors.length}${truncated ? "+" : ""} import errors; first: ${errors[0]?.message ?? "?"}`,
    );
    this.name = "ImportFailed";
  }
}
