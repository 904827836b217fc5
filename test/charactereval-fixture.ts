// The real CharacterEval files, read where they live (never copied), plus made-up model outputs. The one
// place that finds them: $CHARACTEREVAL_DIR, else ../shared/fixtures/charactereval beside the repository.
// A fresh clone has no such folder, so the tests that read it skip; CI sets ROLECALL_REQUIRE_FIXTURES=1
// so that a missing folder fails there instead of quietly testing less.
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";

const repositoryRoot = path.resolve(import.meta.dirname, "..");
/** The folder holding test_data.jsonl, character_profiles.json and id2metric.jsonl (relative to the repository). */
export const fixtureDir = path.resolve(repositoryRoot, process.env.CHARACTEREVAL_DIR || "../shared/fixtures/charactereval");
export const FIXTURE_FILES = ["test_data.jsonl", "character_profiles.json", "id2metric.jsonl"] as const;
export type FixtureFile = (typeof FIXTURE_FILES)[number];

const missing = FIXTURE_FILES.filter((f) => !fs.existsSync(path.join(fixtureDir, f)));
export const fixturesPresent = missing.length === 0;
export const fixturesRequired = process.env.ROLECALL_REQUIRE_FIXTURES === "1";
/** One line naming the variable and the folder looked at. */
export const fixturesMissingMessage =
  `CharacterEval files not found: ${missing.join(", ")} in ${fixtureDir} (set CHARACTEREVAL_DIR to their folder)` +
  (fixturesRequired ? "; ROLECALL_REQUIRE_FIXTURES=1 makes that a failure" : "; the tests that read them are skipped");

export const fixturePath = (name: FixtureFile) => path.join(fixtureDir, name);
export const readFixture = (name: FixtureFile) => fs.readFileSync(fixturePath(name), "utf8");
export const fixtureStream = (name: FixtureFile) => fs.createReadStream(fixturePath(name));

// Loaded only inside vitest: Playwright's spec and the benchmarks import this module too, and vitest's
// expect must not be loaded beside Playwright's.
const vitest = process.env.VITEST ? await import("vitest") : undefined;
const runner = () => {
  if (!vitest) throw new Error("describeWithFixtures and itWithFixtures run under vitest only");
  return vitest;
};

const failMissing = () => {
  throw new Error(fixturesMissingMessage);
};

/** A describe block that reads the real files: skipped without them, failed without them when required.
 *  Its body must not read the files while tests are being collected (read them in hooks or tests). */
export function describeWithFixtures(name: string, body: () => void) {
  const { describe, it } = runner();
  if (fixturesPresent) return describe(name, body);
  if (!fixturesRequired) return describe.skip(name, body);
  // one failing test in place of the block's (whose hooks would fail on the files with a vaguer error)
  return describe(name, () => void it("reads the CharacterEval files", failMissing));
}

/** One test that reads the real files, under the same rule as describeWithFixtures. */
export function itWithFixtures(name: string, body: () => unknown, timeout?: number) {
  const { it } = runner();
  if (fixturesPresent) return it(name, body, timeout);
  if (!fixturesRequired) return it.skip(name, body, timeout);
  return it(name, failMissing, timeout);
}

type Dialogue = { id: number; role: string; novel_name: string; context: string };
export const fixtureDialogues = (): Dialogue[] => JSON.parse(readFixture("test_data.jsonl"));

/** A generation.jsonl for a made-up model: every 97th output null, every 101st "ERROR", the rest two lines. */
export function madeUpGeneration(model: string, dialogues = fixtureDialogues()) {
  const records = dialogues.map((d, i) => ({
    ...d,
    model_output: i % 97 === 0 ? null : i % 101 === 0 ? "ERROR" : `（${model}）第${i}句回复\n续写的第二行`,
  }));
  return Readable.from([Buffer.from(JSON.stringify(records))]);
}

export function madeUpSkips(n: number) {
  let nul = 0,
    err = 0;
  for (let i = 0; i < n; i++) i % 97 === 0 ? nul++ : i % 101 === 0 ? err++ : 0;
  return { null: nul, error: err };
}
