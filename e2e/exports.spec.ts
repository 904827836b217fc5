import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { e2eAccounts } from "./support/accounts";
import { EXPORTS_SLUG } from "./support/exports-fixture";
import { interactive, shot, signIn } from "./support/helpers";

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
    "id",
    "model",
    "role",
    "novel_name",
    "context",
    "model_output",
    "metric_en",
    "metric_zh",
    "score",
    "label",
    "ratings",
    "n_ratings",
    "std",
    "adjudicated",
    "split",
    "input_text",
  ]);
  expect(first.input_text).toMatch(/^<RoleInfo>\n\n\{/);
  await expect(page.getByTestId("export-result")).toContainText(`Saved ${EXPORTS_SLUG}-charrm.jsonl (96 records`);
  await page.screenshot({ path: shot("export-done-en"), fullPage: true });

  await page.getByLabel("Raw annotations").check();
  // the charrm download's "Saved …" does not stay under another kind
  await expect(page.getByTestId("export-result")).toHaveCount(0);
  await page.locator('select[name="format"]').selectOption("csv");
  await page.getByLabel("Leave out gold units").check();
  await expect(page.getByTestId("export-cli")).toContainText(`export annotations --project ${EXPORTS_SLUG}`);
  const csv = await download(page);
  expect(csv.name).toBe(`${EXPORTS_SLUG}-annotations.csv`);
  expect(csv.text.split("\r\n")[0]).toBe(
    "project,dialogue_id,model,metric,annotator,score,comment,active_ms,created_at,gold,task_id,task_active_ms",
  );
  expect(csv.text.split("\r\n")[1]).toMatch(new RegExp(`^${EXPORTS_SLUG},d-0,`));

  // generation-trans needs a model before it can be downloaded
  await page.getByLabel("CharacterEval generation_trans").check();
  await expect(page.getByTestId("export-download")).toBeDisabled();
  await page.locator('select[name="model"]').selectOption("qwen");
  const gen = await download(page);
  expect(JSON.parse(gen.text)[0]).toMatchObject({ id: "d-0", model_output: "qwen reply 0" });

  // preference pairs download with the form's defaults (a whole-number margin passes the browser's checks)
  await page.getByLabel("Preference pairs (TRL)").check();
  const margin = page.locator('input[name="min-margin"]');
  await expect(margin).toHaveValue("1");
  expect(await margin.evaluate((el: HTMLInputElement) => el.validity.valid)).toBe(true);
  const pairs = await download(page);
  expect(pairs.name).toBe(`${EXPORTS_SLUG}-pairs.jsonl`);
  await expect(page.getByTestId("export-result")).toContainText(`Saved ${EXPORTS_SLUG}-pairs.jsonl`);
  const records = pairs.text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  for (const r of records) expect(r.margin).toBeGreaterThanOrEqual(1);

  // each annotator's own pairs, with an opaque id, and the profile beside them
  await page.locator('select[name="model"]').selectOption("");
  await page.getByLabel(/^Per annotator/).check();
  await expect(page.getByTestId("export-cli")).toContainText("--per-annotator");
  // the same filters, per-annotator implied
  await expect(page.getByTestId("export-profile")).toHaveAttribute("href", `/projects/${EXPORTS_SLUG}/export/pairs-annotators`);
  const own = await download(page);
  expect(own.name).toBe(`${EXPORTS_SLUG}-pairs-per-annotator.jsonl`);
  const ownRecords = own.text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  expect(ownRecords.length).toBeGreaterThan(0);
  for (const r of ownRecords) expect(r.annotator).toMatch(/^ann-[0-9a-f]{20}$/);
  expect(own.text).not.toContain("@");
  await page.getByLabel(/^Per annotator/).uncheck();

  await page.context().addCookies([{ name: "rc_lang", value: "zh", url: "http://127.0.0.1" }]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "导出", exact: true })).toBeVisible();
  await expect(page.getByLabel("CharacterRM 训练数据")).toBeChecked();
  await page.screenshot({ path: shot("export-zh"), fullPage: true });

  // a bad value is refused beside its field, in the page's language, before any request
  await interactive(page);
  await page.getByLabel("偏好对（TRL）").check();
  await margin.fill("0");
  await margin.blur();
  await expect(page.getByText("最小分差必须是大于 0 的数")).toBeVisible();
  await page.getByTestId("export-download").click();
  await expect(page.getByTestId("export-progress")).toHaveCount(0);
  await margin.fill("2");
  await expect(page.getByText("最小分差必须是大于 0 的数")).toHaveCount(0);
});
