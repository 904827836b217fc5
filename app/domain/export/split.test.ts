import { describe, expect, it } from "vitest";
import { assignSplit, parseSplitRatios, splitKey, splitOfDialogue, stableHash32, type Split } from "./split";
import { itWithFixtures, readFixture } from "../../../test/charactereval-fixture";
import { pythonMap } from "./testing/python-oracle";

const FNV_FMIX_PY = `
def h(s):
    x = 0x811c9dc5
    for b in s.encode('utf-8'):
        x = ((x ^ b) * 0x01000193) & 0xffffffff
    x ^= x >> 16; x = (x * 0x85ebca6b) & 0xffffffff
    x ^= x >> 13; x = (x * 0xc2b2ae35) & 0xffffffff
    x ^= x >> 16
    return x
out = [h(s) for s in data]
`;

type Dialogue = { id: number; role: string };
const dialogues = () => JSON.parse(readFixture("test_data.jsonl")) as Dialogue[];

const count = (splits: Split[]) => ({
  train: splits.filter((s) => s === "train").length,
  dev: splits.filter((s) => s === "dev").length,
  test: splits.filter((s) => s === "test").length,
});

describe("split", () => {
  it("uses a fixed hash: FNV-1a 32 + fmix32 over UTF-8, the same in an independent Python implementation", () => {
    const keys = ["", "a", "rolecall\u0000dialogue:5320", "rolecall\u0000character:佟湘玉", "😀𠀀\u0000x"];
    const py = pythonMap<number[]>(keys, FNV_FMIX_PY);
    expect(keys.map(stableHash32)).toEqual(py);
    expect(splitOfDialogue({ id: "5320", role: "x" })).toBe(splitOfDialogue({ id: 5320, role: "y" }));
  });

  itWithFixtures("splits the real dialogues about 80/10/10, deterministically, each dialogue in exactly one split", () => {
    const ds = dialogues();
    const first = ds.map((d) => splitOfDialogue(d));
    const second = [...ds]
      .reverse()
      .map((d) => splitOfDialogue(d))
      .reverse();
    expect(second).toEqual(first);
    const c = count(first);
    expect(c.train + c.dev + c.test).toBe(ds.length);
    expect(c.train / ds.length).toBeGreaterThan(0.77);
    expect(c.train / ds.length).toBeLessThan(0.83);
    expect(c.dev / ds.length).toBeGreaterThan(0.08);
    expect(c.test / ds.length).toBeGreaterThan(0.08);
    const other = ds.map((d) => splitOfDialogue(d, { seed: "another seed" }));
    expect(other).not.toEqual(first);
  });

  itWithFixtures("keeps every character in one split with split-by character", () => {
    const byRole = new Map<string, Set<Split>>();
    for (const d of dialogues()) {
      const s = splitOfDialogue(d, { by: "character" });
      byRole.set(d.role, (byRole.get(d.role) ?? new Set()).add(s));
    }
    expect([...byRole.values()].every((s) => s.size === 1)).toBe(true);
    const splits = new Set([...byRole.values()].flatMap((s) => [...s]));
    expect(splits.has("train")).toBe(true);
    expect(splitKey({ id: 1, role: "老默" }, "character")).toBe("character:老默");
  });

  it("honours ratios, including empty splits", () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `k${i}`);
    expect(count(keys.map((k) => assignSplit(k, { ratios: { train: 1, dev: 0, test: 0 } })))).toEqual({ train: 2000, dev: 0, test: 0 });
    const half = count(keys.map((k) => assignSplit(k, { ratios: { train: 50, dev: 0, test: 50 } })));
    expect(half.dev).toBe(0);
    expect(Math.abs(half.train - 1000)).toBeLessThan(100);
    expect(() => assignSplit("k", { ratios: { train: 0, dev: 0, test: 0 } })).toThrow(RangeError);
    expect(() => assignSplit("k", { ratios: { train: -1, dev: 1, test: 1 } })).toThrow(RangeError);
  });

  it("parses ratio flags", () => {
    expect(parseSplitRatios("80/10/10")).toEqual({ train: 80, dev: 10, test: 10 });
    expect(parseSplitRatios("0.7, 0.15, 0.15")).toEqual({ train: 0.7, dev: 0.15, test: 0.15 });
    expect(() => parseSplitRatios("80/20")).toThrow("expected three numbers");
  });
});
