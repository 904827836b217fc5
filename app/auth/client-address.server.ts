// Which address a request comes from, for the sign-in limits. The peer of the TCP connection is the only
// thing a client cannot choose; X-Forwarded-For is whatever the client wrote, unless a proxy we trust
// wrote it. So forwarded addresses are read only when TRUST_PROXY says which peers are our proxies:
//
//   unset, "" or "false"   off (the default): the peer's own address, X-Forwarded-For ignored
//   "loopback"             a proxy on this machine (127.0.0.0/8, ::1)
//   "10.0.0.5, 10.1.0.0/16, loopback"
//                          these proxies (addresses and CIDR ranges, IPv4 or IPv6, and "loopback")
//   "1", "2", …            that many proxies in front of the app, whatever their addresses
//
// With a list, the chain peer → X-Forwarded-For (right to left) is walked while the address is a trusted
// proxy, and the first one that is not is the client. With a count N, the client is the N-th address
// from the right of that chain (as Express's "trust proxy" does).
import { BlockList, isIP } from "node:net";
import { ConfigError } from "~/lib/env.server";

export type TrustProxy = { kind: "off" } | { kind: "hops"; hops: number } | { kind: "list"; list: BlockList };

/** Strips the IPv4-mapped IPv6 prefix Node gives IPv4 peers on a dual-stack socket. */
export const plainAddress = (a: string) => a.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");

export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = value?.trim() ?? "";
  if (v === "" || v === "false" || v === "0") return { kind: "off" };
  if (/^\d+$/.test(v)) return { kind: "hops", hops: Math.min(Number(v), 20) };
  const list = new BlockList();
  for (const entry of v
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    if (entry === "loopback") {
      list.addSubnet("127.0.0.0", 8, "ipv4");
      list.addAddress("::1", "ipv6");
      continue;
    }
    const [address, prefix] = entry.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? null : Number(prefix);
    if (!family || (bits !== null && (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)))) {
      throw new ConfigError(
        `TRUST_PROXY: "${entry}" is not an address, a CIDR range or "loopback" (e.g. TRUST_PROXY=loopback or TRUST_PROXY=10.0.0.0/8 or TRUST_PROXY=1)`,
      );
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === null) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return { kind: "list", list };
}

const isTrusted = (list: BlockList, address: string) => {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
};

/** The client's address: the peer's, or a forwarded one its trusted proxies vouch for. */
export function clientAddress(peer: string, forwardedFor: string | null, trust: TrustProxy): string {
  const own = plainAddress(peer);
  if (trust.kind === "off" || !forwardedFor) return own;
  const forwarded = forwardedFor.split(",").map((a) => plainAddress(a.trim()));
  // peer first, then the forwarded addresses from the nearest to the farthest
  const chain = [own, ...forwarded.reverse()];
  let i = 0;
  if (trust.kind === "hops") i = Math.min(trust.hops, chain.length - 1);
  else while (i < chain.length - 1 && isTrusted(trust.list, chain[i])) i++;
  // what a proxy passed on that is not an address: count the request against that proxy instead
  while (i > 0 && !isIP(chain[i])) i--;
  return chain[i];
}

let parsed: { value: string | undefined; trust: TrustProxy } | null = null;

/** TRUST_PROXY as configured (parsed again only when the variable changes). */
export function configuredTrustProxy(): TrustProxy {
  const value = process.env.TRUST_PROXY;
  if (!parsed || parsed.value !== value) parsed = { value, trust: parseTrustProxy(value) };
  return parsed.trust;
}

/** The address the sign-in limits count a request under. The server puts the socket's peer address in
 *  the load context (server/app.ts, getLoadContext); without one (a test, a caller outside the server)
 *  every such request counts as the same "unknown" address. */
export function requestAddress(request: Request, context: unknown): string {
  const peer = (context as { peerAddress?: unknown } | undefined)?.peerAddress;
  return clientAddress(typeof peer === "string" && peer ? peer : "unknown", request.headers.get("x-forwarded-for"), configuredTrustProxy());
}
