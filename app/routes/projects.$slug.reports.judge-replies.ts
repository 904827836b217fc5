// Download of a judge's raw replies and failures as JSONL (managers), for auditing the judge.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { judgeReplyLines } from "~/services/judge-runner/replies.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProject(request, params.slug!, "manage");
  const judge = new URL(request.url).searchParams.get("judge") ?? "";
  const lines = judgeReplyLines(await getDb(), project.id, judge);
  const first = await lines.next(); // an unknown judge is a 404 before any byte is sent
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      if (!first.done) c.enqueue(encoder.encode(first.value));
    },
    async pull(c) {
      const next = await lines.next();
      if (next.done) c.close();
      else c.enqueue(encoder.encode(next.value));
    },
  });
  const name = `${project.slug}-${judge.replace(/[^\p{L}\p{N}._-]+/gu, "_")}-replies.jsonl`;
  return new Response(body, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  });
}
