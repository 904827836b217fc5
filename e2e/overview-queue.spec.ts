// The project overview (description, % complete) and the queue page (late ratings, units over k, metrics
// by name, only those in use), in English and Chinese (issue 18, item 10 and polish).
import { expect, test, type Page } from "@playwright/test";
import { e2eAccounts } from "./support/accounts";
import { shot, signIn } from "./support/helpers";
import { REPORTS_SLUG } from "./support/reports-fixture";

const setLanguage = (page: Page, lang: "en" | "zh") =>
  page.context().addCookies([{ name: "rc_lang", value: lang, url: "http://127.0.0.1" }]);

test("a manager sees how complete the project is, and the queue's late ratings and units over k", async ({ page }) => {
  await setLanguage(page, "en");
  await signIn(page, e2eAccounts.manager.email);
  await page.goto(`/projects/${REPORTS_SLUG}`);
  await expect(page.getByTestId("completion")).toContainText(/\d+% complete/);
  await expect(page.getByTestId("completion").getByRole("progressbar")).toBeVisible();
  // a project with dialogues, annotators and ratings has no "next steps" left
  await expect(page.getByTestId("next-steps")).toHaveCount(0);
  await page.screenshot({ path: shot("overview-en"), fullPage: true });

  await page.getByRole("link", { name: "Queue", exact: true }).click();
  await expect(page.getByTestId("overflow-summary")).toContainText(/\d+ late ratings? · \d+ units? over k = \d/);
  await expect(page.getByTestId("annotator-table").locator("thead")).toContainText("Tasks taken");
  await expect(page.getByTestId("annotator-table").locator("thead")).toContainText("Ratings");
  const rows = page.getByTestId("metric-progress").locator("li");
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(page.getByTestId("metric-progress")).toContainText("units:");
  await page.screenshot({ path: shot("queue-en"), fullPage: true });

  await setLanguage(page, "zh");
  await page.reload();
  await expect(page.getByTestId("overflow-summary")).toContainText("条迟交评分");
  // metric names, not keys, in Chinese
  await expect(page.getByTestId("metric-progress")).toContainText("对话流利度");
  await expect(page.getByTestId("metric-progress")).not.toContainText("Communication_skills");
  await page.screenshot({ path: shot("queue-zh"), fullPage: true });
  await page.goto(`/projects/${REPORTS_SLUG}`);
  await expect(page.getByTestId("completion")).toContainText(/已完成 \d+%/);
  await page.screenshot({ path: shot("overview-zh"), fullPage: true });
});
