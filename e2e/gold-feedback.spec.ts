// Gold feedback in the workspace (issue 20): in a training project the references of a gold task are
// shown for a moment after submitting, in English and Chinese, then the next task follows (Enter at once,
// or on its own); a silent project goes straight on and shows nothing. And, in group mode, the agreement
// page's α between the groups.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { interactive, signIn, taskReady } from "./support/helpers";
import { e2eAccounts } from "./support/accounts";
import { FEEDBACK_SLUG, GROUPS_SLUG, SILENT_SLUG, TRAINEE } from "./support/gold-feedback-fixture";

const SHOTS = "/tmp/shots/gold-feedback";
const setLanguage = (page: Page, lang: "en" | "zh") =>
  page.context().addCookies([{ name: "rc_lang", value: lang, url: "http://127.0.0.1" }]);

test.beforeAll(() => fs.mkdirSync(SHOTS, { recursive: true }));

async function start(page: Page, slug: string) {
  await page.goto(`/projects/${slug}/annotate`);
  await page.getByRole("button", { name: /Start annotating|开始标注/ }).click();
  await interactive(page);
  await taskReady(page);
}

/** Fluency 2 (reference 4: outside a tolerance of 0), Empathy 2 (reference 2: right), then Enter. */
async function scoreAndSubmit(page: Page) {
  await page.keyboard.press("2");
  await page.keyboard.press("2");
  await page.keyboard.press("Enter");
}

test("a trainee sees the references after a gold task; a silent project shows nothing", async ({ page }) => {
  await setLanguage(page, "en");
  await signIn(page, TRAINEE);
  await start(page, FEEDBACK_SLUG);
  const firstResponse = await page.getByTestId("response").textContent();
  await scoreAndSubmit(page);
  const panel = page.getByTestId("gold-feedback");
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("Reference for Fluency: 4 — you gave 2");
  await expect(panel).toContainText("outside the tolerance (±0)");
  await expect(panel).toContainText("Reference for Empathy: 2 — you gave 2");
  await expect(page.getByTestId("feedback-next")).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/feedback-en.png` });
  await page.keyboard.press("Enter"); // on at once
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId("response")).not.toHaveText(firstResponse!);
  await taskReady(page);

  // the second gold task, in Chinese; the panel leaves on its own
  await setLanguage(page, "zh");
  await page.reload();
  await interactive(page);
  await taskReady(page);
  await scoreAndSubmit(page);
  await expect(panel).toContainText(/的参考分：4，你打的是 2/);
  await expect(panel).toContainText("超出容差（±0）");
  await page.screenshot({ path: `${SHOTS}/feedback-zh.png` });
  await expect(panel).toHaveCount(0, { timeout: 10_000 });

  // silent: straight to the next task
  await setLanguage(page, "en");
  await start(page, SILENT_SLUG);
  const silentFirst = await page.getByTestId("response").textContent();
  const silentUrl = page.url();
  await scoreAndSubmit(page);
  await taskReady(page, silentUrl);
  await expect(page.getByTestId("response")).not.toHaveText(silentFirst!);
  await expect(panel).toHaveCount(0);
});

test("a manager reads α between the two groups on the agreement page, in both languages", async ({ page }) => {
  await setLanguage(page, "en");
  await signIn(page, e2eAccounts.manager.email);
  await page.goto(`/projects/${GROUPS_SLUG}/reports/agreement?wait=1`);
  const card = page.getByTestId("between-groups");
  await expect(card).toContainText("Groups: 乙组 · 甲组");
  const table = page.getByTestId("between-groups-table");
  await expect(table).toContainText("Units rated by both");
  // the intervals arrive with the bootstrap (the page polls while it is pending)
  await expect(table.locator("tbody tr").first()).toContainText(/\[-?\d\.\d{3}, -?\d\.\d{3}\]/, { timeout: 30_000 });
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/between-groups-en.png`, fullPage: true });
  const api = await (await page.request.get(`/api/projects/${GROUPS_SLUG}/reports/agreement?wait=1`)).json();
  expect(api.between_groups.groups).toEqual(["乙组", "甲组"]);
  expect(api.between_groups.overall.units).toBeGreaterThan(0);
  await expect(table.locator("tbody tr").first()).toContainText(String(api.between_groups.overall.units));

  await setLanguage(page, "zh");
  await page.goto(`/projects/${GROUPS_SLUG}/reports/agreement`);
  await expect(page.getByRole("heading", { name: "组间一致性" })).toBeVisible();
  await expect(card).toContainText("两组都评过的单元");
  await page.screenshot({ path: `${SHOTS}/between-groups-zh.png`, fullPage: true });
});
