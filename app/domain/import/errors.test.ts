import { describe, expect, it } from "vitest";
import { ErrorList, ImportError, ImportFailed, TooManyErrors } from "./errors";
import { problem } from "./problems";

// a problem whose English text is the given text
const p = (text: string) => problem("text", { text });

describe("ImportError", () => {
  it("names file, record, line and field, with grouped digits", () => {
    const e = new ImportError(
      { file: "responses/gpt4.jsonl", record: 4563, line: 91210, field: "model_output" },
      problem("expectedStringOrNull", { found: { key: "imports.kind.integer" } }),
    );
    expect(e.message).toBe(
      'responses/gpt4.jsonl: record 4,563 (line 91,210), field "model_output": expected a string or null, found an integer',
    );
    expect(e.toJSON()).toEqual({
      file: "responses/gpt4.jsonl",
      line: 91210,
      record: 4563,
      key: null,
      field: "model_output",
      problem: "expected a string or null, found an integer",
      message: e.message,
      i18n: { key: "imports.problem.expectedStringOrNull", params: { found: { key: "imports.kind.integer" } } },
    });
  });

  it("formats entries of object maps, bare lines and bare files", () => {
    expect(new ImportError({ file: "id2metric.jsonl", key: "5320", line: 12, field: "[0][1]" }, p("p")).message).toBe(
      'id2metric.jsonl: entry "5320" (line 12), field "[0][1]": p',
    );
    expect(new ImportError({ file: "a.csv", line: 1234 }, p("p")).message).toBe("a.csv: line 1,234: p");
    expect(new ImportError({ file: "a.csv" }, p("p")).message).toBe("a.csv: p");
  });
});

describe("ErrorList", () => {
  it("keeps up to its limit, then stops the run", async () => {
    const list = new ErrorList(2);
    const complete = await list.capture(async () => {
      for (let i = 1; i <= 5; i++) list.add(new ImportError({ file: "f", record: i }, p("bad")));
    });
    expect(complete).toBe(false);
    expect(list.count).toBe(2);
    expect(list.truncated).toBe(true);
    expect(() => list.add(new ImportError({ file: "f" }, p("x")))).toThrow(TooManyErrors);
  });

  it("records a fatal ImportError and rethrows anything else", async () => {
    const list = new ErrorList();
    expect(
      await list.capture(async () => {
        throw new ImportError({ file: "f", line: 3 }, p("truncated"));
      }),
    ).toBe(false);
    expect(list.errors.map((e) => e.message)).toEqual(["f: line 3: truncated"]);
    await expect(
      list.capture(async () => {
        throw new TypeError("bug");
      }),
    ).rejects.toThrow("bug");
  });

  it("ImportFailed summarises a list", () => {
    const errors = [new ImportError({ file: "f", record: 1 }, p("a")), new ImportError({ file: "f", record: 2 }, p("b"))];
    expect(new ImportFailed(errors.slice(0, 1)).message).toBe("f: record 1: a");
    expect(new ImportFailed(errors, true).message).toBe("2+ import errors; first: f: record 1: a");
  });
});
