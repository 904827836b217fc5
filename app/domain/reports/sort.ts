// Table sorting from URL parameters, by allow-listed keys only (an unknown key is a 400, never a path
// into the data).
import { badRequest } from "~/lib/errors";

export type SortOrder = { key: string; desc: boolean };

/** Reads `<param>` (a key) and `<param>dir` ("asc" | "desc") from the query; null when absent. */
export function parseSort(params: URLSearchParams, param: string, allowed: readonly string[]): SortOrder | null {
  const key = params.get(param);
  if (key === null || key === "") return null;
  if (!allowed.includes(key)) throw badRequest(`Cannot sort by "${key.slice(0, 50)}"; one of ${allowed.join(", ")}`, param);
  const dir = params.get(`${param}dir`) ?? "asc";
  if (dir !== "asc" && dir !== "desc") throw badRequest(`${param}dir must be asc or desc`, `${param}dir`);
  return { key, desc: dir === "desc" };
}

/** A sorted copy; null values last in either direction; ties keep their order. */
export function sortRows<T>(
  rows: readonly T[],
  order: SortOrder | null,
  value: (row: T, key: string) => string | number | null | undefined,
): T[] {
  if (!order) return [...rows];
  const sign = order.desc ? -1 : 1;
  return rows
    .map((row, i) => ({ row, i, v: value(row, order.key) }))
    .sort((a, b) => {
      const an = a.v === null || a.v === undefined;
      const bn = b.v === null || b.v === undefined;
      if (an || bn) return an === bn ? a.i - b.i : an ? 1 : -1;
      const c = typeof a.v === "number" && typeof b.v === "number" ? a.v - b.v : String(a.v).localeCompare(String(b.v));
      return c === 0 ? a.i - b.i : sign * c;
    })
    .map((x) => x.row);
}
