// Python 3's repr()/str() of the value json.load would produce from a JSON text. CharacterEval's
// run_char_rm.py puts str(profile_dict) into the reward model's input, so CharacterRM training data must
// reproduce it byte for byte (CPython's unicode_repr, float_repr and the PRINTABLE flag of unicodedata).
import type { OrderedValue } from "../json/ordered";

// Python's str.isprintable() is false for categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs, except ASCII space.
// Cn (unassigned) follows the JS engine's Unicode version, which may be newer than Python's: code points
// assigned in between are printed literally here but escaped by that Python. Realistic text is unaffected.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
// Anything that may need an escape; lets plain strings skip the per-character loop.
const MAY_NEED_ESCAPE = /['\\\x00-\x1f\x7f]|(?! )[\p{C}\p{Z}]/u;

export function isPythonPrintable(codePoint: number): boolean {
  if (codePoint === 0x20) return true;
  return !NON_PRINTABLE.test(String.fromCodePoint(codePoint));
}

const hex = (cp: number, width: number) => cp.toString(16).padStart(width, "0");

/** repr() of a Python str (CPython unicode_repr). */
export function pythonStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  if (!MAY_NEED_ESCAPE.test(s)) return quote + s + quote;
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + hex(cp, 2);
    else if (cp < 0x7f) out += ch;
    else if (isPythonPrintable(cp)) out += ch;
    else if (cp <= 0xff) out += "\\x" + hex(cp, 2);
    else if (cp <= 0xffff) out += "\\u" + hex(cp, 4);
    else out += "\\U" + hex(cp, 8);
  }
  return out + quote;
}

/** repr() of a Python float (CPython float_repr: shortest round-trip digits, 'r' format). */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  // toExponential() without digits gives the shortest digits that round-trip, like Python's dtoa mode 0.
  const [mantissa, exp] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const decpt = Number(exp) + 1; // position of the decimal point relative to the first digit
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${"0".repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${"0".repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const m = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
  const e = decpt - 1;
  return `${sign}${m}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

/**
 * How Python prints a JSON number after json.load: with "." or an exponent it is a float (so "1e400"
 * overflows to inf, "1.0" stays "1.0"), otherwise an int of any size ("-0" is 0).
 * Not reproduced: Python ≥ 3.11 refuses ints of more than 4300 digits (ValueError in json.load).
 */
export function pythonNumberRepr(raw: string): string {
  if (/[.eE]/.test(raw)) return pythonFloatRepr(Number(raw));
  return BigInt(raw).toString();
}

/** Python 3's repr() of the value json.load would produce. */
export function pythonRepr(v: OrderedValue): string {
  switch (v.type) {
    case "object":
      return `{${v.entries.map(([k, x]) => `${pythonStringRepr(k)}: ${pythonRepr(x)}`).join(", ")}}`;
    case "array":
      return `[${v.items.map(pythonRepr).join(", ")}]`;
    case "string":
      return pythonStringRepr(v.value);
    case "number":
      return pythonNumberRepr(v.raw);
    case "bool":
      return v.value ? "True" : "False";
    case "null":
      return "None";
  }
}

/**
 * Python 3's str() of the value json.load would produce. Same as pythonRepr except for a top-level
 * string, which str() returns unquoted. This is what run_char_rm.py's str(profile) gives.
 */
export function pythonStr(v: OrderedValue): string {
  return v.type === "string" ? v.value : pythonRepr(v);
}
