import { describe, expect, it } from "vitest";
import { isForeignOrigin } from "./origin";

const base = { host: "127.0.0.1:3000", protocol: "http", configuredOrigin: null };

describe("isForeignOrigin", () => {
  it("lets safe methods through whatever their origin", () => {
    expect(isForeignOrigin({ ...base, method: "GET", origin: "https://evil.example" })).toBe(false);
  });
  it("accepts our own origin and requests without one", () => {
    expect(isForeignOrigin({ ...base, method: "POST", origin: "http://127.0.0.1:3000" })).toBe(false);
    expect(isForeignOrigin({ ...base, method: "POST", origin: undefined })).toBe(false);
  });
  it("refuses a foreign, a null and a scheme-swapped origin", () => {
    expect(isForeignOrigin({ ...base, method: "POST", origin: "https://evil.example" })).toBe(true);
    expect(isForeignOrigin({ ...base, method: "DELETE", origin: "null" })).toBe(true);
    expect(isForeignOrigin({ ...base, method: "POST", origin: "https://127.0.0.1:3000" })).toBe(true);
    expect(isForeignOrigin({ ...base, method: "PUT", origin: "http://127.0.0.1:3001" })).toBe(true);
  });
  it("uses the configured public origin behind a proxy", () => {
    const o = { ...base, configuredOrigin: "https://rolecall.lab.example" };
    expect(isForeignOrigin({ ...o, method: "POST", origin: "https://rolecall.lab.example" })).toBe(false);
    expect(isForeignOrigin({ ...o, method: "POST", origin: "http://127.0.0.1:3000" })).toBe(true);
  });
});
