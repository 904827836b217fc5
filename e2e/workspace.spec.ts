import { expect, test, type Page } from "@playwright/test";
import postgres from "postgres";
import { interactive, shot, signIn, taskReady } from "./support/helpers";
import { WS_ANNOTATOR, WS_SLUG, XSS } from "./support/workspace-fixture";

/** What has focus, in a few words: a score button as "radio:N", else its text (or label); "" for none.
 *  With `mark`, the element is also marked, and "seen" is answered for an element marked before. */
const focused = (page: Page, mark = false) =>
  page.evaluate((mark) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "";
    if (mark) {
      if (el.dataset.tabSeen) return "seen";
      el.dataset.tabSeen = "1";
    }
    if (el.getAttribute("role") === "radio") return `radio:${el.textContent?.trim()}`;
    return (el.textContent?.trim() || el.getAttribute("aria-label") || el.tagName).replace(/\s+/g, " ");
  }, mark);

/** Presses Tab until focus comes round to a control it has been on (passing the browser's own stop
 *  after the last control); returns every control it stopped on. */
async function tabThrough(page: Page) {
  const seen: string[] = [];
  for (let i = 0; i < 100; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page, true);
    if (now === "seen") break;
    if (now !== "") seen.push(now);
  }
  return seen;
}

async function focusByTab(page: Page, name: RegExp) {
  for (let i = 0; i < 80 && !name.test(await focused(page)); i++) await page.keyboard.press("Tab");
  expect(await focused(page)).toMatch(name);
}

const metricKeys = async (page: Page) =>
  await page.locator('[data-testid^="metric-"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")!.slice(7)));

test("an annotator scores five tasks with the keyboard alone, survives a reload, skips and flags", async ({ page }) => {
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(`${m.text()} ${m.location().url}`));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.context().addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await signIn(page, WS_ANNOTATOR);
  await page.getByTestId(`annotate-${WS_SLUG}`).click();
  await expect(page.getByRole("button", { name: "Start annotating" })).toBeFocused();
  await interactive(page);
  await page.keyboard.press("Enter");
  await taskReady(page);

  // the hostile dialogue, profile and response are shown as text and never run
  await expect(page.getByTestId("response")).toContainText(XSS.response);
  await expect(page.getByTestId("dialogue")).toContainText(XSS.dialogue);
  // Tab is the browser's: every control of the page is reached from the keyboard (WCAG 2.1.1, 2.4.3)
  const reached = await tabThrough(page);
  for (const want of [
    "Rolecall",
    "Sign out",
    /^Show \d+ more$/,
    "? Shortcuts",
    "radio:1",
    "radio:5",
    /^Submit/,
    "Skip S",
    "Flag F",
    "Anchors A",
  ]) {
    expect(
      reached.some((r) => (typeof want === "string" ? r === want : want.test(r))),
      `${want} in ${reached.join(" | ")}`,
    ).toBe(true);
  }
  // every metric's scale is reached, and a focused score button highlights its metric
  expect(reached.filter((r) => r === "radio:1")).toHaveLength((await metricKeys(page)).length);
  await focusByTab(page, /^Show \d+ more$/);
  await page.keyboard.press("Enter"); // Enter on a focused button presses it, it does not submit
  await expect(page.getByTestId("profile")).toContainText(XSS.profileKey);
  await page.locator("body").evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  // Enter before every metric is scored says which are missing
  const firstKeys = await metricKeys(page);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText(`2 metrics have no score yet: ${firstKeys.join(", ")}`);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await page.screenshot({ path: shot("workspace-en") });

  const typed: Record<string, number>[] = [];
  for (let task = 0; task < 5; task++) {
    const url = page.url();
    const keys = await metricKeys(page);
    const scores: Record<string, number> = {};
    for (const [i, key] of keys.entries()) {
      const score = ((task + i) % 5) + 1;
      scores[key] = score;
      if (task === 3 && i === 0) {
        // c opens the comment box; Esc gives the keys back to scoring (digits score, not type)
        await page.keyboard.press("c");
        await page.keyboard.type("needs context");
        await page.keyboard.press("Escape");
        await page.keyboard.press(String(score));
        await expect(page.getByTestId(`metric-${key}`).getByRole("radio", { name: String(score) })).toHaveAttribute("aria-checked", "true");
        await expect(page.getByLabel("Comment").first()).toHaveValue("needs context");
        continue;
      }
      await page.keyboard.press(String(score));
      if (task === 0 && i === 0) await expect(page.getByTestId("workspace")).not.toContainText("no score yet");
      if (task === 2 && i === 0) {
        // a reload in the middle of a task keeps the draft
        await page.reload();
        await interactive(page);
        await taskReady(page);
        await expect(page.getByTestId(`metric-${key}`).getByRole("radio", { name: String(score) })).toHaveAttribute("aria-checked", "true");
        await page.keyboard.press("ArrowDown");
      }
    }
    typed.push(scores);
    if (task === 1) {
      await page.keyboard.press("Enter");
      await page.keyboard.press("Enter"); // a double press submits once
    } else {
      await page.keyboard.press("Enter");
    }
    await taskReady(page, url);
  }

  // progress counts down at once: 7 responses × 2 metrics, k = 1, 5 of them scored
  await expect(page.getByTestId("progress")).toContainText("5 tasks done today · 4 ratings still needed");

  // help, anchors, skip (with a reason) and flag (with a note), all from the keyboard
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcuts")).toBeVisible();
  await page.keyboard.press("Escape");
  // shortcuts work with Shift or caps lock too (the buttons show S / F / A)
  await page.keyboard.press("Shift+A");
  await expect(page.getByTestId("anchors")).toBeVisible();
  const before = page.url();
  await page.keyboard.press("Shift+S");
  // the dialog's number keys pick its quick reasons: 2 is "I don't know this character"
  await expect(page.getByTestId("skip-reasons")).toContainText("2I don't know this character");
  await page.screenshot({ path: shot("workspace-skip-en") });
  await page.keyboard.press("2");
  await taskReady(page, before);
  await page.keyboard.press("f");
  await page.keyboard.type("The reply repeats the question");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText("Flagged");
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);

  // Chinese interface on the same task
  await page.context().addCookies([{ name: "rc_lang", value: "zh", url: "http://127.0.0.1" }]);
  await page.reload();
  await interactive(page);
  await taskReady(page);
  await expect(page.getByTestId("submit")).toContainText("提交");
  await page.screenshot({ path: shot("workspace-zh") });
  await page.keyboard.press("s");
  await expect(page.getByTestId("skip-reasons")).toContainText("1乱码或无法阅读");
  await page.screenshot({ path: shot("workspace-skip-zh") });
  await page.keyboard.press("Escape");

  if (process.env.DATABASE_URL) {
    const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    const rows =
      await sql`select m.key, r.score, r.active_ms from ratings r join units u on u.id = r.unit_id join metrics m on m.id = u.metric_id
      join users us on us.id = r.annotator_id join projects p on p.id = r.project_id where us.email = ${WS_ANNOTATOR} and p.slug = ${WS_SLUG} order by r.id`;
    const expected = typed.flatMap((s) => Object.entries(s).map(([key, score]) => ({ key, score })));
    expect(rows.map((r) => ({ key: r.key, score: r.score }))).toEqual(expected);
    expect(rows.every((r) => r.active_ms !== null)).toBe(true);
    const [{ skips }] =
      await sql`select count(*)::int as skips from skips s join projects p on p.id = s.project_id where p.slug = ${WS_SLUG}`;
    const [{ flags }] =
      await sql`select count(*)::int as flags from flags f join projects p on p.id = f.project_id where p.slug = ${WS_SLUG}`;
    expect(skips).toBe(2);
    expect(flags).toBe(1);
    await sql.end();
  } else {
    await page.goto(`/projects/${WS_SLUG}/annotate`);
    await expect(page.getByTestId("annotator-progress")).toContainText("10");
  }
});
