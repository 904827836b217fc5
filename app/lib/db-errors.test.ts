import { describe, expect, it } from "vitest";
import { databaseUnavailableCode, isDatabaseUnavailable } from "./db-errors";

const err = (props: Record<string, unknown>) => Object.assign(new Error("x"), props);

describe("telling a lost database from a bad query", () => {
  it("knows the socket errors, postgres.js's connection codes and the server's shutdown states", () => {
    for (const code of [
      "ECONNREFUSED",
      "ECONNRESET",
      "ETIMEDOUT",
      "ENOTFOUND",
      "CONNECTION_CLOSED",
      "CONNECTION_DESTROYED",
      "CONNECTION_ENDED",
      "CONNECT_TIMEOUT",
      "57P01",
      "57P02",
      "57P03",
      "53300",
      "08006",
      "08001",
    ]) {
      expect(databaseUnavailableCode(err({ code }))).toBe(code);
    }
  });

  it("looks inside drizzle's wrapper and Node's AggregateError of a dual-stack connect", () => {
    const drizzle = err({ query: "select 1", cause: err({ code: "CONNECTION_CLOSED" }) });
    expect(databaseUnavailableCode(drizzle)).toBe("CONNECTION_CLOSED");
    const aggregate = new AggregateError([err({ code: "ECONNREFUSED" }), err({ code: "ECONNREFUSED" })], "connect");
    expect(databaseUnavailableCode(err({ cause: aggregate }))).toBe("ECONNREFUSED");
  });

  it("leaves every other error alone", () => {
    for (const e of [
      err({ code: "23505" }),
      err({ code: "RC400" }),
      err({ code: "42P01" }),
      err({ cause: err({ code: "22003" }) }),
      new TypeError("x"),
      null,
      undefined,
      "ECONNREFUSED",
      { code: 57 },
    ]) {
      expect(isDatabaseUnavailable(e)).toBe(false);
    }
  });
});
