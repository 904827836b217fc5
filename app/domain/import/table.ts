// Records of a generic file, whatever its format: a JSON array, JSONL or CSV, as plain objects.
import { readCsv } from "./csv";
import type { ByteSource } from "./decode";
import type { ErrorList, ErrorLocation, ImportError } from "./errors";
import { readRecords, type ReadOptions } from "./records";

export type FileFormat = "json" | "csv";

/** ".csv" (any case) is CSV; everything else (.json, .jsonl, …) is JSON or JSONL, told apart by content. */
export function formatOf(file: string): FileFormat {
  return /\.csv$/i.test(file) ? "csv" : "json";
}

export type TableOptions = ReadOptions & { format?: FileFormat };
export type TableRecord = { index: number; line: number; value: Record<string, unknown>; csv: boolean };

export async function* readTable(source: ByteSource, opts: TableOptions): AsyncGenerator<TableRecord> {
  if ((opts.format ?? formatOf(opts.file)) === "csv") {
    for await (const r of readCsv(source, opts)) yield { ...r, csv: true };
  } else {
    for await (const r of readRecords(source, opts))
      yield { index: r.index, line: r.line, value: r.value as Record<string, unknown>, csv: false };
  }
}

/**
 * Reads every record of a file, handing each to `each` with its location; a fatal problem is recorded in
 * `errors`. `complete` is false when the file could not be read to its end or a record was dropped before
 * `each` saw it (or `each` returned false: it could not identify the record), so that later cross-file
 * checks do not report references to records that were only invalid.
 */
export async function eachRecord(
  source: ByteSource,
  opts: TableOptions & { errors: ErrorList },
  each: (value: Record<string, unknown>, loc: ErrorLocation, csv: boolean) => boolean | void,
): Promise<{ complete: boolean; count: number }> {
  const { errors } = opts;
  const before = errors.count;
  let own = 0;
  let lost = false;
  let count = 0;
  const complete = await errors.capture(async () => {
    for await (const r of readTable(source, opts)) {
      count++;
      const c0 = errors.count;
      if (each(r.value, { file: opts.file, record: r.index, line: r.line }, r.csv) === false) lost = true;
      own += errors.count - c0;
    }
  });
  if (errors.count - before > own) lost = true;
  return { complete: complete && !lost, count };
}

/** Validated rows of one file; `rows` is empty unless `ok`. */
export type ParsedRows<T> = { ok: boolean; rows: T[]; errors: ImportError[]; errorsTruncated: boolean };

export function finishRows<T>(rows: T[], errors: ErrorList): ParsedRows<T> {
  const ok = errors.count === 0;
  return { ok, rows: ok ? rows : [], errors: errors.errors, errorsTruncated: errors.truncated };
}
