import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { e2eAccounts } from "./support/accounts";
import { EXPORTS_SLUG } from "./support/exports-fixture";
import { shot, signIn } from "./support/helpers";

async function download(page: Page) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-download").click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: fs.readFileSync(path, "utf8") };
}

test("a manager downloads charrm and annotations from the Export page, in both languages", async ({ page }) => {
  await page.context().addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await signIn(page, e2eAccounts.manager.email);
  await page.goto(`/projects/${EXPORTS_SLUG}/export`);
  await expect(page.getByRole("heading", { name: "Export", exact: true })).toBeVisible();
  await expect(page.getByLabel("CharacterRM training data")).toBeChecked();
  await page.screenshot({ path: shot("export-en"), fullPage: true });

  const charrm = await download(page);
  expect(charrm.name).toBe(`${EXPORTS_SLUG}-charrm.jsonl`);
  const first = JSON.parse(charrm.text.split("\n")[0]);
  expect(Object.keys(first)).toEqual([
    "id", "model", "role", "novel_name", "context", "model_output", "metric_en", "metric_zh", "score", "label",
    "ratings", "n_ratings", "std", "adjudicated", "split", "input_text",
  ]);
  expect(first.input_text).toMatch(/^<RoleInfo>\n\n\{/);
  await expect(page.getByTestId("export-result")).toContainText(`Saved ${EXPORTS_SLUG}-charrm.jsonl (96 records`);
  await page.screenshot({ path: shot("export-done-en"), fullPage: true });

  await page.getByLabel("Raw annotations").check();
  await page.locator('select[name="format"]').selectOption("csv");
  await page.getByLabel("Leave out gold units").check();
  await expect(page.getByTestId("export-cli")).toContainText(`export annotations --project ${EXPORTS_SLUG}`);
  const csv = await download(page);
  expect(csv.name).toBe(`${EXPORTS_SLUG}-annotations.csv`);
  expect(csv.text.split("\r\n")[0]).toBe("project,dialogue_id,model,metric,annotator,score,comment,active_ms,created_at,gold");
  expect(csv.text.split("\r\n")[1]).toMatch(new RegExp(`^${EXPORTS_SLUG},d-0,`));

  // generation-trans needs a model before it can be downloaded
  await page.getByLabel("CharacterEval generation_trans").check();
  await expect(page.getByTestId("export-download")).toBeDisabled();
  await page.locator('select[name="model"]').selectOption("qwen");
  const gen = await download(page);
  expect(JSON.parse(gen.text)[0]).toMatchObject({ id: "d-0", model_output: "qwen reply 0" });

  await page.context().addCookies([{ name: "rc_lang", value: "zh", url: "http://127.0.0.1" }]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "导出", exact: true })).toBeVisible();
  await expect(page.getByLabel("CharacterRM 训练数据")).toBeChecked();
  await page.screenshot({ path: shot("export-zh"), fullPage: true });
});
