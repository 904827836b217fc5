// `npm run cli -- export …` in its own process, against the suite's database.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ANNOTATION_FIELDS } from "~/domain/export";
import { cliRunner } from "../../../test/cli-helper";

const cli = cliRunner();
const root = path.resolve(import.meta.dirname, "../../..");

describe("export CLI", () => {
  let slug = "";
  let units = 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rc-export-cli-"));
  const out = (name: string) => path.join(dir, name);

  beforeAll(() => {
    const seed = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["app/services/exports/testing/seed-cli.ts"], {
      cwd: root,
      env: cli.env,
      encoding: "utf8",
    });
    expect(seed.status, seed.stderr).toBe(0);
    ({ slug, units } = JSON.parse(seed.stdout.trim().split("\n").pop()!));
  });

  it("writes each kind to --out and reports it as one JSON document", () => {
    const charrm = cli.run(["export", "charrm", "--project", slug, "--out", out("charrm.jsonl"), "--json"]);
    expect(charrm.code, charrm.stderr).toBe(0);
    expect(charrm.json()).toEqual({ project: slug, kind: "charrm", records: units, out: out("charrm.jsonl") });
    const first = JSON.parse(fs.readFileSync(out("charrm.jsonl"), "utf8").split("\n")[0]);
    expect(first).toMatchObject({ id: "d-0", model: "m-a", n_ratings: 2 });
    expect(first.input_text).toMatch(/^<RoleInfo>\n\n\{'1': 'first', '姓名': 'role-0'/);

    const gen = cli.run(["export", "generation-trans", "--project", slug, "--model", "m-b", "--out", out("gen.json"), "--json"]);
    expect(gen.code, gen.stderr).toBe(0);
    const records = JSON.parse(fs.readFileSync(out("gen.json"), "utf8"));
    expect(records.length).toBe(gen.json().records);
    expect(records.length).toBe(60);
    expect(Object.keys(records[0])).toEqual(["id", "role", "novel_name", "context", "model_output", "metric_en", "metric_zh"]);

    const pairs = cli.run([
      "export",
      "pairs",
      "--project",
      slug,
      "--out",
      out("pairs.jsonl"),
      "--min-margin",
      "2",
      "--split-by",
      "character",
      "--json",
    ]);
    expect(pairs.code, pairs.stderr).toBe(0);
    const lines = fs
      .readFileSync(out("pairs.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(pairs.json().records);
    expect(lines.every((p) => p.margin >= 2)).toBe(true);

    const csv = cli.run(["export", "annotations", "--project", slug, "--out", out("a.csv"), "--exclude-gold", "--json"]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.json().records).toBe(units * 2);
    const text = fs.readFileSync(out("a.csv"), "utf8");
    expect(text.split("\r\n")[0]).toBe(ANNOTATION_FIELDS.join(","));
    expect(text).toContain(",'=cmd|' /C calc'!A0,"); // neutralised, not quoted (no comma or quote inside)

    const jsonl = cli.run([
      "export",
      "annotations",
      "--project",
      slug,
      "--out",
      out("a.jsonl"),
      "--format",
      "jsonl",
      "--metric",
      "Fluency",
    ]);
    expect(jsonl.code, jsonl.stderr).toBe(0);
    expect(jsonl.stdout).toMatch(/^Wrote \d+ annotations records to /);
  });

  it("writes a Hugging Face-style folder with a dataset card", () => {
    const r = cli.run(["export", "hf-folder", "--project", slug, "--out", out("hf"), "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const files = r.json().files as Record<string, number>;
    expect(files["annotations.jsonl"]).toBe(units * 2);
    const charrm = ["train", "dev", "test"].reduce((n, s) => n + (files[`charrm/${s}.jsonl`] ?? 0), 0);
    expect(charrm).toBe(units);
    const card = fs.readFileSync(path.join(out("hf"), "README.md"), "utf8");
    expect(card).toMatch(/^---\npretty_name: /);
    expect(card).toContain("config_name: charrm");
    expect(card).toMatch(/\| overall \| \d+ \| \d+ \| -?\d\.\d{3} \|/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("writes per-annotator pairs and their annotator profile beside them", () => {
    const r = cli.run(["export", "pairs", "--project", slug, "--out", out("pa.jsonl"), "--per-annotator", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const doc = r.json();
    expect(doc).toMatchObject({ kind: "pairs", out: out("pa.jsonl"), profile: out("pa.annotators.jsonl") });
    const lines = (f: string) =>
      fs
        .readFileSync(f, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    const pairs = lines(out("pa.jsonl"));
    const profile = lines(out("pa.annotators.jsonl"));
    expect([pairs.length, profile.length]).toEqual([doc.records, doc.annotators]);
    expect(pairs.length).toBeGreaterThan(0);
    expect(Object.keys(profile[0])).toEqual(["annotator", "group", "pairs", "compared", "agreeing", "agreement_with_majority"]);
    const counts = new Map<string, number>();
    for (const p of pairs) counts.set(p.annotator, (counts.get(p.annotator) ?? 0) + 1);
    expect(Object.fromEntries(profile.filter((p) => p.pairs).map((p) => [p.annotator, p.pairs]))).toEqual(Object.fromEntries(counts));
    expect(fs.readFileSync(out("pa.jsonl"), "utf8")).not.toContain("@");
    const hf = cli.run(["export", "hf-folder", "--project", slug, "--out", out("hf-pa"), "--per-annotator"]);
    expect([hf.code, hf.stderr]).toEqual([2, expect.stringMatching(/per-annotator/)]);
  });

  it("exits 2 naming the problem, and leaves no file behind", () => {
    fs.mkdirSync(out("full"));
    fs.writeFileSync(path.join(out("full"), "x"), "x");
    const cases: [string[], RegExp][] = [
      [["export", "generation-trans", "--project", slug, "--out", out("x.json")], /exactly one model/],
      [["export", "charrm", "--project", slug, "--out", out("x.jsonl"), "--bogus", "1"], /Unknown flag --bogus/],
      [["export", "charrm", "--project", slug, "--out", out("x.jsonl"), "--format", "csv"], /Unknown flag --format/],
      [["export", "annotations", "--project", slug, "--out", out("x.csv"), "--format", "xml"], /format must be one of/],
      [["export", "charrm", "--project", slug, "--out", out("x.jsonl"), "--metric", "Nope"], /Unknown metric "Nope"/],
      [["export", "charrm", "--project", slug, "--out", path.join(dir, "missing", "x.jsonl")], /does not exist/],
      [["export", "charrm", "--project", "no-such-project", "--out", out("x.jsonl")], /no-such-project/],
      [["export", "charrm", "--project", slug], /--out is required/],
      [["export", "hf-folder", "--project", slug, "--out", out("full")], /not an empty folder/],
    ];
    for (const [args, message] of cases) {
      const r = cli.run([...args, "--json"]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(Object.keys(r.json())).toEqual(["error"]);
    }
    expect(fs.existsSync(out("x.jsonl")) || fs.existsSync(out("x.json")) || fs.existsSync(out("x.csv"))).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
