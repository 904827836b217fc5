import { describe, expect, it } from "vitest";
import { ConfigError } from "~/lib/env.server";
import { clientAddress, parseTrustProxy } from "./client-address.server";

describe("client address (TRUST_PROXY)", () => {
  it("is the peer's address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    for (const v of [undefined, "", "false", "0"]) {
      expect(clientAddress("203.0.113.9", "1.2.3.4", parseTrustProxy(v))).toBe("203.0.113.9");
    }
    expect(clientAddress("::ffff:203.0.113.9", null, parseTrustProxy(undefined))).toBe("203.0.113.9");
  });

  it("reads the forwarded client behind a trusted proxy, walking past trusted hops only", () => {
    const trust = parseTrustProxy("loopback, 10.0.0.0/8, 2001:db8::/32");
    expect(clientAddress("127.0.0.1", "198.51.100.4", trust)).toBe("198.51.100.4");
    expect(clientAddress("::1", "198.51.100.4", trust)).toBe("198.51.100.4");
    // a client's own forged entry lies left of what our proxies added: it is never reached
    expect(clientAddress("127.0.0.1", "6.6.6.6, 198.51.100.4, 10.1.2.3", trust)).toBe("198.51.100.4");
    expect(clientAddress("2001:db8::5", "198.51.100.4", trust)).toBe("198.51.100.4");
    // a peer that is not a trusted proxy: its header is ignored
    expect(clientAddress("203.0.113.9", "198.51.100.4", trust)).toBe("203.0.113.9");
    // a trusted proxy passing on garbage: counted as that proxy
    expect(clientAddress("127.0.0.1", "not-an-address", trust)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", null, trust)).toBe("127.0.0.1");
  });

  it("with a hop count, takes the address that many hops from the app", () => {
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.4", parseTrustProxy("1"))).toBe("198.51.100.4");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.4, 10.0.0.1", parseTrustProxy("2"))).toBe("198.51.100.4");
    expect(clientAddress("10.0.0.2", "198.51.100.4", parseTrustProxy("3"))).toBe("198.51.100.4");
  });

  it("refuses a value it cannot read", () => {
    for (const v of ["yes", "10.0.0.0/33", "loopbak", "1.2.3.4/x", "*"]) expect(() => parseTrustProxy(v), v).toThrow(ConfigError);
  });
});
