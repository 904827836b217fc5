// A multipart upload received into a private temporary folder, removed when the request is done.
// A file of it is opened only when an import reads it, and every file opened is closed before the
// folder goes: a stream opened eagerly and never read (the import refused a model name first) used to
// find its file gone, and its unhandled 'error' took the whole server down.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NodeOnDiskFile } from "@remix-run/node";

export class UploadFolder {
  private readonly opened = new Set<fs.ReadStream>();

  private constructor(readonly dir: string) {}

  /** Runs `use` with a new folder and removes the folder afterwards, whatever happened. */
  static async use<T>(use: (folder: UploadFolder) => Promise<T>): Promise<T> {
    const folder = new UploadFolder(fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-upload-")));
    try {
      return await use(folder);
    } finally {
      await folder.remove();
    }
  }

  /** The bytes of an uploaded file, read when iterated (each iteration opens the file afresh). A read
   *  error reaches the reader as a rejection; an iteration that stops early closes the file. */
  read(file: NodeOnDiskFile): AsyncIterable<Uint8Array> {
    const opened = this.opened;
    return {
      async *[Symbol.asyncIterator]() {
        const stream = fs.createReadStream(file.getFilePath());
        opened.add(stream);
        try {
          yield* stream;
        } finally {
          await closed(stream);
          opened.delete(stream);
        }
      },
    };
  }

  private async remove() {
    // a reader that was dropped without finishing still holds its stream: close it first
    await Promise.all([...this.opened].map(closed));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function closed(stream: fs.ReadStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.closed) return resolve();
    stream.once("close", () => resolve());
    stream.on("error", () => {}); // the reader has gone; nothing is left to tell
    stream.destroy();
  });
}
