// A streaming splitter for a top-level JSON array or object: it tracks strings, escapes, bracket depth and
// lines, and hands back each top-level element's exact source text with its number and first line.
// Nothing is parsed here and nothing recurses, so memory is bounded by the largest element and nesting
// depth costs nothing; JSON.parse of each element's text (records.ts) does the real validation.
import { ImportError } from "./errors";
import { type Problem, problem } from "./problems";

/**
 * One top-level element: its 1-based number, the line its value starts on, its exact source text (null when
 * dropped: too deep or too large), for object maps the decoded key and its line, and the line where the
 * nesting limit was crossed.
 */
export type ScanItem = {
  index: number;
  line: number;
  raw: string | null;
  key?: string;
  keyLine?: number;
  tooDeepLine?: number;
  tooLarge?: boolean;
};

export type ScanOptions = { file: string; maxDepth: number; maxChars: number };

const NL = 10,
  SPACE = 32,
  TAB = 9,
  CR = 13,
  QUOTE = 34,
  BACKSLASH = 92,
  COMMA = 44,
  COLON = 58;
const LBRACKET = 91,
  RBRACKET = 93,
  LBRACE = 123,
  RBRACE = 125;
const isWs = (c: number) => c === SPACE || c === NL || c === CR || c === TAB;

// states outside an element
const OPEN = 0,
  VALUE_OR_CLOSE = 1,
  VALUE = 2,
  COMMA_OR_CLOSE = 3,
  KEY_OR_CLOSE = 4,
  KEY = 5;
const IN_KEY = 6,
  COLON_NEXT = 7,
  IN_VALUE = 8,
  DONE = 9;

const STRING_SPECIAL = /["\\\n]/g;
const show = (c: number) => JSON.stringify(String.fromCharCode(c));

export class JsonScanner {
  private state = OPEN;
  private line = 1;
  private trailingNewlines = 0;
  private index = 0;
  private readonly closer: number;
  private readonly noun: "record" | "entry";
  // the element (or key) being read
  private depth = 0;
  private inString = false;
  private escape = false;
  private scalar = false;
  private stack: number[] = [];
  private parts: string[] = [];
  private size = 0;
  private recording = true;
  private startLine = 0;
  private tooDeepLine = 0;
  private key: string | undefined;
  private keyLine = 0;
  /** where the current element started in the chunk being read (-1: not in this chunk's scope) */
  private seg = -1;

  constructor(
    private readonly kind: "array" | "object",
    private readonly opts: ScanOptions,
  ) {
    this.closer = kind === "array" ? RBRACKET : RBRACE;
    this.noun = kind === "array" ? "record" : "entry";
  }

  private fail(why: Problem, line = this.line): never {
    throw new ImportError({ file: this.opts.file, line }, why);
  }

  /** "record 3" or "entry 3": the element being read */
  private item(): Problem {
    return problem(this.noun, { n: this.index });
  }

  private keep(part: string) {
    if (!this.recording) return;
    this.size += part.length;
    if (this.size > this.opts.maxChars) {
      this.recording = false;
      this.parts = [];
    } else this.parts.push(part);
  }

  private begin(line: number) {
    this.parts = [];
    this.stack = [];
    this.size = this.depth = this.tooDeepLine = 0;
    this.inString = this.escape = this.scalar = false;
    this.recording = true;
    this.startLine = line;
  }

  /** The element ends at `end` (exclusive) in `text`. */
  private end(text: string, end: number, out: ScanItem[]) {
    this.keep(text.slice(this.seg, end));
    this.seg = -1;
    this.emit(out);
  }

  private emit(out: ScanItem[]) {
    const item: ScanItem = { index: this.index, line: this.startLine, raw: this.recording ? this.parts.join("") : null };
    if (this.kind === "object") Object.assign(item, { key: this.key, keyLine: this.keyLine });
    if (this.tooDeepLine) item.tooDeepLine = this.tooDeepLine;
    else if (!this.recording) item.tooLarge = true;
    this.parts = [];
    out.push(item);
    this.state = COMMA_OR_CLOSE;
  }

  private startValue(c: number) {
    if (this.kind === "array") this.index++;
    this.begin(this.line);
    this.state = IN_VALUE;
    if (c === QUOTE) this.inString = true;
    else if (c === LBRACE || c === LBRACKET) {
      this.depth = 1;
      this.stack.push(c === LBRACE ? RBRACE : RBRACKET);
    } else if (c === COMMA || c === RBRACKET || c === RBRACE || c === COLON) {
      this.fail(problem("expectedValue", { char: show(c) }));
    } else this.scalar = true;
  }

  push(text: string, out: ScanItem[]): void {
    const n = text.length;
    this.seg = this.state === IN_VALUE || this.state === IN_KEY ? 0 : -1;
    for (let i = 0; i < n; i++) {
      if (this.inString && !this.escape && this.state === IN_VALUE) {
        // skip plain string content quickly; stop at a quote, a backslash or a newline (for line counts)
        STRING_SPECIAL.lastIndex = i;
        const m = STRING_SPECIAL.exec(text);
        if (!m) break;
        i = m.index;
      }
      const c = text.charCodeAt(i);
      if (c === NL) this.line++;
      if (this.state === IN_VALUE) {
        if (this.inString) {
          if (this.escape) this.escape = false;
          else if (c === BACKSLASH) this.escape = true;
          else if (c === QUOTE) {
            this.inString = false;
            if (this.depth === 0) this.end(text, i + 1, out);
          }
          continue;
        }
        if (this.scalar) {
          if (!(isWs(c) || c === COMMA || c === RBRACKET || c === RBRACE)) continue;
          this.end(text, i, out);
          // fall through: the delimiter is read in the COMMA_OR_CLOSE state below
        } else {
          if (c === QUOTE) this.inString = true;
          else if (c === LBRACE || c === LBRACKET) {
            this.depth++;
            if (this.depth <= this.opts.maxDepth) this.stack.push(c === LBRACE ? RBRACE : RBRACKET);
            else if (!this.tooDeepLine) {
              this.tooDeepLine = this.line;
              this.recording = false;
              this.parts = [];
            }
          } else if (c === RBRACE || c === RBRACKET) {
            if (this.depth <= this.opts.maxDepth) {
              const want = this.stack.pop()!;
              if (c !== want) this.fail(problem("bracketMismatch", { want: show(want), found: show(c), item: this.item() }));
            }
            if (--this.depth === 0) this.end(text, i + 1, out);
          }
          continue;
        }
      }
      if (this.state === IN_KEY) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) {
          this.keep(text.slice(this.seg, i + 1));
          this.seg = -1;
          const raw = this.parts.join("");
          try {
            this.key = this.recording ? (JSON.parse(raw) as string) : undefined;
          } catch {
            this.fail(problem("keyNotString", { n: this.index, raw }), this.keyLine);
          }
          if (this.key === undefined) this.fail(problem("keyTooLong", { n: this.index }), this.keyLine);
          this.state = COLON_NEXT;
        }
        continue;
      }
      if (isWs(c)) continue;
      switch (this.state) {
        case OPEN:
          if (this.kind === "array" ? c !== LBRACKET : c !== LBRACE) {
            this.fail(problem(this.kind === "array" ? "topLevelArray" : "topLevelObject", { char: show(c) }));
          }
          this.state = this.kind === "array" ? VALUE_OR_CLOSE : KEY_OR_CLOSE;
          break;
        case VALUE_OR_CLOSE:
          if (c === this.closer) this.state = DONE;
          else {
            this.startValue(c);
            this.seg = i;
          }
          break;
        case VALUE:
          if (this.kind === "array" && c === this.closer) this.fail(problem("trailingComma", { char: show(c) }));
          this.startValue(c);
          this.seg = i;
          break;
        case COMMA_OR_CLOSE:
          if (c === COMMA) this.state = this.kind === "array" ? VALUE : KEY;
          else if (c === this.closer) this.state = DONE;
          else this.fail(problem("expectedComma", { closer: show(this.closer), item: this.item(), char: show(c) }));
          break;
        case KEY_OR_CLOSE:
        case KEY:
          if (c === this.closer && this.state === KEY_OR_CLOSE) this.state = DONE;
          else if (c === QUOTE) {
            this.index++;
            this.begin(this.line);
            this.keyLine = this.line;
            this.state = IN_KEY;
            this.seg = i;
          } else this.fail(problem("expectedKey", { char: show(c) }));
          break;
        case COLON_NEXT:
          if (c !== COLON) this.fail(problem("expectedColon", { key: JSON.stringify(this.key), char: show(c) }));
          this.state = VALUE;
          break;
        case DONE:
          this.fail(problem(this.kind === "array" ? "afterEndArray" : "afterEndObject", { char: show(c) }));
      }
    }
    if (this.seg !== -1) this.keep(text.slice(this.seg));
    // count newlines after the last non-whitespace character, to report where content really ended
    let k = n - 1;
    let nl = 0;
    while (k >= 0 && isWs(text.charCodeAt(k))) if (text.charCodeAt(k--) === NL) nl++;
    this.trailingNewlines = k < 0 ? this.trailingNewlines + nl : nl;
  }

  /** Call at end of input; throws if the top-level container was not closed. */
  finish(out: ScanItem[]): void {
    const end = this.line - this.trailingNewlines;
    if (this.state === IN_VALUE && this.scalar) {
      this.emit(out); // a bare number at the very end; the missing closer is reported next
    }
    if (this.state === DONE) return;
    if (this.state === OPEN) throw new ImportError({ file: this.opts.file }, problem("onlyWhitespace"));
    if (this.state === IN_VALUE || this.state === IN_KEY || this.state === COLON_NEXT || this.state === VALUE) {
      const inString = this.state === IN_VALUE && this.inString;
      this.fail(problem(inString ? "truncatedInString" : "truncatedIn", { item: this.item(), line: this.startLine }), end);
    }
    this.fail(problem(this.kind === "array" ? "closingArray" : "closingObject", { closer: show(this.closer) }), end);
  }
}
