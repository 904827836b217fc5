// Issue 16, hole 6 (and a 500 of hole 8): the `next` target after sign-in. `/<TAB>/evil.example/` passed
// the old check and the browser, which drops tabs and newlines from URLs, went to evil.example; a CR or
// LF in it made the Location header invalid (500).
import { describe, expect, it } from "vitest";
import { action as login } from "~/routes/login";
import { makeUser } from "../seeds/factories";
import { useTestDb } from "./db";
import { callRoute } from "./route-call";

const t = useTestDb();

const HOSTILE = [
  "/\t/evil.example/",
  "/\r/evil.example/",
  "/\n/evil.example/",
  "/\r\n/evil.example/",
  "\t//evil.example",
  "/\\evil.example",
  "\\/evil.example",
  "//evil.example",
  "/\\/evil.example",
  "/..//evil.example",
  "/.//evil.example",
  "javascript:alert(1)",
  "java\tscript:alert(1)",
  "https://evil.example",
  "http:/evil.example",
  " //evil.example",
  "/\u0000/evil.example",
  decodeURIComponent("/%09/evil.example/"),
  decodeURIComponent("/%0d%0a/evil.example/"),
  decodeURIComponent("%2F%2Fevil.example"),
];

/** Where the browser goes with this Location, seen from this site. */
const landsOn = (location: string) => new URL(location.replace(/[\t\n\r]/g, ""), "https://rolecall.lab.example").host;

describe("sign-in redirect", () => {
  it.each(HOSTILE)("never leaves the site for next=%j, and never answers 500", async (next) => {
    const u = await makeUser(t.db);
    const res = await callRoute(login, "/login", {
      form: { email: u.email, password: u.password!, next },
      context: { peerAddress: "192.0.2.10" },
    });
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    expect(landsOn(location)).toBe("rolecall.lab.example");
    expect(location).not.toMatch(/[\u0000-\u001f]/);
  });

  it("keeps a path of the site, its query and its fragment", async () => {
    const u = await makeUser(t.db);
    const res = await callRoute(login, "/login", {
      form: { email: u.email, password: u.password!, next: "/projects/a/dialogues?q=x y#top" },
      context: { peerAddress: "192.0.2.11" },
    });
    expect(res.headers.get("Location")).toBe("/projects/a/dialogues?q=x%20y#top");
  });
});
