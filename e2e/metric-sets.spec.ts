import { expect, test } from "@playwright/test";
import { e2eAccounts } from "./support/accounts";
import { interactive, signIn, signOut, taskReady, uniqueSlug } from "./support/helpers";
import { WS_ANNOTATOR, WS_SLUG } from "./support/workspace-fixture";

const SHOTS = process.env.METRICSETS_SHOTS_DIR;

test("an admin makes a 1–3 metric set from the CharacterEval template and creates a project with it", async ({ page }) => {
  test.setTimeout(120_000); // two sign-ins, an upload and an invitation: slow on a loaded machine
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.context().addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await signIn(page, e2eAccounts.admin.email);
  await page.getByRole("link", { name: "Metric sets" }).click();
  await expect(page.getByTestId("metric-sets")).toContainText("charactereval");
  await page.getByRole("link", { name: "New metric set" }).click();

  // the form starts as a copy of CharacterEval under a new key
  const key = uniqueSlug("warm");
  await expect(page.getByTestId("metric-editor-11")).toBeVisible();
  await page.locator('input[name="key"]').fill(key);
  await page.locator('input[name="name_en"]').fill("Warmth study");
  await page.locator('input[name="name_zh"]').fill("温暖研究");

  // first metric on a 1–3 scale: anchors for 1, 2 and 3, and the preview shows three buttons
  const first = page.getByTestId("metric-editor-0");
  await first.locator('input[name="metrics.0.max"]').fill("3");
  await first.locator('input[name="metrics.0.anchors.2.en"]').fill("Reads mostly naturally, with a slip or two.");
  await first.locator('input[name="metrics.0.anchors.2.zh"]').fill("大体通顺，偶有小错。");
  await expect(first.getByTestId("metric-preview").locator("[role=radio]")).toHaveCount(3);
  await expect(first.locator('input[name="metrics.0.anchors.5.en"]')).toHaveCount(0);
  // second metric: lower is better
  await page.getByTestId("metric-editor-1").locator('select[name="metrics.1.higher_is_better"]').selectOption("lower");

  // a bad document is refused naming the field, nothing is saved
  await first.locator('input[name="metrics.0.name_zh"]').fill("");
  await page.getByTestId("save-metric-set").click();
  await expect(page.getByTestId("document-issues")).toContainText("metrics[0].name_zh: must not be empty");
  await first.locator('input[name="metrics.0.name_zh"]').fill("对话流利度");
  if (SHOTS) {
    await first.locator('input[name="metrics.0.anchors.3.en"]').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 200));
    await page.screenshot({ path: `${SHOTS}/editor-en.png`, fullPage: false });
  }
  await page.getByTestId("save-metric-set").click();
  await expect(page).toHaveURL(/\/metric-sets\?saved=/);
  await expect(page.locator(`[data-set="${key}"]`)).toContainText("1–3 / 1–5");
  await expect(page.locator(`[data-set="${key}"]`)).toContainText("1 lower is better");

  // the editor in Chinese
  await page.context().addCookies([{ name: "rc_lang", value: "zh", url: "http://127.0.0.1" }]);
  await page.goto(`/metric-sets/${key}`);
  await expect(page.getByRole("heading", { name: `编辑指标集 ${key}` })).toBeVisible();
  await expect(page.getByTestId("metric-editor-0").getByTestId("metric-preview").locator("[role=radio]")).toHaveCount(3);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/editor-zh.png`, fullPage: false });

  // a project on the new set: its Metrics tab shows the copy as guidelines
  await page.context().addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  const slug = uniqueSlug("warm-p");
  await page.goto("/projects/new");
  await page.locator('input[name="name"]').fill("Warmth pilot");
  await page.locator('input[name="slug"]').fill(slug);
  await page.locator('select[name="metricSet"]').selectOption(key);
  await page.locator("main button[type=submit]").click();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
  await page.getByRole("link", { name: "Metrics", exact: true }).click();
  const fluency = page.locator('[data-metric="Fluency"]');
  await expect(fluency).toContainText("Scale 1–3");
  await expect(fluency).toContainText("Reads mostly naturally, with a slip or two.");
  await expect(page.locator('[data-metric="Coherence"]').getByTestId("direction")).toHaveText("↓ lower is better");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/project-metrics-en.png`, fullPage: false });

  // a corpus whose subsets name the metric by its Chinese name, uploaded as the Import page does
  const upload = (name: string, text: string) => ({ name, mimeType: "text/plain", buffer: Buffer.from(text) });
  const imported = await page.request.post(`/projects/${slug}/import/run`, {
    headers: { Origin: new URL(page.url()).origin },
    multipart: {
      mode: "generic",
      intent: "import",
      g_dialogues: upload("d.jsonl", '{"id":"w1","role":"阿青","context":"客人：今天好冷啊。"}\n'),
      g_profiles: upload("p.json", '{"阿青": {"姓名": "阿青", "职业": "茶馆老板"}}'),
      g_subsets: upload("s.csv", "dialogue_id,metric\nw1,对话流利度\nw1,Coherence\n"),
      g_responses: upload("r.jsonl", '{"dialogue_id":"w1","model":"m-warm","text":"阿青：（递上热茶）快暖暖手。"}\n'),
    },
  });
  expect(imported.status(), await imported.text()).toBe(200);
  // the annotator joins through an invitation and scores the one task on the 1–3 scale
  await page.goto(`/projects/${slug}/members`);
  await page.getByLabel("E-mail").fill(WS_ANNOTATOR);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  await signOut(page);
  await signIn(page, WS_ANNOTATOR);
  await page.goto(link);
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`)); // the membership exists before the next page
  await page.goto(`/projects/${slug}/annotate`);
  await page.getByRole("button", { name: "Start annotating" }).click();
  await interactive(page);
  await taskReady(page);
  const control = page.getByTestId("metric-Fluency");
  await expect(control.locator("[role=radio]")).toHaveText(["1", "2", "3"]);
  await page.keyboard.press("5"); // off the scale: ignored
  await expect(control.locator('[aria-checked="true"]')).toHaveCount(0);
  await page.keyboard.press("2");
  await expect(control.locator('[aria-checked="true"]')).toHaveText("2");
  // the lower-is-better metric says so where it is scored
  await expect(page.getByTestId("metric-Coherence").getByTestId("direction")).toHaveText("↓ lower is better");
  await expect(control.getByTestId("direction")).toHaveCount(0);
  await page.keyboard.press("4");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/workspace-1-3-en.png`, fullPage: false });
  await page.keyboard.press("Enter");
  await expect(page.getByText("Nothing is left for you right now. Thank you!")).toBeVisible();
  expect(errors).toEqual([]);
});

test("an annotator opens the guidelines with G in the workspace; digits do not score behind them", async ({ page }) => {
  await page.context().addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await signIn(page, WS_ANNOTATOR);
  await page.goto(`/projects/${WS_SLUG}/annotate`);
  await page.getByRole("button", { name: "Start annotating" }).click();
  await interactive(page);
  await taskReady(page);
  await page.keyboard.press("g");
  const overlay = page.getByTestId("guidelines-overlay");
  await expect(overlay.getByTestId("guidelines")).toBeVisible();
  await expect(overlay.locator("[data-metric]").first()).toContainText("higher is better");
  await page.keyboard.press("3");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/workspace-guidelines-en.png`, fullPage: false });
  await page.keyboard.press("Escape");
  await expect(overlay).toHaveCount(0);
  await expect(page.locator('[role=radio][aria-checked="true"]')).toHaveCount(0);
  await page.getByTestId("open-guidelines").click();
  await expect(page.getByTestId("guidelines-overlay")).toBeVisible();
  await page.keyboard.press("G");
  await expect(page.getByTestId("guidelines-overlay")).toHaveCount(0);
});
