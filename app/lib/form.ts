/** Small helpers for reading form fields as strings/numbers without trusting their presence. */
export function str(form: FormData, name: string): string {
  const v = form.get(name);
  // NUL is never text a person typed, and PostgreSQL refuses it in text columns (a 500 otherwise)
  return typeof v === "string" ? v.replaceAll("\u0000", "") : "";
}

/** Text from a JSON body that PostgreSQL can store: no NUL character (it answers those with an error). */
export const storableText = (v: unknown, maxLength: number): v is string =>
  typeof v === "string" && v.length <= maxLength && !v.includes("\u0000");

export function int(form: FormData, name: string, fallback: number): number {
  const s = str(form, name).trim();
  if (!s) return fallback;
  const n = Number(s);
  return Number.isInteger(n) ? n : NaN;
}

/** PostgreSQL's integer (int4): ids and counts kept in int columns must fit before the database sees them. */
export const INT4 = { min: -2147483648, max: 2147483647 } as const;

export const isInt4 = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= INT4.min && (n as number) <= INT4.max;

/** A whole number from a query string or form field, within [min, max] (positive int4 ids by default);
 *  empty or absent → null. Anything else (1e309, 2147483648, 1.5, abc) is thrown as a 400 naming the
 *  field, so that a loader or action never hands the database a value it would fail on with a 500. */
export function intParam(
  value: string | null | undefined,
  field: string,
  range: { min: number; max: number } = { min: 1, max: INT4.max },
): number | null {
  const s = value?.trim();
  if (!s) return null;
  const n = /^[+-]?\d{1,16}$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
    throw Response.json({ error: `${field} must be a whole number from ${range.min} to ${range.max}`, field }, { status: 400 });
  }
  return n;
}

/** Only paths of this site are allowed as redirect targets (no open redirects). Control characters are
 *  removed first, as browsers do when they parse a URL (`/<TAB>/evil.example` is `//evil.example` to
 *  them); what is left must resolve to this origin, and the answer is the parsed URL's own path, query
 *  and fragment, so a Location header never carries a raw CR or LF. */
export function safeRedirect(to: string | null | undefined, fallback = "/") {
  if (!to) return fallback;

  const cleaned = to.replace(/[\u0000-\u001f\u007f]/g, "");
  if (!cleaned.startsWith("/") || cleaned.startsWith("//") || cleaned.startsWith("/\\")) return fallback;
  const origin = "http://rolecall.invalid";
  let url: URL;
  try {
    url = new URL(cleaned, origin);
  } catch {
    return fallback;
  }
  const path = url.pathname + url.search + url.hash;
  // "/..//evil.example" resolves to the path "//evil.example", which a browser reads as another host
  if (url.origin !== origin || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
