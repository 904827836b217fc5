// A client that sends a large body in chunks with no Content-Length (Transfer-Encoding: chunked), as
// fast as the server takes it, and reports how far it got: what the server answered and how many bytes
// it had sent when the connection ended. A server that stops reading at its limit cuts it off early.
import http from "node:http";

export type ChunkedOutcome = { status: number | null; body: string; sent: number; error: string | null };

export function sendChunked(
  url: string,
  opts: { total: number; chunkSize?: number; headers?: Record<string, string>; prefix?: string },
): Promise<ChunkedOutcome> {
  const u = new URL(url);
  const chunk = Buffer.alloc(opts.chunkSize ?? 64 * 1024, "a");
  return new Promise((resolve) => {
    const out: ChunkedOutcome = { status: null, body: "", sent: 0, error: null };
    const req = http.request({
      host: u.hostname,
      port: u.port,
      path: u.pathname + u.search,
      method: "POST",
      agent: false,
      headers: { ...opts.headers, "Transfer-Encoding": "chunked" },
    });
    req.on("response", (res) => {
      out.status = res.statusCode ?? null;
      res.setEncoding("utf8");
      res.on("data", (d: string) => (out.body += d));
      res.on("error", () => {});
    });
    req.on("error", (e: NodeJS.ErrnoException) => (out.error = e.code ?? e.message));
    // the answer is read before the connection's end is reported
    req.on("close", () => setTimeout(() => resolve(out), 50));
    const pump = () => {
      if (opts.prefix && out.sent === 0) ((out.sent += Buffer.byteLength(opts.prefix)), req.write(opts.prefix));
      while (out.sent < opts.total && !req.destroyed) {
        out.sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}
