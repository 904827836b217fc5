// Writing an export to a file: into a temporary file beside the target, renamed into place at the end,
// so a failed or interrupted export never leaves a half-written file under the requested name.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";
import { badRequest } from "~/lib/errors";

export function tempPathFor(target: string) {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`);
}

export function checkOutputDir(target: string) {
  const dir = path.dirname(path.resolve(target));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw badRequest(`The folder of --out does not exist: ${dir}`, "out");
}

/** Streams chunks into `target` with back-pressure; atomic replace on success, nothing left on failure. */
export async function writeChunksToFile(chunks: AsyncIterable<Uint8Array | string>, target: string): Promise<void> {
  checkOutputDir(target);
  const tmp = tempPathFor(target);
  const out = fs.createWriteStream(tmp, { flags: "wx", highWaterMark: 1 << 20 });
  let failure: Error | null = null;
  out.on("error", (e) => (failure ??= e));
  try {
    for await (const chunk of chunks) {
      if (failure) throw failure;
      if (!out.write(chunk)) await waitForDrain(out);
    }
    out.end();
    await finished(out);
    await fs.promises.rename(tmp, target);
  } catch (e) {
    out.destroy();
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
}

/** 'drain', or the stream's error (a full disk must fail the export, not hang it). */
function waitForDrain(out: fs.WriteStream) {
  return new Promise<void>((resolve, reject) => {
    if (out.errored) return reject(out.errored);
    const done = (e?: Error) => {
      out.off("drain", done);
      out.off("error", done);
      if (e) reject(e);
      else resolve();
    };
    out.on("drain", done);
    out.on("error", done);
  });
}
