// Bytes → text. Uploads must be UTF-8 (a UTF-8 byte-order mark is accepted and dropped); anything else is
// refused with the line where decoding failed, never guessed at.
import { ImportError } from "./errors";
import { problem } from "./problems";

/** A file as a stream of byte chunks: a Node ReadStream, a web ReadableStream, or an array in tests. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

function bomProblem(b: Uint8Array): string | null {
  const [b0, b1, b2, b3] = b;
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return "UTF-32 LE";
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return "UTF-32 BE";
  if (b0 === 0xff && b1 === 0xfe) return "UTF-16 LE";
  if (b0 === 0xfe && b1 === 0xff) return "UTF-16 BE";
  return null;
}

/**
 * Index of the first byte of the first invalid UTF-8 sequence in b (WHATWG rules), starting at `from`;
 * -1 when everything is valid (an incomplete sequence at the very end counts as valid: more may follow).
 */
export function firstInvalidUtf8(b: Uint8Array, from = 0): number {
  let i = from;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return -1;
      const x = b[i + k];
      if (x < lo || x > hi) return i;
      lo = 0x80;
      hi = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

function countNewlines(b: Uint8Array, end = b.length): number {
  let n = 0;
  let i = b.indexOf(0x0a);
  while (i !== -1 && i < end) {
    n++;
    i = b.indexOf(0x0a, i + 1);
  }
  return n;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Decodes a UTF-8 byte stream into text chunks, streaming (memory bounded by the chunk size).
 * Throws ImportError for: an empty file, a UTF-16/UTF-32 byte-order mark, invalid UTF-8, NUL bytes.
 */
export async function* decodeUtf8(source: ByteSource, opts: { file: string }): AsyncGenerator<string> {
  const { file } = opts;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let head: Uint8Array | null = new Uint8Array(0); // bytes kept until the BOM can be judged
  let tail = new Uint8Array(0); // last ≤ 3 bytes seen, to locate a sequence split across chunks
  let line = 1;
  let total = 0;

  const decodeChunk = (bytes: Uint8Array): string => {
    const nul = bytes.indexOf(0);
    if (nul !== -1) {
      throw new ImportError({ file, line: line + countNewlines(bytes, nul) }, problem("nulBytes"));
    }
    try {
      const text = decoder.decode(bytes, { stream: true });
      line += countNewlines(bytes);
      const joined = tail.length ? concat(tail, bytes) : bytes;
      tail = joined.slice(Math.max(0, joined.length - 3));
      return text;
    } catch {
      const joined = concat(tail, bytes);
      let start = 0;
      while (start < tail.length && joined[start] >= 0x80 && joined[start] <= 0xbf) start++;
      const found = firstInvalidUtf8(joined, start);
      // relative to this chunk; negative when the bad sequence began in an earlier chunk
      const bad = found === -1 ? 0 : found - tail.length;
      throw new ImportError({ file, line: line + countNewlines(bytes, Math.max(0, bad)) }, problem("badByte", { byte: total + bad + 1 }));
    }
  };

  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    let bytes = chunk;
    if (head) {
      head = concat(head, chunk);
      if (head.length < 4) continue;
      bytes = head;
      head = null;
      const bom = bomProblem(bytes);
      if (bom) throw new ImportError({ file }, problem("bom", { bom }));
    }
    const text = decodeChunk(bytes);
    total += bytes.length;
    if (text) yield text;
  }
  if (head) {
    if (head.length === 0) throw new ImportError({ file }, problem("fileEmpty"));
    const bom = bomProblem(head);
    if (bom) throw new ImportError({ file }, problem("bom", { bom }));
    const text = decodeChunk(head);
    total += head.length;
    if (text) yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw new ImportError({ file, line }, problem("endsInCharacter"));
  }
  if (rest) yield rest;
}

/** Test and CLI helper: a string or bytes as a chunked byte source. */
export function* bytesOf(data: string | Uint8Array, chunkSize = 64 * 1024): Generator<Uint8Array> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
}
