// The outage tracker (server/database-outage.ts) and the start-up wait (server/database-wait.ts), with
// a database a test switches off and on: an outage is confirmed by a check before it is declared,
// logged once when it begins and once when it ends; start-up waits for a database that is coming up,
// and gives up in time.
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { DatabaseOutage } from "../server/database-outage";
import { DatabaseWaitExpired, waitForDatabase } from "../server/database-wait";

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

function database() {
  const db = { up: true, checks: 0 };
  const probe = async () => {
    db.checks++;
    if (!db.up) throw refused();
  };
  return { db, probe };
}

async function until(cond: () => boolean) {
  for (let i = 0; i < 200 && !cond(); i++) await sleep(5);
  expect(cond()).toBe(true);
}

describe("the outage tracker", () => {
  it("declares an outage only when a check fails too, and ends it when a check gets through", async () => {
    const { db, probe } = database();
    const log: string[] = [];
    const outage = new DatabaseOutage(probe, { intervalMs: 10, timeoutMs: 1000, log: (l) => log.push(l) });
    expect(outage.failed(new Error("duplicate key"))).toBe(false);
    expect(outage.failures).toBe(0);

    db.up = false;
    expect(outage.failed(Object.assign(new Error("q"), { cause: refused() }))).toBe(true);
    await until(() => outage.down);
    for (let i = 0; i < 5; i++) outage.failed(refused()); // more requests meeting it: no more lines
    await sleep(50);
    expect(log).toEqual(["Database unreachable (ECONNREFUSED): answering 503 until it is back"]);
    expect(outage.failures).toBe(6);

    db.up = true;
    await until(() => !outage.down);
    expect(log).toHaveLength(2);
    expect(log[1]).toMatch(/^Database reachable again after \d+ s$/);
  });

  it("a single lost connection while the database answers is one line and no outage", async () => {
    const { probe } = database();
    const log: string[] = [];
    const outage = new DatabaseOutage(probe, { intervalMs: 10, timeoutMs: 1000, log: (l) => log.push(l) });
    outage.failed(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }));
    await until(() => log.length === 1);
    expect(outage.down).toBe(false);
    expect(log).toEqual(["Database connection lost (57P01); the database answers again"]);
  });

  it("a check that hangs counts as no answer", async () => {
    const log: string[] = [];
    let hang = true;
    const outage = new DatabaseOutage(() => (hang ? new Promise(() => {}) : Promise.resolve()), {
      intervalMs: 10,
      timeoutMs: 30,
      log: (l) => log.push(l),
    });
    outage.failed(refused());
    await until(() => outage.down);
    expect(log).toEqual(["Database unreachable (no answer within 30 ms): answering 503 until it is back"]);
    hang = false;
    await until(() => !outage.down);
  });
});

describe("waiting for the database at start-up", () => {
  it("retries while it is unreachable, with a line when the wait begins and one when it ends", async () => {
    let tries = 0;
    const log: string[] = [];
    const result = await waitForDatabase(
      async () => {
        if (++tries < 3) throw refused();
        return "migrated";
      },
      { seconds: 10, where: "postgres://db/x", log: (l) => log.push(l) },
    );
    expect([result, tries]).toEqual(["migrated", 3]);
    expect(log[0]).toBe("Database postgres://db/x not reachable yet (ECONNREFUSED); retrying for up to 10 s");
    expect(log[1]).toMatch(/^Database postgres:\/\/db\/x reachable after \d+\.\d s$/);
  });

  it("does not retry other errors, and gives up when the time is out", async () => {
    const broken = new Error('relation "x" does not exist');
    await expect(waitForDatabase(() => Promise.reject(broken), { seconds: 10, where: "db", log: () => {} })).rejects.toBe(broken);
    const started = Date.now();
    const gaveUp = waitForDatabase(() => Promise.reject(refused()), { seconds: 0.6, where: "db", log: () => {} });
    await expect(gaveUp).rejects.toBeInstanceOf(DatabaseWaitExpired);
    await expect(gaveUp).rejects.toThrow(
      "the database db did not answer within 0.6 s (ECONNREFUSED); DATABASE_WAIT_SECONDS sets how long to wait.",
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
