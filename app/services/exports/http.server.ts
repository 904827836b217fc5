// A streamed download of an export, for the API (Bearer token) and the browser session alike.
import { openDatabase } from "#db/client";
import { parseExportKind, parseExportOptions, searchParamsSource } from "~/lib/forms/schemas/exports";
import { preferencesExportOptions, startPreferencesExport } from "../pairwise/preferences-export.server";
import { startExport, type ExportProject } from "./run.server";

/** Validates kind and filters (AppError 400 naming the field), opens the snapshot and streams. */
export async function exportResponse(
  project: ExportProject,
  kind: string | undefined,
  params: URLSearchParams,
  signal?: AbortSignal,
  actorId: string | null = null,
): Promise<Response> {
  const handle = await openDatabase();
  // preferences: a pairwise project's choices, with options of its own (services/pairwise)
  const run =
    kind === "preferences"
      ? await startPreferencesExport(handle, project, preferencesExportOptions(searchParamsSource(params)), { actorId })
      : await startExport(handle, project, parseExportOptions(parseExportKind(kind), searchParamsSource(params)), { count: true, actorId });
  let stopped = false;
  // The client went away (disconnect or cancel): end the snapshot, give the connection back.
  const stop = () => {
    stopped = true;
    void run.close().catch(() => {});
  };
  signal?.addEventListener("abort", stop, { once: true });
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await run.chunks.next();
          if (stopped) return;
          if (done) {
            signal?.removeEventListener("abort", stop);
            controller.close();
          } else controller.enqueue(value);
        } catch (e) {
          stop();
          // the response has started: all we can do is cut it short, which the client sees as a failed download
          controller.error(e);
        }
      },
      cancel: stop,
    },
    // pull only when the consumer has taken the previous chunk: one batch in flight, not the whole export
    { highWaterMark: 0 },
  );
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": run.contentType,
      "Content-Disposition": `attachment; filename="${run.filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
      ...(run.count === null ? {} : { "X-Record-Count": String(run.count) }),
    },
  });
}
