import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { e2eAccounts } from "./support/accounts";
import { shot, signIn } from "./support/helpers";
import { REPORTS_SLUG } from "./support/reports-fixture";

const base = `/projects/${REPORTS_SLUG}/reports`;
const setLanguage = (page: Page, lang: "en" | "zh") =>
  page.context().addCookies([{ name: "rc_lang", value: lang, url: "http://127.0.0.1" }]);

test("a manager reads agreement, judges and leaderboard, with numbers, charts and downloads", async ({ page }) => {
  await setLanguage(page, "en");
  await signIn(page, e2eAccounts.manager.email);

  await page.goto(`${base}/agreement`);
  const overall = page.getByTestId("agreement-table").locator('tr[data-metric="overall"]');
  await expect(overall).toContainText(/\d\.\d{3}/);
  await expect(page.getByTestId("alpha-chart").locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await expect(page.getByTestId("annotator-table").locator("tbody tr")).toHaveCount(4);
  await expect(page.getByTestId("bootstrap-status")).toContainText("bootstrap resamples", { timeout: 30_000 });
  await expect(overall).toContainText(/\[-?\d\.\d{3}, -?\d\.\d{3}\]/);
  await page.screenshot({ path: shot("reports-agreement-en"), fullPage: true });

  // sorting by a listed column; an unlisted one is refused
  await page.getByTestId("agreement-table").getByRole("link", { name: "α interval" }).click();
  await expect(page).toHaveURL(/sort=alpha_interval&sortdir=desc/);
  const refused = await page.goto(`${base}/agreement?sort=password_hash`);
  expect(refused?.status()).toBe(400);
  await page.goto(`${base}/agreement`);

  const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-download="csv-metrics"]').click()]);
  expect(download.suggestedFilename()).toBe(`${REPORTS_SLUG}-agreement-metrics.csv`);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv).toMatch(/^\ufeffmetric,units,ratings,alpha_interval,/);
  expect(csv).toMatch(/\r\noverall,\d+,\d+,/);

  await page.getByRole("link", { name: "Judges" }).click();
  await expect(page).toHaveURL(`${base}/judges`);
  await expect(page.getByTestId("pearson-table").locator("thead")).toContainText("CharacterRM");
  await expect(page.getByTestId("pearson-table").locator("tbody tr").first()).toContainText(/\d\.\d{3}/);
  await expect(page.getByTestId("judge-scatter").locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await expect(page.getByTestId("judge-scatter").locator(".recharts-scatter-symbol").first()).toBeVisible();
  // the scatter shows without a "Show" click, and a point's tooltip names its dialogue and model
  await expect(page.getByRole("button", { name: "Show", exact: true })).toHaveCount(0);
  await page.getByTestId("judge-scatter").locator(".recharts-scatter-symbol").first().hover();
  await expect(page.getByTestId("scatter-tooltip")).toContainText(/Dialogue d-\d+ · \w+-bot/);
  await page.getByTestId("judge-scatter").screenshot({ path: shot("reports-scatter-en") });
  await page.getByLabel("Judge").selectOption("gpt-4");
  await expect(page).toHaveURL(/judge=gpt-4/);
  await expect(page.getByTestId("judge-table-gpt-4")).toBeVisible();
  await page.screenshot({ path: shot("reports-judges-en"), fullPage: true });
  const [judgeCsv] = await Promise.all([page.waitForEvent("download"), page.locator('[data-download="csv-pearson"]').click()]);
  expect(fs.readFileSync((await judgeCsv.path())!, "utf8")).toMatch(/^\ufeffmetric,CharacterRM,(.+,)?gpt-4,human_ceiling\r\n/);

  await page.getByRole("link", { name: "Leaderboard" }).click();
  await expect(page.getByTestId("leaderboard-table").locator("tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("leaderboard-chart").locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await expect(page.getByTestId("ranking-table").locator("tbody tr").first()).toContainText("gamma-bot");
  // every scorer's own n; the axis runs over the metric's scale; ranks the intervals cannot separate show as a range
  await expect(page.getByTestId("leaderboard-table").locator("thead th", { hasText: /^n$/ })).toHaveCount(3);
  await expect(page.getByTestId("leaderboard-chart")).toContainText("Score (1–5, the metric's scale)");
  await expect(page.getByTestId("ranking-table").locator("tbody")).toContainText(/n=\d+/);
  await page.getByLabel("Scope").selectOption("metric:Fluency");
  await expect(page).toHaveURL(/scope=metric%3AFluency/);
  await expect(page.getByTestId("leaderboard-table")).toContainText(/\d\.\d{3}/);
  await page.screenshot({ path: shot("reports-leaderboard-en"), fullPage: true });
  const [json] = await Promise.all([page.waitForEvent("download"), page.locator('[data-download="json"]').click()]);
  expect(Object.keys(JSON.parse(fs.readFileSync((await json.path())!, "utf8")))).toEqual(["project", "models"]);
});

test("the report pages in Chinese", async ({ page }) => {
  await setLanguage(page, "zh");
  await signIn(page, e2eAccounts.manager.email);
  await page.goto(`${base}/agreement`);
  await expect(page.getByRole("heading", { name: "标注员间一致性" })).toBeVisible();
  await expect(page.getByTestId("alpha-chart").locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await expect(page.getByTestId("agreement-table")).toContainText("对话流利度");
  await page.screenshot({ path: shot("reports-agreement-zh"), fullPage: true });
  await page.getByRole("link", { name: "自动评审" }).click();
  await expect(page.getByRole("heading", { name: "自动评审与人工评分的相关性" })).toBeVisible();
  await expect(page.getByTestId("judge-scatter").locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await page.screenshot({ path: shot("reports-judges-zh"), fullPage: true });
  await page.getByRole("link", { name: "排行榜" }).click();
  await expect(page.getByTestId("leaderboard-chart").locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await page.screenshot({ path: shot("reports-leaderboard-zh"), fullPage: true });
});

test("a manager uploads ratings and judge scores: problems by line, then counts", async ({ page }) => {
  await setLanguage(page, "en");
  await signIn(page, e2eAccounts.manager.email);
  await page.goto(`${base}/import`);
  const ratings = page.locator("form").filter({ has: page.locator('input[value="ratings"]') });
  const late = {
    name: "late.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      "dialogue_id,model,metric,annotator,score\nd-0,alpha-bot,Fluency,Late Rater,4\nd-0,omega-bot,Fluency,Late Rater,4\n",
    ),
  };
  await ratings.locator('input[type="file"]').setInputFiles(late);
  await ratings.getByRole("button", { name: "Import ratings" }).click();
  await expect(page.getByTestId("import-errors")).toContainText("late.csv:3");
  await expect(page.getByTestId("import-errors")).toContainText('no model "omega-bot"');
  await page.screenshot({ path: shot("reports-import-errors-en"), fullPage: true });

  // the same problems in the Chinese interface read in Chinese
  await setLanguage(page, "zh");
  await page.goto(`${base}/import`);
  await ratings.locator('input[type="file"]').setInputFiles(late);
  await ratings.getByRole("button", { name: "导入评分" }).click();
  await expect(page.getByTestId("import-errors")).toContainText("late.csv:3");
  await expect(page.getByTestId("import-errors")).toContainText('本项目中没有模型 "omega-bot"');
  await page.screenshot({ path: shot("reports-import-errors-zh"), fullPage: true });
  await setLanguage(page, "en");
  await page.goto(`${base}/import`);

  const judge = page.locator("form").filter({ has: page.locator('input[value="judge"]') });
  await judge.getByLabel("Judge name").fill("e2e-judge");
  await judge.getByLabel("Model").fill("beta-bot");
  await judge.locator('input[type="file"]').setInputFiles({
    name: "evaluation.jsonl",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify([{ id: "d-0", metric_en: "Fluency", metric_zh: "对话流利度", Fluency: 3.5 }])),
  });
  await judge.getByRole("button", { name: "Import judge scores" }).click();
  await expect(page.getByRole("status")).toContainText(/Judge e2e-judge: [01] scores added/);
});
