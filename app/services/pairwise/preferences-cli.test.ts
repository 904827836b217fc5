// `import preferences` and `export preferences` as scripts run them: separate processes, --json, exit codes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { uniq } from "../../../seeds/factories";
import { cliRunner } from "../../../test/cli-helper";

const cli = cliRunner();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rc-prefs-cli-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};
const jsonl = (records: object[]) => records.map((r) => JSON.stringify(r)).join("\n") + "\n";
const lines = (p: string) =>
  fs
    .readFileSync(p, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const pref = (dialogue_id: string, model_a: string, model_b: string, winner: string, annotator: string) => ({
  dialogue_id,
  metric: "Fluency",
  model_a,
  model_b,
  winner,
  annotator,
});

function corpus(slug: string) {
  const dialogues = file(`${slug}-d.csv`, "id,role,context\nd1,甲,乙：你好\nd2,甲,乙：再见\n");
  const responses = file(
    `${slug}-r.csv`,
    "dialogue_id,model,text\n" + ["d1", "d2"].flatMap((d) => ["m1", "m2", "m3"].map((m) => `${d},${m},甲：${m} 的回答`)).join("\n") + "\n",
  );
  const subsets = file(`${slug}-s.csv`, "dialogue_id,metric\nd1,Fluency\nd2,Fluency\n");
  return ["--dialogues", dialogues, "--responses", responses, "--subsets", subsets];
}

describe("preferences CLI (product.md §11)", () => {
  it("imports preferences into a pairwise project and exports the majority, ties and per-annotator records", () => {
    const slug = uniq("prefs");
    expect(
      cli.run(["project", "create", "--slug", slug, "--name", "Prefs", "--mode", "pairwise", "--pairs", "reference", "--reference", "m2"])
        .code,
    ).toBe(0);
    expect(cli.run(["import", "generic", "--project", slug, ...corpus(slug)]).code).toBe(0);

    const [a, b] = [uniq("ann-a"), uniq("ann-b")];
    const good = file(
      `${slug}.jsonl`,
      jsonl([
        pref("d1", "m1", "m2", "m2", a),
        pref("d1", "m2", "m1", "m2", b),
        pref("d1", "m1", "m3", "tie", a), // not in the reference design: created
        pref("d1", "m3", "m1", "tie", b),
      ]),
    );
    const r = cli.run(["import", "preferences", "--project", slug, "--file", good, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({
      project: slug,
      records: 4,
      preferences: 4,
      unchanged: 0,
      comparisons_created: 1,
      units_created: 1,
      annotators_created: 2,
    });

    const bad = file(`${slug}-bad.jsonl`, jsonl([pref("d2", "m1", "m2", "m1", a), pref("d2", "m1", "m2", "m9", b)]));
    const refused = cli.run(["import", "preferences", "--project", slug, "--file", bad, "--json"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `${path.basename(bad)}: record 2 (line 2), field "winner": winner must be model_a ("m1"), model_b ("m2") or "tie", found "m9"`,
    );

    const out = path.join(dir, `${slug}-prefs.jsonl`);
    const e = cli.run(["export", "preferences", "--project", slug, "--out", out, "--json"]);
    expect(e.code, e.stderr).toBe(0);
    expect(e.json()).toEqual({ project: slug, kind: "preferences", records: 1, out });
    // the refused file wrote nothing: d2 has no record
    expect(lines(out).map((x) => [x.dialogue_id, x.model_chosen, x.model_rejected, x.votes_chosen, x.chosen])).toEqual([
      ["d1", "m2", "m1", 2, [{ role: "assistant", content: "m2 的回答" }]],
    ]);

    expect(cli.run(["export", "preferences", "--project", slug, "--out", out, "--ties", "--json"]).json().records).toBe(2);
    const per = cli.run(["export", "preferences", "--project", slug, "--out", out, "--per-annotator", "--ties", "--json"]);
    expect(per.json()).toMatchObject({ records: 4, annotators: 2, profile: out.replace(/\.jsonl$/, ".annotators.jsonl") });
    // each annotator sides with both majorities: m2 over m1, and the tie of m1 and m3
    expect(lines(per.json().profile).map((p) => [p.pairs, p.compared, p.agreeing, p.agreement_with_majority])).toEqual([
      [2, 2, 2, 1],
      [2, 2, 2, 1],
    ]);
    const annotators = lines(out).map((x) => String(x.annotator));
    expect(new Set(annotators).size).toBe(2);
    for (const a of annotators) expect(a).toMatch(/^ann-[0-9a-f]{20}$/);
  });

  it("refuses a scoring project with exit 2", () => {
    const slug = uniq("scoring");
    expect(cli.run(["project", "create", "--slug", slug, "--name", "Scores"]).code).toBe(0);
    const f = file(`${slug}.jsonl`, jsonl([pref("d1", "m1", "m2", "m1", "a")]));
    const i = cli.run(["import", "preferences", "--project", slug, "--file", f]);
    expect(i.code).toBe(2);
    expect(i.stderr).toContain(`${slug} is a scoring project; preferences are imported and exported only in pairwise projects`);
    const out = path.join(dir, `${slug}-out.jsonl`);
    const e = cli.run(["export", "preferences", "--project", slug, "--out", out]);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain(`${slug} is a scoring project`);
    expect(fs.existsSync(out)).toBe(false);
  });
});
