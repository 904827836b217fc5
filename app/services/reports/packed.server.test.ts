import { describe, expect, it } from "vitest";
import { int8At, packedView, readPacked, sharedFloat64 } from "./packed.server";

describe("packed columns", () => {
  it("reads big-endian int2, int4 and int8 values, −1 as none when asked", () => {
    // int8 2^40 + 5 and −1; int4 70000; int2 −2 and 3
    const int8 = Uint8Array.from([0, 0, 1, 0, 0, 0, 0, 5, 255, 255, 255, 255, 255, 255, 255, 255]);
    expect(Array.from(readPacked(int8, 2, 8, new Float64Array(2)))).toEqual([2 ** 40 + 5, -1]);
    expect(Array.from(readPacked(int8, 2, 8, new Float64Array(2), 0, true))).toEqual([2 ** 40 + 5, NaN]);
    expect(Array.from(readPacked(Uint8Array.from([0, 1, 17, 112]), 1, 4, new Float64Array(1)))).toEqual([70000]);
    expect(Array.from(readPacked(Uint8Array.from([255, 254, 0, 3]), 2, 2, new Float64Array(3), 1))).toEqual([0, -2, 3]);
  });

  it("reads a view into a larger buffer (as a driver hands bytea over) and checks its length", () => {
    const buffer = Buffer.from([9, 9, 0, 0, 0, 0, 0, 0, 0, 42, 9]);
    const bytes = buffer.subarray(2, 10);
    expect(int8At(packedView(bytes, 1, 8), 0)).toBe(42);
    expect(() => packedView(bytes, 2, 8)).toThrow(/8 bytes do not hold 2 values of 8/);
    expect(packedView(null, 0, 8).byteLength).toBe(0);
  });

  it("allocates columns on shared memory", () => {
    const column = sharedFloat64(3);
    expect(column.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(column)).toEqual([0, 0, 0]);
  });
});
