import { describe, expect, it } from "vitest";
import { Batcher } from "./batch";

/** A runner whose batch calls stay open until released, recording what went where. */
function recorder(opts: { failMany?: boolean; again?: (o: string) => boolean } = {}) {
  const log: { kind: "one" | "many"; items: number[] }[] = [];
  const open: (() => void)[] = [];
  const hold = () => new Promise<void>((r) => open.push(r));
  const runner = {
    one: async (i: number) => {
      log.push({ kind: "one" as const, items: [i] });
      await hold();
      if (i < 0) throw new Error(`bad ${i}`);
      return `one:${i}`;
    },
    many: async (items: number[]) => {
      log.push({ kind: "many" as const, items });
      await hold();
      if (opts.failMany) throw new Error("batch rolled back");
      return items.map((i) => `many:${i}`);
    },
    again: opts.again,
  };
  const releaseAll = async () => {
    for (let n = 0; n < 20; n++) {
      while (open.length) open.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { log, runner, releaseAll };
}

describe("Batcher", () => {
  it("sends a lone call at once, alone", async () => {
    const r = recorder();
    const b = new Batcher(r.runner);
    const p = b.call(1);
    await r.releaseAll();
    expect(await p).toBe("one:1");
    expect(r.log).toEqual([{ kind: "one", items: [1] }]);
  });

  it("sends the calls that arrive while a batch is in flight together, in order, and answers each its own", async () => {
    const r = recorder();
    const b = new Batcher(r.runner);
    const first = b.call(1);
    const rest = [2, 3, 4].map((i) => b.call(i));
    expect(r.log).toEqual([{ kind: "one", items: [1] }]);
    await r.releaseAll();
    expect(await first).toBe("one:1");
    expect(await Promise.all(rest)).toEqual(["many:2", "many:3", "many:4"]);
    expect(r.log).toEqual([
      { kind: "one", items: [1] },
      { kind: "many", items: [2, 3, 4] },
    ]);
  });

  it("caps a batch's size and keeps the rest for the next", async () => {
    const r = recorder();
    const b = new Batcher(r.runner, 2);
    const all = [1, 2, 3, 4, 5].map((i) => b.call(i));
    await r.releaseAll();
    await Promise.all(all);
    expect(r.log.map((l) => l.items)).toEqual([[1], [2, 3], [4, 5]]);
    expect(b.sent).toEqual({ batches: 3, calls: 5, largest: 2 });
  });

  it("runs each call of a failed batch alone: the good ones succeed, the bad one gets its own error", async () => {
    const r = recorder({ failMany: true });
    const b = new Batcher(r.runner);
    const first = b.call(1);
    const rest = [2, -3, 4].map((i) => b.call(i));
    const settled = Promise.allSettled(rest);
    await r.releaseAll();
    await first;
    const out = await settled;
    expect(out.map((o) => (o.status === "fulfilled" ? o.value : (o.reason as Error).message))).toEqual(["one:2", "bad -3", "one:4"]);
  });

  it("runs alone a batched call whose answer asks for it", async () => {
    const r = recorder({ again: (o) => o === "many:3" });
    const b = new Batcher(r.runner);
    const first = b.call(1);
    const rest = [2, 3].map((i) => b.call(i));
    await r.releaseAll();
    await first;
    expect(await Promise.all(rest)).toEqual(["many:2", "one:3"]);
  });
});
