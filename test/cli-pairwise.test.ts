// `project create --mode pairwise` from the CLI (product.md §11): the mode and its pair design, and clear
// refusals (exit 2) for a bad mode or a design missing its parameter.
import { describe, expect, it } from "vitest";
import { cliRunner } from "./cli-helper";

const cli = cliRunner();
const slug = (s: string) => `${s}-${Date.now().toString(36)}`;

describe("project create --mode pairwise", () => {
  it("creates a pairwise project, and refuses an unknown mode or a reference design without its model", { timeout: 120_000 }, () => {
    const s = slug("pw-cli");
    const made = cli.run([
      "project",
      "create",
      "--slug",
      s,
      "--name",
      "Pairs",
      "--mode",
      "pairwise",
      "--pairs",
      "reference",
      "--reference",
      "gpt4",
      "--json",
    ]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.json()).toMatchObject({ slug: s, mode: "pairwise" });

    const badMode = cli.run(["project", "create", "--slug", slug("pw-bad"), "--name", "X", "--mode", "duel", "--json"]);
    expect(badMode.code).toBe(2);
    expect(badMode.stderr).toContain("--mode must be one of scoring, pairwise");

    const noRef = cli.run([
      "project",
      "create",
      "--slug",
      slug("pw-noref"),
      "--name",
      "X",
      "--mode",
      "pairwise",
      "--pairs",
      "reference",
      "--json",
    ]);
    expect(noRef.code).toBe(2);
    expect(noRef.stderr).toContain("reference model");
  });
});
