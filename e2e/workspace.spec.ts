import { expect, test, type Page } from "@playwright/test";
import postgres from "postgres";
import { shot, signIn } from "./support/helpers";
import { WS_ANNOTATOR, WS_SLUG, XSS } from "./support/workspace-fixture";

const metricKeys = async (page: Page) =>
  (await page.locator('[data-testid^="metric-"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")!.slice(7))));

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
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("workspace")).toBeVisible();

  // the hostile dialogue, profile and response are shown as text and never run
  await expect(page.getByTestId("response")).toContainText(XSS.response);
  await expect(page.getByTestId("dialogue")).toContainText(XSS.dialogue);
  await page.getByRole("button", { name: /Show \d+ more/ }).click();
  await expect(page.getByTestId("profile")).toContainText(XSS.profileKey);
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
      await page.keyboard.press(String(score));
      if (task === 2 && i === 0) {
        // a reload in the middle of a task keeps the draft
        await page.reload();
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
    await expect(page).not.toHaveURL(url);
    await expect(page.getByTestId("workspace")).toBeVisible();
  }

  // progress counts down at once: 7 responses × 2 metrics, k = 1, 5 of them scored
  await expect(page.getByTestId("progress")).toContainText("5 done today · 4 ratings still needed");

  // help, anchors, skip (with a reason) and flag (with a note), all from the keyboard
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcuts")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.keyboard.press("a");
  await expect(page.getByTestId("anchors")).toBeVisible();
  const before = page.url();
  await page.keyboard.press("s");
  await page.keyboard.type("I don't know this character");
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(before);
  await page.keyboard.press("f");
  await page.keyboard.type("The reply repeats the question");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText("Flagged");
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);

  // Chinese interface on the same task
  await page.context().addCookies([{ name: "rc_lang", value: "zh", url: "http://127.0.0.1" }]);
  await page.reload();
  await expect(page.getByTestId("submit")).toContainText("提交");
  await page.screenshot({ path: shot("workspace-zh") });

  if (process.env.DATABASE_URL) {
    const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    const rows = await sql`select m.key, r.score, r.active_ms from ratings r join units u on u.id = r.unit_id join metrics m on m.id = u.metric_id
      join users us on us.id = r.annotator_id join projects p on p.id = r.project_id where us.email = ${WS_ANNOTATOR} and p.slug = ${WS_SLUG} order by r.id`;
    const expected = typed.flatMap((s) => Object.entries(s).map(([key, score]) => ({ key, score })));
    expect(rows.map((r) => ({ key: r.key, score: r.score }))).toEqual(expected);
    expect(rows.every((r) => r.active_ms !== null)).toBe(true);
    const [{ skips }] = await sql`select count(*)::int as skips from skips s join projects p on p.id = s.project_id where p.slug = ${WS_SLUG}`;
    const [{ flags }] = await sql`select count(*)::int as flags from flags f join projects p on p.id = f.project_id where p.slug = ${WS_SLUG}`;
    expect(skips).toBe(2);
    expect(flags).toBe(1);
    await sql.end();
  } else {
    await page.goto(`/projects/${WS_SLUG}/annotate`);
    await expect(page.getByTestId("annotator-progress")).toContainText("10");
  }
});
