/** Small helpers for reading form fields as strings/numbers without trusting their presence. */
export function str(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

export function int(form: FormData, name: string, fallback: number): number {
  const s = str(form, name).trim();
  if (!s) return fallback;
  const n = Number(s);
  return Number.isInteger(n) ? n : NaN;
}

/** Only same-site relative paths are allowed as redirect targets (no open redirects). */
export function safeRedirect(to: string | null | undefined, fallback = "/") {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
