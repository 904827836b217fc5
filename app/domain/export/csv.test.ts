import { describe, expect, it } from "vitest";
import {
  ANNOTATION_FIELDS,
  annotationCsvHeader,
  annotationRecord,
  formatAnnotationCsvRow,
  formatAnnotationJsonl,
  type AnnotationInput,
} from "./annotations";
import { csvRow, formatCsvCell, neutraliseFormula, toCsv } from "./csv";

describe("CSV cells", () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", `"'\rcmd"`],
    ["=1,2", `"'=1,2"`],
    ["\n=1", `"'\n=1"`],
    ["\nplain", `"'\nplain"`],
    [" =1+2", "' =1+2"],
    ["\u3000\u00a0@SUM(A1)", "'\u3000\u00a0@SUM(A1)"],
    ["  -2+3", "'  -2+3"],
    ["＝HYPERLINK(x)", "'＝HYPERLINK(x)"],
    ["＋1", "'＋1"],
    ["－1", "'－1"],
    ["＠SUM(A1)", "'＠SUM(A1)"],
  ])("neutralises %j", (input, expected) => {
    expect(formatCsvCell(input)).toBe(expected);
  });

  it("leaves harmless text alone and quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(formatCsvCell("很好")).toBe("很好");
    expect(formatCsvCell(" 1")).toBe(" 1");
    expect(formatCsvCell("a ＝ b")).toBe("a ＝ b");
    expect(formatCsvCell("a,b")).toBe('"a,b"');
    expect(formatCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(formatCsvCell("two\nlines")).toBe('"two\nlines"');
    expect(formatCsvCell("cr\rhere")).toBe('"cr\rhere"');
    expect(formatCsvCell("")).toBe("");
    expect(neutraliseFormula("a=1")).toBe("a=1");
  });

  it("writes numbers, booleans and nulls as such: a negative number is not mangled", () => {
    expect([-1, -2.5, 0, 3, 12n, true, false, null, undefined, Number.NaN].map(formatCsvCell)).toEqual([
      "-1",
      "-2.5",
      "0",
      "3",
      "12",
      "true",
      "false",
      "",
      "",
      "",
    ]);
    expect(formatCsvCell("-1")).toBe("'-1"); // as text it is neutralised
  });

  it("ends records with CRLF", () => {
    expect(csvRow(["a", 1, null])).toBe("a,1,\r\n");
    expect(
      toCsv(
        ["h1", "h2"],
        [
          ["x", -1],
          ["y,z", 2],
        ],
      ),
    ).toBe('h1,h2\r\nx,-1\r\n"y,z",2\r\n');
  });
});

describe("annotations export", () => {
  const a: AnnotationInput = {
    project: "ce",
    dialogueId: "5320",
    model: "=cmd|' /C calc'!A0",
    metric: "Fluency",
    annotator: "@alice",
    score: 4,
    comment: '-太长, 但"好"\n第二行',
    activeMs: 12500,
    createdAt: new Date(Date.UTC(2024, 4, 31, 8, 0, 0, 123)),
    gold: false,
    taskId: 77,
    taskActiveMs: 25000,
  };

  it("writes the JSONL record losslessly in field order", () => {
    const r = JSON.parse(formatAnnotationJsonl(a));
    expect(Object.keys(r)).toEqual([...ANNOTATION_FIELDS]);
    expect(r).toEqual({
      project: "ce",
      dialogue_id: "5320",
      model: "=cmd|' /C calc'!A0",
      metric: "Fluency",
      annotator: "@alice",
      score: 4,
      comment: '-太长, 但"好"\n第二行',
      active_ms: 12500,
      created_at: "2024-05-31T08:00:00.123Z",
      gold: false,
      task_id: 77,
      task_active_ms: 25000,
    });
    expect(annotationRecord({ ...a, createdAt: "2024-05-31T08:00:00Z", comment: null, activeMs: null })).toMatchObject({
      created_at: "2024-05-31T08:00:00.000Z",
      comment: null,
      active_ms: null,
    });
    expect(() => annotationRecord({ ...a, createdAt: "not a date" })).toThrow(RangeError);
  });

  it("writes the CSV header and neutralised rows", () => {
    expect(annotationCsvHeader()).toBe(
      "project,dialogue_id,model,metric,annotator,score,comment,active_ms,created_at,gold,task_id,task_active_ms\r\n",
    );
    expect(formatAnnotationCsvRow(a)).toBe(
      `ce,5320,'=cmd|' /C calc'!A0,Fluency,'@alice,4,"'-太长, 但""好""\n第二行",12500,2024-05-31T08:00:00.123Z,false,77,25000\r\n`,
    );
    expect(formatAnnotationCsvRow({ ...a, score: -1, comment: null, activeMs: null, gold: true })).toContain(",-1,,,");
  });
});
