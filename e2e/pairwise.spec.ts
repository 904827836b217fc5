// A pairwise project (issue 22): an annotator compares three pairs of replies by keyboard alone, in
// English and Chinese; nothing on the page names a model.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { PAIR_ANNOTATOR, PAIR_REPLIES, PAIR_SLUG } from "./support/pairwise-fixture";
import { e2eAccounts } from "./support/accounts";
import { interactive, signIn, signOut, taskReady } from "./support/helpers";

const SHOTS = "/tmp/shots/pairwise";

test("an annotator compares three pairs of replies by keyboard, and no model is named", async ({ page }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.context().addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await signIn(page, PAIR_ANNOTATOR.email);
  await page.goto(`/projects/${PAIR_SLUG}/annotate`);
  await interactive(page);
  await page.keyboard.press("Enter");

  const replies = Object.values(PAIR_REPLIES);
  const seenPairs = new Set<string>();
  for (let task = 0; task < 3; task++) {
    await taskReady(page);
    const a = (await page.getByTestId("reply-A").innerText()).trim();
    const b = (await page.getByTestId("reply-B").innerText()).trim();
    expect(replies.some((r) => a.includes(r))).toBe(true);
    expect(replies.some((r) => b.includes(r))).toBe(true);
    seenPairs.add([a, b].sort().join("|"));
    for (const model of Object.keys(PAIR_REPLIES)) await expect(page.getByTestId("workspace")).not.toContainText(model);
    await expect(page.getByTestId("submit")).toContainText("0/2");
    if (task === 0) {
      await page.screenshot({ path: `${SHOTS}/workspace-en.png` });
      // Enter before every metric has a choice names what is missing and stores nothing
      await page.keyboard.press("Enter");
      await expect(page.getByRole("status")).toContainText("Still to choose (2)");
      // 1 = A on the first metric, → = B on the second
      await page.keyboard.press("1");
      await page.keyboard.press("ArrowRight");
      await expect(page.getByTestId("metric-Fluency").getByRole("radio", { name: /A/ })).toHaveAttribute("aria-checked", "true");
      await expect(page.getByTestId("metric-Empathy").getByRole("radio", { name: /B/ })).toHaveAttribute("aria-checked", "true");
    } else if (task === 1) {
      // ↓ = tie, then ↑ goes back and 3 changes the first choice to B
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowUp");
      await page.keyboard.press("3");
      await expect(page.getByTestId("metric-Fluency").getByRole("radio", { name: /B/ })).toHaveAttribute("aria-checked", "true");
      await expect(page.getByTestId("metric-Empathy").getByRole("radio", { name: /Tie/ })).toHaveAttribute("aria-checked", "true");
    } else {
      await page.context().addCookies([{ name: "rc_lang", value: "zh", url: "http://127.0.0.1" }]);
      await page.reload();
      await interactive(page);
      await taskReady(page);
      await expect(page.getByText("在每个指标上，哪条回复更好？")).toBeVisible();
      await page.keyboard.press("2");
      await page.keyboard.press("ArrowLeft");
      await page.screenshot({ path: `${SHOTS}/workspace-zh.png` });
    }
    await expect(page.getByTestId("submit")).toContainText("2/2");
    const before = page.url();
    await page.keyboard.press("Enter");
    await expect(page).not.toHaveURL(before);
  }
  expect(seenPairs.size).toBe(3);
  await expect(page).toHaveURL(/state=nothing-left/);

  // the manager reads the Bradley–Terry ranking of the three models, in both languages
  await signOut(page);
  await page.context().addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await signIn(page, e2eAccounts.manager.email);
  await page.goto(`/projects/${PAIR_SLUG}/reports`);
  await expect(page).toHaveURL(new RegExp(`/projects/${PAIR_SLUG}/reports/pairwise`));
  const strengths = page.getByTestId("pairwise-strengths");
  await expect(strengths.locator("tbody tr")).toHaveCount(3);
  for (const model of Object.keys(PAIR_REPLIES)) await expect(strengths).toContainText(model);
  await expect(page.getByTestId("pairwise-matrix")).toBeVisible();
  await expect(page.getByTestId("pairwise-left-share")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/report-en.png`, fullPage: true });
  await page.context().addCookies([{ name: "rc_lang", value: "zh", url: "http://127.0.0.1" }]);
  await page.reload();
  await expect(page.getByTestId("pairwise-report")).toContainText("成对比较");
  await page.screenshot({ path: `${SHOTS}/report-zh.png`, fullPage: true });
  // the Export page offers the preferences: one record per choice that is a strict majority (ties left out)
  await page.context().addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await page.goto(`/projects/${PAIR_SLUG}/export`);
  const form = page.getByTestId("preferences-form");
  await expect(form).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    form.getByRole("button", { name: "Download preferences (JSONL)" }).click(),
  ]);
  const lines = fs
    .readFileSync(await download.path(), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  expect(lines).toHaveLength(4); // six choices, two of them ties
  for (const l of lines)
    expect(Object.keys(l)).toEqual(expect.arrayContaining(["prompt", "chosen", "rejected", "model_chosen", "model_rejected"]));
  await page.screenshot({ path: `${SHOTS}/export-en.png` });
  // the project's other pages open as for a scoring project
  for (const tab of ["", "/metrics", "/dialogues", "/queue", "/quality", "/export", "/members"]) {
    const res = await page.request.get(`/projects/${PAIR_SLUG}${tab}`);
    expect(res.status(), tab).toBe(200);
  }
  expect(errors).toEqual([]);
});
