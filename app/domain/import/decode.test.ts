import { describe, expect, it } from "vitest";
import { bytesOf, decodeUtf8, firstInvalidUtf8 } from "./decode";
import { ImportError } from "./errors";

async function decode(bytes: Uint8Array, chunk = 4096): Promise<string> {
  let out = "";
  for await (const t of decodeUtf8(bytesOf(bytes, chunk), { file: "f.jsonl" })) out += t;
  return out;
}

async function failure(bytes: Uint8Array, chunk = 4096): Promise<ImportError> {
  try {
    await decode(bytes, chunk);
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error("no error");
}

const enc = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: Array<Uint8Array | number[]>) => new Uint8Array(parts.flatMap((p) => [...p]));

describe("decodeUtf8", () => {
  const text = "佟湘玉：额滴神啊。\n白展堂：😀 ok\n";

  it.each([1, 2, 3, 5, 4096])("decodes UTF-8 split into %i-byte chunks", async (chunk) => {
    expect(await decode(enc(text), chunk)).toBe(text);
  });

  it.each([1, 2, 4096])("drops a UTF-8 byte-order mark (%i-byte chunks)", async (chunk) => {
    expect(await decode(cat([0xef, 0xbb, 0xbf], enc(text)), chunk)).toBe(text);
  });

  it("a file holding only a byte-order mark decodes to nothing", async () => {
    expect(await decode(cat([0xef, 0xbb, 0xbf]))).toBe("");
  });

  it("refuses an empty file", async () => {
    const e = await failure(new Uint8Array(0));
    expect(e.message).toBe("f.jsonl: file is empty");
  });

  it.each([
    ["UTF-16 LE", [0xff, 0xfe, 0x5b, 0x00]],
    ["UTF-16 BE", [0xfe, 0xff, 0x00, 0x5b]],
    ["UTF-32 LE", [0xff, 0xfe, 0x00, 0x00, 0x5b, 0, 0, 0]],
    ["UTF-32 BE", [0x00, 0x00, 0xfe, 0xff]],
    ["UTF-16 LE", [0xff, 0xfe]],
  ])("refuses a %s byte-order mark", async (name, bytes) => {
    const e = await failure(new Uint8Array(bytes), 1);
    expect(e.problem).toBe(`the encoding is not UTF-8 (it starts with a ${name} byte-order mark); save it as UTF-8`);
    expect(e.line).toBeUndefined();
  });

  it.each([1, 2, 7, 4096])("locates an invalid byte (line and byte) with %i-byte chunks", async (chunk) => {
    const bytes = cat(enc("甲\n乙\nab"), [0xc3, 0x28], enc("\nmore"));
    const e = await failure(bytes, chunk);
    expect([e.line, e.problem]).toEqual([3, "the encoding is not UTF-8: invalid byte sequence at byte 11"]);
  });

  it("refuses a truncated multi-byte character at the end of the file", async () => {
    const e = await failure(cat(enc("ok\n"), [0xe4, 0xbd]));
    expect([e.line, e.problem]).toEqual([2, "the encoding is not UTF-8: the file ends inside a multi-byte character"]);
  });

  it("refuses overlong forms and surrogates (WHATWG rules)", async () => {
    expect((await failure(cat([0x41, 0xc0, 0xaf]))).problem).toMatch(/at byte 2$/);
    expect((await failure(cat([0x41, 0x42, 0xed, 0xa0, 0x80]))).problem).toMatch(/at byte 3$/);
  });

  it("refuses NUL bytes (UTF-16 without a byte-order mark)", async () => {
    const e = await failure(new Uint8Array(Buffer.from('[\n{"a": 1}]', "utf16le")));
    expect(e.problem).toMatch(/NUL bytes/);
    expect(e.line).toBe(1);
  });

  it("firstInvalidUtf8 treats an incomplete tail as valid", () => {
    expect(firstInvalidUtf8(cat(enc("ab"), [0xe4, 0xbd]))).toBe(-1);
    expect(firstInvalidUtf8(cat(enc("ab"), [0xff]))).toBe(2);
  });
});
