// db/functions/ is the one place a database function is read: a migrated database runs exactly those
// files, an edited file reaches the database on the next migration, and a stale body is repaired.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applyFunctions } from "#db/migrate";
import { queryRows } from "#db/sql";
import { useTestDb } from "../../test/db";
import { expandSource, functionsFolder, readFunctionSources } from "./apply";

const t = useTestDb();

/** a function's body as the database keeps it, without comments and with whitespace collapsed */
const normalise = (s: string) =>
  s
    .replace(/--[^\n]*/g, "")
    .replace(/\s+/g, " ")
    .trim();
const bodyOf = (source: string) => normalise(source.slice(source.indexOf("$$") + 2, source.lastIndexOf("$$")));

async function definitions() {
  const rows = await queryRows<{ name: string; def: string }>(
    t.db,
    sql`select p.proname as name, pg_get_functiondef(p.oid) as def from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = current_schema() and p.proname like 'rolecall\\_%'`,
  );
  return new Map(rows.map((r) => [r.name, normalise(r.def)]));
}

const functionName = (text: string) => text.match(/create or replace function (rolecall_\w+)/i)![1];

describe("database functions as source files", () => {
  it("a migrated database runs the files' bodies, and has no function without a file", async () => {
    const defs = await definitions();
    const sources = readFunctionSources();
    expect(sources.length).toBeGreaterThan(10);
    for (const f of sources) {
      const def = defs.get(functionName(f.text));
      expect(def, f.name).toBeDefined();
      expect(def!.includes(bodyOf(f.text)), `${f.name}: the database's body differs from the file`).toBe(true);
    }
    expect([...defs.keys()].sort()).toEqual(sources.map((f) => functionName(f.text)).sort());
  });

  it("applies an edited file on the next migration, and nothing when nothing changed", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-functions-"));
    try {
      for (const f of fs.readdirSync(functionsFolder))
        if (f.endsWith(".sql")) fs.copyFileSync(path.join(functionsFolder, f), path.join(dir, f));
      const file = path.join(dir, "ratings-per-unit.sql");
      fs.writeFileSync(
        file,
        fs.readFileSync(file, "utf8").replace("select {{ratings_per_unit(p)}}", "select /* edited */ {{ratings_per_unit(p)}}"),
      );
      expect(await applyFunctions(t.db, { folder: dir })).toEqual(["ratings-per-unit"]);
      expect((await definitions()).get("rolecall_ratings_per_unit")).toContain("/* edited */");
      expect(await applyFunctions(t.db, { folder: dir })).toEqual([]);
    } finally {
      await applyFunctions(t.db);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect((await definitions()).get("rolecall_ratings_per_unit")).not.toContain("/* edited */");
  });

  it("repairs a body that drifted from its file once the recorded hash no longer matches", async () => {
    await t.db.execute(
      sql`create or replace function rolecall_ratings_per_unit(p_project integer) returns integer language sql stable as $$ select 99 $$`,
    );
    await t.db.execute(sql`update rolecall_function_sources set sha256 = 'stale' where name = 'ratings-per-unit'`);
    expect(await applyFunctions(t.db)).toEqual(["ratings-per-unit"]);
    expect((await definitions()).get("rolecall_ratings_per_unit")).not.toContain("select 99");
  });

  it("fills placeholders from params.ts and fragments, and refuses unknown ones", () => {
    const claimMany = readFunctionSources().find((f) => f.name === "claim-many")!.text;
    expect(claimMany).not.toMatch(/\{\{/);
    expect(claimMany).toContain("array['annotator']::text[]");
    expect(() => expandSource("select {{NO_SUCH_VALUE}}")).toThrow(/unknown placeholder/);
    expect(() => expandSource("select {{no_such_fragment(x)}}")).toThrow(/no fragment/);
  });
});
