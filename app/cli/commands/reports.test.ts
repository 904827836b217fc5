// `import ratings`, `import judge` and `report …` as scripts run them: separate processes, --json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { uniq } from "../../../seeds/factories";
import { cliRunner } from "../../../test/cli-helper";

const cli = cliRunner();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rc-report-cli-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

const MODELS = ["m1", "m2", "m3"];
const DIALOGUES = Array.from({ length: 12 }, (_, i) => `d${i}`);
const METRICS = ["Fluency", "Empathy"];
const RATERS = ["ann-a", "ann-b", "ann-c"];

function corpusFiles() {
  return {
    dialogues: file("dialogues.csv", "id,role,context\n" + DIALOGUES.map((d) => `${d},role,甲：你好。`).join("\n") + "\n"),
    responses: file(
      "responses.csv",
      "dialogue_id,model,text\n" + DIALOGUES.flatMap((d) => MODELS.map((m) => `${d},${m},${m} says hi`)).join("\n") + "\n",
    ),
    subsets: file("subsets.csv", "dialogue_id,metric\n" + DIALOGUES.flatMap((d) => METRICS.map((m) => `${d},${m}`)).join("\n") + "\n"),
  };
}

function ratingsFile() {
  const rows: string[] = [];
  DIALOGUES.forEach((d, i) =>
    MODELS.forEach((m, j) =>
      METRICS.forEach((metric, k) =>
        RATERS.forEach((r, a) => rows.push(`${d},${m},${metric},${r},${1 + ((i + 2 * j + k + (a === 2 ? i % 2 : 0)) % 5)}`)),
      ),
    ),
  );
  return file("ratings.csv", "dialogue_id,model,metric,annotator,score\n" + rows.join("\n") + "\n");
}

function judgeFile() {
  const rows = DIALOGUES.flatMap((d, i) =>
    MODELS.flatMap((m, j) => METRICS.map((metric, k) => `${d},${m},${metric},${(1 + ((i + 2 * j + k) % 5) + 0.1 * (i % 3)).toFixed(2)}`)),
  );
  return file("judge.csv", "dialogue_id,model,metric,score\n" + rows.join("\n") + "\n");
}

describe("report CLI (product.md §5)", () => {
  const slug = uniq("rcli");

  it("imports ratings and judge scores, then prints the three reports as JSON and as tables", () => {
    expect(cli.run(["project", "create", "--slug", slug, "--name", "Report CLI"]).code).toBe(0);
    const c = corpusFiles();
    const g = cli.run([
      "import",
      "generic",
      "--project",
      slug,
      "--dialogues",
      c.dialogues,
      "--responses",
      c.responses,
      "--subsets",
      c.subsets,
      "--json",
    ]);
    expect(g.code, g.stderr).toBe(0);

    const r = cli.run(["import", "ratings", "--project", slug, "--file", ratingsFile(), "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({
      project: slug,
      rows: 216,
      inserted: 216,
      unchanged: 0,
      annotators_created: expect.any(Number),
      units_created: 0,
      ratings: 216,
    });
    const again = cli.run(["import", "ratings", "--project", slug, "--file", path.join(dir, "ratings.csv"), "--json"]);
    expect(again.json()).toMatchObject({ inserted: 0, unchanged: 216, ratings: 216 });

    const j = cli.run(["import", "judge", "--project", slug, "--judge", "CharacterRM", "--file", judgeFile(), "--json"]);
    expect(j.code, j.stderr).toBe(0);
    expect(j.json()).toEqual({ project: slug, judge: "CharacterRM", rows: 72, inserted: 72, updated: 0, unchanged: 0, judge_scores: 72 });

    const agreement = cli.run(["report", "agreement", "--project", slug, "--json"]);
    expect(agreement.code, agreement.stderr).toBe(0);
    expect(agreement.stdout.trim().split("\n")).toHaveLength(1);
    const a = agreement.json();
    expect(Object.keys(a)).toEqual(["project", "overall", "metrics", "annotators", "bootstrap", "between_groups"]);
    expect(a.overall).toMatchObject({ units: 72, ratings: 216 });
    expect(typeof a.overall.alpha_interval).toBe("number");
    expect(typeof a.overall.fleiss_kappa).toBe("number");
    expect(a.metrics.find((m: { metric: string }) => m.metric === "Empathy")).toMatchObject({ units: 36, ratings: 108 });
    expect(a.annotators.map((x: { annotator: string }) => x.annotator)).toEqual(RATERS.map((n) => `${n}@imported.rolecall`));
    expect(a.bootstrap.status).toBe("ready");

    const judges = cli.run(["report", "judges", "--project", slug, "--json"]).json();
    expect(judges.judges[0].judge).toBe("CharacterRM");
    expect(judges.judges[0].overall.n).toBe(72);
    expect(judges.judges[0].overall.pearson_ci95).toHaveLength(2);
    expect(Object.keys(judges.human_ceiling)).toEqual(["overall", "metrics"]);

    const board = cli.run(["report", "leaderboard", "--project", slug, "--json"]).json();
    expect(board.models.map((m: { model: string }) => m.model)).toEqual(MODELS);
    expect(board.models[0].overall.human).toMatchObject({ n: 24 });
    expect(board.models[0].overall.judges[0]).toMatchObject({ judge: "CharacterRM", n: 24 });

    const text = cli.run(["report", "agreement", "--project", slug]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/metric\s+units\s+ratings\s+α interval/);
    expect(text.stdout).toMatch(/^overall\s+72\s+216/m);
    expect(cli.run(["report", "leaderboard", "--project", slug]).stdout).toMatch(/^m1\s+24\s+\d\.\d{3} \[/m);
  });

  it("exits 2 naming the problem on bad input", () => {
    const missing = cli.run(["report", "judges", "--project", "no-such-project", "--json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no-such-project/);
    expect(missing.json()).toHaveProperty("error");

    const bad = file("bad.csv", "dialogue_id,model,metric,annotator,score\nd0,m1,Fluency,ann-a,3\nd0,m9,Fluency,ann-a,3\n");
    const r = cli.run(["import", "ratings", "--project", slug, "--file", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv: record 2 \(line 3\), field "model": no model "m9"/);

    expect(cli.run(["report", "agreement"]).code).toBe(2);
    expect(cli.run(["import", "judge", "--project", slug, "--judge", "x", "--file", path.join(dir, "nope.csv")]).code).toBe(2);
  });
});
