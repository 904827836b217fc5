// metric-set create / list / export / update and project create --metric-set through the real CLI
// process (product.md §10): the exported document is the created one, byte for byte.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { warmthDocument } from "../seeds/metric-set-document";
import { uniq } from "../seeds/factories";
import { cliRunner } from "./cli-helper";

const cli = cliRunner();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rc-sets-"));
const write = (name: string, doc: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof doc === "string" ? doc : JSON.stringify(doc, null, 2));
  return file;
};

// each command is its own process that opens and migrates the database: seconds apiece on PGlite under load
describe("metric-set commands", { timeout: 240_000 }, () => {
  it("creates a set from a file, lists it, exports the same document, and a project uses it", () => {
    const key = uniq("cli-set");
    const doc = warmthDocument(key);
    const file = write("set.json", doc);
    const created = cli.run(["metric-set", "create", "--file", file, "--json"]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.json()).toEqual({ key, metrics: 2 });

    const list = cli.run(["metric-set", "list", "--json"]).json();
    expect(list.sets).toContainEqual({ key, builtin: false, metrics: 2 });
    expect(list.sets).toContainEqual({ key: "charactereval", builtin: true, metrics: 12 });

    const exported = cli.run(["metric-set", "export", "--key", key]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(JSON.stringify(doc, null, 2) + "\n");
    expect(cli.run(["metric-set", "export", "--key", key, "--json"]).json()).toEqual(doc);

    const slug = uniq("cli-p");
    const project = cli.run(["project", "create", "--slug", slug, "--name", "Warmth", "--metric-set", key, "--json"]);
    expect(project.code, project.stderr).toBe(0);
    expect(project.json()).toMatchObject({ slug, metric_set: key });
  });

  it("refuses a bad document with exit 2 naming the field, and a duplicate key", () => {
    const bad = warmthDocument(uniq("bad"));
    bad.metrics[0].max = 20;
    const out = cli.run(["metric-set", "create", "--file", write("bad.json", bad), "--json"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("metrics[0].max: the scale must have 2 to 11 points (got 20)");
    expect(cli.run(["metric-set", "create", "--file", write("nojson.json", "{ nope")]).code).toBe(2);
    expect(cli.run(["metric-set", "create", "--file", path.join(dir, "missing.json")]).stderr).toContain("cannot read");
    expect(cli.run(["metric-set", "export", "--key", "no-such-set"]).code).toBe(2);
    const dup = write("dup.json", warmthDocument("charactereval"));
    expect(cli.run(["metric-set", "create", "--file", dup]).stderr).toContain("built-in");
  });

  it("exports a built-in set as a document that creates a custom copy", () => {
    const exported = cli.run(["metric-set", "export", "--key", "characterbench-mixed", "--json"]).json();
    const key = uniq("copy");
    const created = cli.run(["metric-set", "create", "--file", write("copy.json", { ...exported, key }), "--json"]);
    expect(created.code, created.stderr).toBe(0);
    expect(cli.run(["metric-set", "export", "--key", key, "--json"]).json()).toEqual({ ...exported, key });
  });
});
