import { describe, expect, it } from "vitest";
import { type CsvRow, readCsv } from "./csv";
import { bytesOf } from "./decode";
import { ErrorList, ImportError } from "./errors";

async function rows(text: string, chunk = 4096) {
  const errors = new ErrorList();
  const out: CsvRow[] = [];
  for await (const r of readCsv(bytesOf(text, chunk), { file: "r.csv", errors })) out.push(r);
  return { out, errors: errors.errors.map((e) => e.message) };
}

async function fatal(text: string): Promise<string> {
  try {
    await rows(text);
  } catch (e) {
    if (e instanceof ImportError) return e.message;
    throw e;
  }
  return "no error";
}

describe("readCsv", () => {
  const text = 'id, role ,context\r\n1,佟湘玉,"甲：""好""，\r\n乙：嗯"\r\n\r\n2,,plain\r\n"3","a,b",""\r\n';

  it.each([1, 2, 3, 5, 4096])("reads RFC 4180 CSV with %i-character chunks", async (chunk) => {
    const { out, errors } = await rows(text, chunk);
    expect(errors).toEqual([]);
    expect(out).toEqual([
      { index: 1, line: 2, value: { id: "1", role: "佟湘玉", context: '甲："好"，\r\n乙：嗯' } },
      { index: 2, line: 5, value: { id: "2", role: "", context: "plain" } },
      { index: 3, line: 6, value: { id: "3", role: "a,b", context: "" } },
    ]);
  });

  it("reads LF files without a final newline", async () => {
    const { out } = await rows("a,b\n1,2\n3,4");
    expect(out.map((r) => [r.line, r.value])).toEqual([
      [2, { a: "1", b: "2" }],
      [3, { a: "3", b: "4" }],
    ]);
  });

  it("a header without rows gives no rows", async () => {
    expect(await rows("a,b\n")).toEqual({ out: [], errors: [] });
  });

  it("reports ragged rows with their line and keeps the others", async () => {
    const { out, errors } = await rows('a,b,c\n1,2,3\n"x\ny",2\n4,5,6,7\n8,9,10\n');
    expect(out.map((r) => r.index)).toEqual([1, 4]);
    expect(errors).toEqual([
      "r.csv: record 2 (line 3): expected 3 cells (as in the header), found 2",
      "r.csv: record 3 (line 5): expected 3 cells (as in the header), found 4",
    ]);
  });

  it("reports stray quotes", async () => {
    const { errors } = await rows('a,b\n1,x"y\n"ok"z,2\n');
    expect(errors).toEqual([
      'r.csv: record 1 (line 2): a quote (") inside an unquoted cell; quote the whole cell and double the quote',
      'r.csv: record 2 (line 3): unexpected "z" after a closing quote',
    ]);
  });

  it.each([
    ['a,b\n1,"open\n2,3\n', "r.csv: line 2: the quoted cell opened at line 2 is never closed (the file ends inside it)"],
    ["a,,b\n1,2,3\n", "r.csv: line 1: header: column 2 has no name"],
    ["a,b,a\n", 'r.csv: line 1: header: duplicate column "a" (columns 1 and 3)'],
    ["a,__proto__\n", 'r.csv: line 1: header: the column name "__proto__" is not allowed'],
    ["\n\n  \n", "r.csv: no header row (the file contains only blank lines)"],
    ["", "r.csv: file is empty"],
  ])("refuses %j", async (input, message) => {
    expect(await fatal(input)).toBe(message);
  });
});
