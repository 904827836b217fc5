// `judge run` and `export judge-replies` as a script runs them, against a fake endpoint in this process
// (so the CLI is spawned asynchronously: a synchronous spawn would block the fake server's replies).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniq } from "../../../seeds/factories";
import { cliRunner } from "../../../test/cli-helper";
import { startFakeJudge } from "../../../test/support/fake-judge";

const cli = cliRunner();
const root = path.resolve(import.meta.dirname, "../../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rc-judge-cli-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

function run(args: string[], env: Record<string, string> = {}) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return new Promise<{ code: number | null; stdout: string; stderr: string; json: () => any }>((resolve) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["app/cli/main.ts", ...args], { cwd: root, env: { ...cli.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("close", (code) => resolve({ code, stdout, stderr, json: () => JSON.parse(stdout) }));
  });
}

const DIALOGUES = Array.from({ length: 8 }, (_, i) => `d${i}`);
const MODELS = ["m1", "m2"];
let fake: Awaited<ReturnType<typeof startFakeJudge>>;
const slug = uniq("jcli");

beforeAll(async () => {
  // the fake judge gives "评分：N" where N follows the model's reply number; "m2 says 3" is unparseable
  fake = await startFakeJudge((r) => {
    const m = /(m\d) says (\d)/.exec(r.prompt)!;
    if (r.authorization !== "Bearer sk-cli-test") return { status: 401 };
    if (m[1] === "m2" && m[2] === "3") return { content: "I am not sure.", usage: { prompt_tokens: 10, completion_tokens: 4 } };
    return { content: `评分：${1 + (Number(m[2]) % 5)}`, usage: { prompt_tokens: 10, completion_tokens: 2 } };
  });
  const dialogues = file("dialogues.csv", "id,role,context\n" + DIALOGUES.map((d) => `${d},role,甲：你好。`).join("\n") + "\n");
  const responses = file(
    "responses.csv",
    "dialogue_id,model,text\n" + DIALOGUES.flatMap((d, i) => MODELS.map((m) => `${d},${m},${m} says ${i % 5}`)).join("\n") + "\n",
  );
  const subsets = file("subsets.csv", "dialogue_id,metric\n" + DIALOGUES.map((d) => `${d},Fluency`).join("\n") + "\n");
  const ratings = file(
    "ratings.csv",
    "dialogue_id,model,metric,annotator,score\n" +
      DIALOGUES.flatMap((d, i) => MODELS.flatMap((m) => ["a", "b"].map((a, k) => `${d},${m},Fluency,${a},${1 + ((i + k) % 5)}`))).join(
        "\n",
      ) +
      "\n",
  );
  expect((await run(["project", "create", "--slug", slug, "--name", "Judge CLI"])).code).toBe(0);
  const g = await run(["import", "generic", "--project", slug, "--dialogues", dialogues, "--responses", responses, "--subsets", subsets]);
  expect(g.code, g.stderr).toBe(0);
  expect((await run(["import", "ratings", "--project", slug, "--file", ratings])).code).toBe(0);
}, 300_000); // four CLI processes; on a loaded machine each takes tens of seconds to start
afterAll(() => fake?.close());

const base = () => [
  "judge",
  "run",
  "--project",
  slug,
  "--judge",
  "fake-llm",
  "--endpoint",
  fake.url,
  "--model",
  "fake",
  "--api-key-env",
  "JUDGE_CLI_KEY",
];
const key = { JUDGE_CLI_KEY: "sk-cli-test" };

describe("judge CLI (product.md §12)", () => {
  it("prints the prompt of one unit in both languages on --dry-run, and asks nothing", async () => {
    const r = await run([...base(), "--dry-run"], key);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("16 unit(s) would be requested, 0 already scored; template charactereval-v1");
    expect(r.stdout).toContain("--- prompt (zh) ---");
    expect(r.stdout).toContain("--- prompt (en) ---");
    expect(r.stdout).toContain("只回答一个 1 到 5 之间的整数");
    expect(fake.stats.requests).toBe(0);
  }, 60_000);

  it("runs with a limit, resumes, prints exactly the contract's JSON, and the judge reaches report judges", async () => {
    const first = await run([...base(), "--limit", "5", "--concurrency", "2", "--json"], key);
    expect(first.code, first.stderr).toBe(0);
    expect(first.json()).toEqual({ judge: "fake-llm", requested: 5, scored: 5, failed: 0, skipped_existing: 0 });
    const second = await run([...base(), "--concurrency", "4"], key);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/done; 10 scored, 1 failed of 11 requested, 5 already scored; \d+ prompt \+ \d+ completion tokens/);
    expect(second.stderr).toMatch(/11\/11 \(10 scored, 1 failed\) [\d.]+ units\/s/);
    const report = await run(["report", "judges", "--project", slug, "--json"]);
    const judge = report.json().judges.find((j: { judge: string }) => j.judge === "fake-llm");
    expect(judge.overall.n).toBe(15);

    const out = path.join(dir, "replies.jsonl");
    const e = await run(["export", "judge-replies", "--project", slug, "--judge", "fake-llm", "--out", out, "--json"]);
    expect(e.code, e.stderr).toBe(0);
    expect(e.json()).toMatchObject({ records: 16 });
    const lines = fs
      .readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.score === null)).toEqual([
      {
        dialogue_id: "d3",
        model: "m2",
        metric: "Fluency",
        run_id: expect.any(Number),
        prompt_version: "charactereval-v1",
        score: null,
        error: "no valid score (no_score)",
        raw_reply: "I am not sure.",
      },
    ]);
    expect(lines.find((l) => l.dialogue_id === "d1" && l.model === "m1")).toMatchObject({ score: 2, raw_reply: "评分：2" });
  }, 120_000);

  it("exits 2 naming the problem on bad input, 1 on a refused key, and never prints the key", async () => {
    const cases: [string[], RegExp][] = [
      [[...base().filter((x) => x !== "--api-key-env" && x !== "JUDGE_CLI_KEY"), "--metrics", "Nope"], /Unknown metric Nope/],
      [[...base(), "--concurrency", "0"], /--concurrency must be a whole number from 1 to 256/],
      [["judge", "run", "--project", slug, "--judge", "x", "--endpoint", "ftp://h/", "--model", "m"], /http or https URL/],
      [
        ["judge", "run", "--project", slug, "--judge", "x", "--endpoint", fake.url, "--model", "m", "--api-key-env", "UNSET_JUDGE_KEY"],
        /UNSET_JUDGE_KEY is not set/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await run(args, key);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const refused = await run([...base().slice(0, 5), "wrong-key-judge", ...base().slice(6), "--json"], {
      JUDGE_CLI_KEY: "sk-not-the-one",
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("the endpoint refused the key (HTTP 401)");
    expect(refused.stdout + refused.stderr).not.toContain("sk-not-the-one");
  }, 120_000);
});
