import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ADJ_PEOPLE, ADJ_SLUG } from "./support/adjudication-fixture";
import { e2eAccounts } from "./support/accounts";
import { interactive, shot, signIn, signOut, taskReady } from "./support/helpers";

const SHOTS = "/tmp/shots/adjudication";

/** An annotator scores the response's two metrics by keyboard. */
async function annotate(page: Page, email: string, scores: [number, number]) {
  await signIn(page, email);
  await page.goto(`/projects/${ADJ_SLUG}/annotate`);
  await interactive(page);
  await page.keyboard.press("Enter");
  await taskReady(page);
  for (const s of scores) await page.keyboard.press(String(s));
  await expect(page.getByTestId("submit")).toContainText("2/2");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/projects/${ADJ_SLUG}/annotate\\?state=`), { timeout: 15_000 });
  await signOut(page);
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return !el || el === document.body ? "" : (el.textContent?.trim() || el.getAttribute("aria-label") || el.tagName).replace(/\s+/g, " ");
  });

test("two annotators disagree by 3, the adjudicator settles both units by keyboard, and charrm carries the final scores", async ({
  page,
}) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.context().addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await annotate(page, ADJ_PEOPLE.annotatorA.email, [1, 2]);
  await annotate(page, ADJ_PEOPLE.annotatorB.email, [4, 5]);

  await signIn(page, ADJ_PEOPLE.adjudicator.email);
  await page.goto(`/projects/${ADJ_SLUG}`);
  await page.getByRole("link", { name: "Adjudication" }).click();
  await expect(page.getByTestId("open-count")).toHaveText("2 units are open for adjudication.");
  await expect(page.getByRole("button", { name: "Start adjudicating" })).toBeFocused();
  await page.keyboard.press("Enter");
  const ws = page.getByTestId("adjudication-workspace");
  await expect(ws).toBeVisible();
  // siblings together, every rating with its annotator and score
  const units = page.getByTestId("adjudication-unit");
  await expect(units).toHaveCount(2);
  await expect(units.first()).toContainText(ADJ_PEOPLE.annotatorA.name);
  await expect(units.first()).toContainText(ADJ_PEOPLE.annotatorB.name);
  await expect(units.first()).toContainText("range 3");
  // Tab moves through the page (it is not taken for the units)
  const reached: string[] = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    reached.push(await focused(page));
  }
  expect(reached).toContain("Sign out");
  expect(reached).toContain("? Shortcuts");
  expect(reached.filter((r) => r === "3").length).toBeGreaterThanOrEqual(2);
  await page.locator("body").evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: `${SHOTS}/workspace-en.png` });
  await page.screenshot({ path: shot("adjudication-en") });

  // the same screen in Chinese
  await page.context().addCookies([{ name: "rc_lang", value: "zh", url: "http://127.0.0.1" }]);
  await page.reload();
  await interactive(page);
  await expect(page.getByTestId("confirm")).toContainText("确认 0/2");
  await page.screenshot({ path: `${SHOTS}/workspace-zh.png` });

  // digits set the final scores, n opens a note, Esc returns to the keys, Enter confirms
  await page.keyboard.press("3");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("n");
  await page.keyboard.type("二人分歧在于语气");
  await page.keyboard.press("Escape");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("4");
  await expect(page.getByTestId("confirm")).toContainText("确认 2/2");
  await page.screenshot({ path: `${SHOTS}/workspace-zh-scored.png` });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/projects/${ADJ_SLUG}/adjudicate\\?state=none&settled=2`));
  await expect(page.getByTestId("open-count")).toHaveText("目前没有待仲裁的单元。");
  await signOut(page);

  // the manager's export: final scores, adjudicated
  await page.context().addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await signIn(page, e2eAccounts.manager.email);
  const res = await page.request.get(`/api/projects/${ADJ_SLUG}/exports/charrm`);
  expect(res.status()).toBe(200);
  const lines = (await res.text())
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const byMetric = Object.fromEntries(lines.map((l) => [l.metric_en, l]));
  expect(byMetric.Fluency).toMatchObject({ score: 3, adjudicated: true, ratings: [1, 4] });
  expect(byMetric.Empathy).toMatchObject({ score: 4, adjudicated: true, ratings: [2, 5] });
  // the manager sees the adjudications in the audit trail
  await page.goto(`/projects/${ADJ_SLUG}/audit?kind=adjudication`);
  await expect(page.getByTestId("audit").locator("tbody tr")).toHaveCount(2);
  await expect(page.getByTestId("audit")).toContainText("二人分歧在于语气");
  await page.screenshot({ path: `${SHOTS}/audit-en.png` });
  expect(errors).toEqual([]);
});
