// Browser side of a download with progress: fetch the stream, count records as bytes arrive against the
// X-Record-Count the server sends first, then save the bytes through a Blob URL.
import type { ExportKind } from "~/domain/export/options";

export type DownloadProgress = { records: number; total: number | null; bytes: number };
export type DownloadResult = { filename: string; records: number; bytes: number };

const NEWLINE = 10;

/** Newlines per record: one per JSONL/CSV line; generation-trans records are 9 lines of indented JSON. */
function recordsFromNewlines(kind: ExportKind, format: string, newlines: number) {
  if (kind === "generation-trans") return Math.floor(newlines / 9);
  if (kind === "annotations" && format === "csv") return Math.max(0, newlines - 1);
  return newlines;
}

function filenameOf(res: Response, fallback: string) {
  const m = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") ?? "");
  return m ? m[1] : fallback;
}

export class DownloadError extends Error {}

export async function downloadExport(
  url: string,
  opts: { kind: ExportKind; format: string; signal: AbortSignal; onProgress: (p: DownloadProgress) => void },
): Promise<DownloadResult> {
  const res = await fetch(url, { credentials: "same-origin", signal: opts.signal });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new DownloadError(body?.error ?? `${res.status} ${res.statusText}`);
  }
  const header = res.headers.get("X-Record-Count");
  const total = header ? Number(header) : null;
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let bytes = 0;
  let newlines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === NEWLINE) newlines++;
    const records = recordsFromNewlines(opts.kind, opts.format, newlines);
    opts.onProgress({ records: total === null ? records : Math.min(records, total), total, bytes });
  }
  const filename = filenameOf(res, `export-${opts.kind}`);
  const href = URL.createObjectURL(new Blob(parts as BlobPart[], { type: res.headers.get("Content-Type") ?? "application/octet-stream" }));
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  const records = total ?? recordsFromNewlines(opts.kind, opts.format, newlines);
  return { filename, records, bytes };
}

export function formatBytes(n: number) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
