// Packed binary columns (decision 019): PostgreSQL sends a column as one bytea of big-endian integers or
// doubles built with string_agg(int8send(…), ''::bytea), and the server reads them straight into typed
// arrays, with no text conversion on either side. Shared by the report loaders.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";

/** The page where each of `parts` ranges of the ratings table starts (the first at 0); the last range is
 *  open-ended, so rows on pages added since are read too. Every visible row lies in exactly one range,
 *  whatever the reads' timing, because all parts are given the same bounds. */
export async function ratingRanges(db: DbOrTx, parts: number): Promise<number[]> {
  const [{ pages }] = await queryRows<{ pages: number }>(
    db,
    sql`select (pg_relation_size('ratings') / current_setting('block_size')::int)::int as pages`,
  );
  return Array.from({ length: parts }, (_, p) => Math.floor((Number(pages) * p) / parts));
}

/** The condition that keeps rows of `alias` on pages starts[part] up to starts[part + 1] (to the end for
 *  the last part): a TID range scan reads only those pages. */
export function pageRange(alias: string, starts: number[], part: number) {
  const column = sql.raw(`${alias}.ctid`);
  const from = sql`and ${column} >= ${`(${starts[part]},0)`}::tid`;
  return part + 1 < starts.length ? sql`${from} and ${column} < ${`(${starts[part + 1]},0)`}::tid` : from;
}

/** A DataView over `bytes` (PGlite hands bytea over as a Uint8Array, postgres.js as a Buffer: both are
 *  views into a larger buffer), checked to hold `n` values of `width` bytes. */
export function packedView(bytes: Uint8Array | null, n: number, width: number): DataView {
  const b = bytes ?? new Uint8Array(0);
  if (b.byteLength !== n * width) throw new Error(`packed column: ${b.byteLength} bytes do not hold ${n} values of ${width}`);
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** The big-endian int8 at byte `o` (exact up to 2^53, as ids are). */
export const int8At = (view: DataView, o: number) => view.getInt32(o) * 4294967296 + view.getUint32(o + 4);

/** Reads `n` big-endian integers of `width` bytes (2, 4 or 8) from `bytes` into out[at …]; a negative
 *  one (the query's −1 for none) as NaN when `none` is set. */
export function readPacked(bytes: Uint8Array, n: number, width: 2 | 4 | 8, out: Float64Array, at = 0, none = false): Float64Array {
  const view = packedView(bytes, n, width);
  for (let k = 0, o = 0; k < n; k++, o += width) {
    const v = width === 8 ? int8At(view, o) : width === 4 ? view.getInt32(o) : view.getInt16(o);
    out[at + k] = none && v < 0 ? NaN : v;
  }
  return out;
}

/** Typed arrays on shared memory: handed to the report worker thread without a copy. */
export const sharedFloat64 = (n: number) => new Float64Array(new SharedArrayBuffer(8 * n));
export const sharedInt32 = (n: number) => new Int32Array(new SharedArrayBuffer(4 * n));
