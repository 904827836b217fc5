// A manager reads the quality page (issue 20) in both languages: one row per annotator with gold
// accuracy, its sparkline, bias, straightlining and speed; sorts it; opens one annotator's recent
// ratings and score distribution beside the project's; and the same figures come from the API.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { e2eAccounts } from "./support/accounts";
import { signIn } from "./support/helpers";
import { QUALITY_SLUG } from "./support/quality-fixture";

const SHOTS = "/tmp/shots/quality";
const base = `/projects/${QUALITY_SLUG}/quality`;
const setLanguage = (page: Page, lang: "en" | "zh") =>
  page.context().addCookies([{ name: "rc_lang", value: lang, url: "http://127.0.0.1" }]);

test.beforeAll(() => fs.mkdirSync(SHOTS, { recursive: true }));

test("a manager sees who is accurate, fast, biased or straightlining", async ({ page }) => {
  await setLanguage(page, "en");
  await signIn(page, e2eAccounts.manager.email);
  await page.goto(base);
  const table = page.getByTestId("quality-table");
  await expect(table.locator("tbody tr")).toHaveCount(6);
  await expect(table).toContainText("sam.ortiz@lab.example");
  // the straightliner: every group of ≥ 3 metrics scored alike
  await expect(table.locator("tr", { hasText: "sam.ortiz" })).toContainText("100%");
  // the paused annotator and why
  await expect(table.locator("tr", { hasText: "priya.nair" })).toContainText("gold accuracy 0.40 fell below 0.60");
  await expect(table.locator("svg[role=img]").first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/quality-en.png`, fullPage: true });

  await table.getByRole("link", { name: "Gold accuracy" }).click();
  await expect(page).toHaveURL(/sort=gold_accuracy&sortdir=desc/);
  expect((await page.goto(`${base}?sort=password_hash`))?.status()).toBe(400);

  await page.goto(base);
  await page.getByRole("link", { name: "zhou.tao@lab.example" }).click();
  await expect(page).toHaveURL(/annotator=/);
  await expect(page.getByTestId("distributions")).toBeVisible();
  await expect(page.getByTestId("recent-ratings").locator("tbody tr").first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/quality-annotator-en.png`, fullPage: true });

  const api = await page.request.get(`/api/projects/${QUALITY_SLUG}/reports/annotators`);
  expect(api.status()).toBe(200);
  const body = await api.json();
  expect(body.project).toBe(QUALITY_SLUG);
  expect(Object.keys(body.annotators[0])).toEqual([
    "annotator",
    "ratings",
    "gold_n",
    "gold_accuracy",
    "gold_bias",
    "mae_vs_others",
    "straightlining",
    "median_active_ms_per_unit",
    "ratings_per_hour",
  ]);

  await setLanguage(page, "zh");
  await page.goto(base);
  await expect(page.getByTestId("quality-table")).toContainText("黄金题准确率");
  await page.screenshot({ path: `${SHOTS}/quality-zh.png`, fullPage: true });
  await page.getByRole("link", { name: "zhou.tao@lab.example" }).click();
  await expect(page.getByTestId("distributions")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/quality-annotator-zh.png`, fullPage: true });
});
