import { describe, expect, it } from "vitest";
import { BatchQueue } from "./batch-queue";

const STOP = Symbol("stop");

describe("BatchQueue", () => {
  it("hands batches over in order, holding the producer once `limit` wait", async () => {
    const q = new BatchQueue<number, typeof STOP>(2, STOP);
    expect(q.put(1)).toBeUndefined();
    const held = q.put(2);
    expect(held).toBeInstanceOf(Promise);
    let released = false;
    void (held as Promise<unknown>).then(() => (released = true));
    await Promise.resolve();
    expect(released).toBe(false);
    expect(await q.take()).toBe(1);
    expect(await held).toBeUndefined();
    q.end();
    expect(await q.take()).toBe(2);
    expect(await q.take()).toBeNull();
  });

  it("wakes a waiting consumer, and reports the producer's error after the batches before it", async () => {
    const q = new BatchQueue<string, typeof STOP>(4, STOP);
    const waiting = q.take();
    q.put("a");
    expect(await waiting).toBe("a");
    q.put("b");
    q.fail(new Error("connection lost"));
    expect(await q.take()).toBe("b");
    await expect(q.take()).rejects.toThrow("connection lost");
  });

  it("answers `stop` to a held or later producer once the consumer has gone", async () => {
    const q = new BatchQueue<number, typeof STOP>(1, STOP);
    const held = q.put(1);
    q.close();
    expect(await held).toBe(STOP);
    expect(q.put(2)).toBe(STOP);
  });
});
