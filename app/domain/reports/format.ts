// How report numbers read, the same on pages, in CSV-free text output and in the CLI: 3 decimals,
// "—" where a statistic is undefined, p-values in scientific notation when tiny.

export const DASH = "—";

export function num(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  const s = v.toFixed(digits);
  return s === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : s;
}

export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return DASH;
  if (p === 0) return "<1e-300";
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

export function interval(ci: [number, number] | null | undefined, digits = 3): string {
  return ci ? `[${num(ci[0], digits)}, ${num(ci[1], digits)}]` : DASH;
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? DASH : n.toLocaleString("en-US");
}

/** A plain-text table with columns padded to their widest cell (numbers right-aligned). */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-\d.,[\]<e+ —]*$/.test(r[i] ?? "")));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] && i > 0 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** "2", or "1–3" when the 95% intervals cannot tell the model from those ranks (reports cached before
 *  rank_range existed show the rank by mean). */
export function rankText(s: { rank: number | null; rank_range?: [number, number] | null }): string {
  const r = s.rank_range;
  if (!r) return s.rank === null ? "—" : String(s.rank);
  return r[0] === r[1] ? String(r[0]) : `${r[0]}–${r[1]}`;
}
