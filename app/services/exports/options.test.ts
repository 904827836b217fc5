import { describe, expect, it } from "vitest";
import { exportFile } from "~/domain/export/options";
import { parseExportKind, parseExportOptions, searchParamsSource } from "~/lib/forms/schemas/exports";
import { CHUNK_BYTES, encodeChunks } from "./run.server";

const parse = (kind: Parameters<typeof parseExportOptions>[0], q: string) =>
  parseExportOptions(kind, searchParamsSource(new URLSearchParams(q)));

describe("export options", () => {
  it("has defaults: mean consensus, split by dialogue, margin 1, CSV", () => {
    expect(parse("pairs", "")).toMatchObject({
      metrics: [],
      models: [],
      minRatings: 0,
      consensus: "mean",
      splitBy: "dialogue",
      seed: undefined,
      minMargin: 1,
    });
    expect(parse("annotations", "").format).toBe("csv");
  });

  it("reads lists, numbers and booleans", () => {
    const o = parse(
      "pairs",
      "metric=Fluency,Empathy&metric=Accuracy&model=a&min-ratings=2&adjudicated-only=1&exclude-gold=false&consensus=median&split-by=character&seed=s1&min-margin=0.5",
    );
    expect(o).toMatchObject({
      metrics: ["Fluency", "Empathy", "Accuracy"],
      models: ["a"],
      minRatings: 2,
      adjudicatedOnly: true,
      excludeGold: false,
      consensus: "median",
      splitBy: "character",
      seed: "s1",
      minMargin: 0.5,
    });
  });

  it("leaves gold out of training data unless asked for, and keeps it in the raw annotations", () => {
    expect(parse("charrm", "").excludeGold).toBe(true);
    expect(parse("pairs", "").excludeGold).toBe(true);
    expect(parse("annotations", "").excludeGold).toBe(false);
    expect(parse("charrm", "include-gold=1").excludeGold).toBe(false);
    expect(parse("pairs", "exclude-gold=false").excludeGold).toBe(false);
    expect(parse("annotations", "exclude-gold=1").excludeGold).toBe(true);
    expect(() => parse("annotations", "include-gold=1")).toThrow(/include-gold/);
    expect(() => parse("charrm", "include-gold=1&exclude-gold=1")).toThrow(expect.objectContaining({ field: "include-gold" }));
  });

  it("refuses unknown kinds, filters not of this kind and bad values, naming the field", () => {
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as { field?: string; status?: number }).status === 400 ? (e as { field: string }).field : "not a 400";
      }
      return "no error";
    };
    expect(field(() => parseExportKind("zip"))).toBe("kind");
    expect(field(() => parse("charrm", "min-margin=1"))).toBe("min-margin");
    expect(field(() => parse("annotations", "consensus=mean"))).toBe("consensus");
    expect(field(() => parse("charrm", "order_by=password_hash"))).toBe("order_by");
    expect(field(() => parse("charrm", "min-ratings=1.5"))).toBe("min-ratings");
    expect(field(() => parse("charrm", "consensus=mode"))).toBe("consensus");
    expect(field(() => parse("charrm", "adjudicated-only=maybe"))).toBe("adjudicated-only");
    expect(field(() => parse("charrm", "seed=a&seed=b"))).toBe("seed");
    expect(field(() => parse("generation-trans", "model=a,b"))).toBe("model");
    expect(field(() => parse("pairs", "min-margin=-1"))).toBe("min-margin");
  });

  it("names downloads from the slug and kind only", () => {
    expect(exportFile("s", { kind: "annotations", format: "csv" })).toEqual({
      filename: "s-annotations.csv",
      contentType: "text/csv; charset=utf-8",
    });
    expect(exportFile("s", { kind: "annotations", format: "jsonl" }).filename).toBe("s-annotations.jsonl");
    expect(exportFile("s", { kind: "generation-trans", format: "csv" })).toEqual({
      filename: "s-generation-trans.json",
      contentType: "application/json; charset=utf-8",
    });
    expect(exportFile("s", { kind: "charrm", format: "csv" }).contentType).toBe("application/x-ndjson; charset=utf-8");
  });

  it("encodes lines into chunks of about CHUNK_BYTES without splitting a line", async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `${"x".repeat(400)}${"佟湘玉😀".repeat(i % 7 ? 50 : 20_000)}${i}\n`);
    const chunks: Uint8Array[] = [];
    for await (const c of encodeChunks([lines.slice(0, 30), [], lines.slice(30)])) chunks.push(c);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(lines.join(""));
    expect(chunks.length).toBeGreaterThan(4);
    const longest = Math.max(...lines.map((l) => Buffer.byteLength(l)));
    expect(chunks.every((c) => c[c.length - 1] === 0x0a && c.length <= Math.max(CHUNK_BYTES, longest))).toBe(true);
    expect(chunks.filter((c) => c.length < CHUNK_BYTES / 2).length).toBeLessThanOrEqual(lines.length / 7 + 2);
  });
});
