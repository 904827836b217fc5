// The strict JSON parser behind parseOrderedJson (ordered.ts): recursive descent with a depth limit,
// errors with line and column.
import type { OrderedValue } from "./ordered";

export class JsonParseError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    readonly offset: number,
  ) {
    super(`${reason} at line ${line}, column ${column}`);
    this.name = "JsonParseError";
  }
}

export const DEFAULT_MAX_DEPTH = 64;

const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

export class Parser {
  pos = 0;
  constructor(
    readonly text: string,
    readonly maxDepth: number,
    readonly rejectDuplicates: boolean,
  ) {}

  fail(reason: string, at = this.pos): never {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    throw new JsonParseError(reason, line, at - lineStart + 1, at);
  }

  unexpected(): never {
    if (this.pos >= this.text.length) this.fail("Unexpected end of JSON input");
    const cp = this.text.codePointAt(this.pos)!;
    const shown = cp < 0x20 ? `U+${cp.toString(16).padStart(4, "0")}` : `'${String.fromCodePoint(cp)}'`;
    this.fail(`Unexpected character ${shown}`);
  }

  skipWs() {
    const t = this.text;
    let c = t.charCodeAt(this.pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++this.pos);
  }

  value(depth: number): OrderedValue {
    this.skipWs();
    const c = this.text.charCodeAt(this.pos);
    if (c === 34) return { type: "string", value: this.string() };
    if (c === 123 || c === 91) {
      if (depth >= this.maxDepth) this.fail(`Nesting deeper than ${this.maxDepth} levels`);
      return c === 123 ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === 45 || (c >= 48 && c <= 57)) return { type: "number", raw: this.number() };
    if (this.text.startsWith("true", this.pos)) return this.literal(4, { type: "bool", value: true });
    if (this.text.startsWith("false", this.pos)) return this.literal(5, { type: "bool", value: false });
    if (this.text.startsWith("null", this.pos)) return this.literal(4, { type: "null" });
    this.unexpected();
  }

  literal(len: number, v: OrderedValue): OrderedValue {
    this.pos += len;
    return v;
  }

  object(depth: number): OrderedValue {
    this.pos++; // {
    const entries: [string, OrderedValue][] = [];
    const index = new Map<string, number>();
    this.skipWs();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      return { type: "object", entries };
    }
    for (;;) {
      this.skipWs();
      if (this.text.charCodeAt(this.pos) !== 34) this.unexpected();
      const keyAt = this.pos;
      const key = this.string();
      this.skipWs();
      if (this.text.charCodeAt(this.pos) !== 58) this.unexpected();
      this.pos++;
      const v = this.value(depth);
      const seen = index.get(key);
      if (seen === undefined) {
        index.set(key, entries.length);
        entries.push([key, v]);
      } else if (this.rejectDuplicates) {
        this.fail(`Duplicate key ${JSON.stringify(key)}`, keyAt);
      } else {
        entries[seen] = [key, v];
      }
      this.skipWs();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44) this.pos++;
      else if (c === 125) {
        this.pos++;
        return { type: "object", entries };
      } else this.unexpected();
    }
  }

  array(depth: number): OrderedValue {
    this.pos++; // [
    const items: OrderedValue[] = [];
    this.skipWs();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      return { type: "array", items };
    }
    for (;;) {
      items.push(this.value(depth));
      this.skipWs();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44) this.pos++;
      else if (c === 93) {
        this.pos++;
        return { type: "array", items };
      } else this.unexpected();
    }
  }

  string(): string {
    const t = this.text;
    let i = ++this.pos; // opening quote
    let out = "";
    let chunk = i;
    for (;;) {
      if (i >= t.length) {
        this.pos = i;
        this.fail("Unterminated string");
      }
      const c = t.charCodeAt(i);
      if (c === 34) {
        this.pos = i + 1;
        return out + t.slice(chunk, i);
      }
      if (c < 0x20) {
        this.pos = i;
        this.fail(`Control character U+${c.toString(16).padStart(4, "0")} in string`);
      }
      if (c !== 92) {
        i++;
        continue;
      }
      out += t.slice(chunk, i);
      const e = t[i + 1];
      if (e === "u") {
        const hex = t.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          this.pos = i;
          this.fail("Invalid \\u escape");
        }
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else if (e !== undefined && e in ESCAPES) {
        out += ESCAPES[e];
        i += 2;
      } else {
        this.pos = i;
        this.fail("Invalid escape in string");
      }
      chunk = i;
    }
  }

  number(): string {
    const t = this.text;
    const start = this.pos;
    let i = start;
    const digits = () => {
      const from = i;
      while (t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) i++;
      if (i === from) {
        this.pos = i;
        this.fail("Invalid number");
      }
    };
    if (t.charCodeAt(i) === 45) i++;
    if (t.charCodeAt(i) === 48) i++;
    else digits();
    if (t.charCodeAt(i) === 46) {
      i++;
      digits();
    }
    if (t.charCodeAt(i) === 101 || t.charCodeAt(i) === 69) {
      i++;
      if (t.charCodeAt(i) === 43 || t.charCodeAt(i) === 45) i++;
      digits();
    }
    this.pos = i;
    return t.slice(start, i);
  }
}
