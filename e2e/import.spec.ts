import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { fixturePath, fixturesMissingMessage, fixturesPresent, fixturesRequired, readFixture } from "../test/charactereval-fixture";
import { e2eAccounts } from "./support/accounts";
import { shot, signIn, uniqueSlug } from "./support/helpers";

const tmp = path.resolve("test-results/e2e-files");

function madeUpGeneration(model: string) {
  const dialogues = JSON.parse(readFixture("test_data.jsonl")) as { id: number }[];
  fs.mkdirSync(tmp, { recursive: true });
  const file = path.join(tmp, `${model}_generation.jsonl`);
  const records = dialogues.map((d, i) => ({ ...d, model_output: i === 0 ? null : `（${model}）<b>回复</b> ${i}\n第二行` }));
  fs.writeFileSync(file, JSON.stringify(records));
  return file;
}

test("a manager uploads CharacterEval's four files, checks them, imports, and browses the dialogues", async ({ page }) => {
  if (!fixturesPresent && fixturesRequired) throw new Error(fixturesMissingMessage);
  test.skip(!fixturesPresent, fixturesMissingMessage);
  const slug = uniqueSlug("imp");
  await page.context().addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await signIn(page, e2eAccounts.admin.email);
  await page.goto("/projects/new");
  await page.getByLabel("Name", { exact: true }).fill("Import study");
  await page.getByLabel("Slug").fill(slug);
  await page.getByRole("button", { name: "Create project" }).click();
  await page.getByRole("link", { name: "Import" }).click();

  // a broken file first: refused with its place, nothing written
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(path.join(tmp, "broken.jsonl"), '[\n{"id": 1, "role": "佟湘玉", "novel_name": "武林外传", "context": 5}\n]');
  await page.getByLabel("Dialogues (test_data.jsonl)").setInputFiles(path.join(tmp, "broken.jsonl"));
  await page.getByLabel("Character profiles (character_profiles.json)").setInputFiles(fixturePath("character_profiles.json"));
  await page.getByRole("button", { name: "Check files" }).click();
  await expect(page.getByTestId("import-errors")).toContainText('broken.jsonl: record 1 (line 2), field "context"');

  const generation = madeUpGeneration("glm");
  await page.getByLabel("Dialogues (test_data.jsonl)").setInputFiles(fixturePath("test_data.jsonl"));
  await page.getByLabel("Metric map (id2metric.jsonl, optional)").setInputFiles(fixturePath("id2metric.jsonl"));
  await page.getByLabel("Responses file 1").setInputFiles(generation);
  await expect(page.getByLabel("Model name 1")).toHaveValue("glm");
  await page.getByRole("button", { name: "Check files" }).click();
  await expect(page.getByTestId("import-check")).toContainText("+4,564", { timeout: 30_000 }); // 4,564 dialogues checked on a busy machine
  await expect(page.getByTestId("import-check")).toContainText("glm: skipped 1 null");
  await page.screenshot({ path: shot("import-check-en"), fullPage: true });

  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-done")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("import-done")).toContainText("+4,563");
  // coverage per metric follows the import without a reload (issue 18, item 4)
  await expect(page.getByTestId("coverage")).toContainText("Accuracy");
  await expect(page.getByTestId("coverage").locator("tbody tr").first().locator("td").last()).not.toHaveText("0");

  await page.getByRole("link", { name: "Dialogues", exact: true }).click();
  await expect(page.getByTestId("dialogue-total")).toHaveText("4,564 dialogues");
  await page.getByLabel("Metric").selectOption("Empathy");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("dialogue-total")).not.toHaveText("4,564 dialogues");
  await page.getByPlaceholder("Search the text or an id").fill("6208");
  await page.getByLabel("Metric").selectOption("");
  await page.getByRole("button", { name: "Filter" }).click();
  await page.getByRole("link", { name: /#6208/ }).click();
  await expect(page.getByTestId("profile")).toContainText("佟湘玉");
  await expect(page.getByTestId("dialogue")).toContainText("白眉");
  await expect(page.getByTestId("response")).toContainText("<b>回复</b>");
  await page.screenshot({ path: shot("dialogue-en"), fullPage: true });
});
