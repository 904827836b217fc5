// Project guidelines (issue 21): a manager writes them in Markdown with a preview, an annotator reads and
// acknowledges them before the first task, and finds them again under G in the workspace.
import { expect, test } from "@playwright/test";
import { e2eAccounts } from "./support/accounts";
import { interactive, signIn, signOut, taskReady, uniqueSlug } from "./support/helpers";
import { WS_ANNOTATOR } from "./support/workspace-fixture";

const SHOTS = "/tmp/shots/guidelines";
const lang = (page: import("@playwright/test").Page, l: "en" | "zh") =>
  page.context().addCookies([{ name: "rc_lang", value: l, url: "http://127.0.0.1" }]);

test("a manager writes guidelines; the annotator acknowledges them before the first task and sees them under G", async ({ page }) => {
  test.setTimeout(150_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("dialog", (d) => {
    errors.push(`dialog: ${d.message()}`); // a script that ran would show up here
    void d.dismiss();
  });
  await lang(page, "en");
  await signIn(page, e2eAccounts.admin.email);
  const slug = uniqueSlug("guide");
  await page.goto("/projects/new");
  await page.locator('input[name="name"]').fill("Guidelines pilot");
  await page.locator('input[name="slug"]').fill(slug);
  await page.locator("main button[type=submit]").click();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
  const upload = (name: string, text: string) => ({ name, mimeType: "text/plain", buffer: Buffer.from(text) });
  const imported = await page.request.post(`/projects/${slug}/import/run`, {
    headers: { Origin: new URL(page.url()).origin },
    multipart: {
      mode: "generic",
      intent: "import",
      g_dialogues: upload("d.jsonl", '{"id":"g1","role":"阿青","context":"客人：今天好冷啊。"}\n'),
      g_profiles: upload("p.json", '{"阿青": {"姓名": "阿青", "职业": "茶馆老板"}}'),
      g_subsets: upload("s.csv", "dialogue_id,metric\ng1,对话流利度\n"),
      g_responses: upload("r.jsonl", '{"dialogue_id":"g1","model":"m-warm","text":"阿青：（递上热茶）快暖暖手。"}\n'),
    },
  });
  expect(imported.status(), await imported.text()).toBe(200);

  // the manager writes both texts and sees them rendered; HTML and javascript: links stay inert
  await page.goto(`/projects/${slug}/metrics`);
  await expect(page.getByText("This project has no written guidelines yet.")).toBeVisible();
  const input = page.getByTestId("guidelines-input");
  await input.fill(
    "# Scoring rules\n\n- Read **every** turn before scoring.\n- When unsure, pick the lower score.\n\n" +
      "See [the paper](https://arxiv.org/abs/2401.01275). <script>alert('xss')</script> [bad](javascript:alert(1))",
  );
  const preview = page.getByTestId("guidelines-preview");
  await expect(preview.locator("h1")).toHaveText("Scoring rules");
  await expect(preview.locator("strong")).toHaveText("every");
  await expect(preview).toContainText("<script>alert('xss')</script>");
  await expect(preview.locator("script")).toHaveCount(0);
  await expect(preview.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(preview.getByRole("link", { name: "the paper" })).toHaveAttribute("target", "_blank");
  await expect(preview.getByRole("link", { name: "the paper" })).toHaveAttribute("rel", "noopener noreferrer");
  await page.getByTestId("guidelines-tab-zh").click();
  await input.fill("# 评分规则\n\n- 评分前读完**每一轮**对话。\n- 拿不准时选较低的分数。");
  await expect(preview.locator("h1")).toHaveText("评分规则");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/editor-en.png`, fullPage: true });
  await page.getByTestId("guidelines-save").click();
  await expect(page.getByText("Saved as version 1.")).toBeVisible();
  await expect(page.getByTestId("guidelines-text").locator("h1")).toHaveText("Scoring rules");
  await lang(page, "zh");
  await page.reload();
  await expect(page.getByTestId("guidelines-text").locator("h1")).toHaveText("评分规则");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/editor-zh.png`, fullPage: true });
  await lang(page, "en");

  // the annotator joins through an invitation
  await page.goto(`/projects/${slug}/members`);
  await page.getByLabel("E-mail").fill(WS_ANNOTATOR);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  await signOut(page);
  await signIn(page, WS_ANNOTATOR);
  await page.goto(link);
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`)); // the membership exists before the next page

  // the start page shows the guidelines and no task until they are acknowledged
  await page.goto(`/projects/${slug}/annotate`);
  const toRead = page.getByTestId("guidelines-to-read");
  await expect(toRead.locator("h1")).toHaveText("Scoring rules");
  await expect(toRead.getByRole("link", { name: "the paper" })).toHaveAttribute("target", "_blank");
  await expect(page.getByRole("button", { name: "Start annotating" })).toBeDisabled();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/start-en.png`, fullPage: true });
  await lang(page, "zh");
  await page.reload();
  await expect(toRead.locator("h1")).toHaveText("评分规则");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/start-zh.png`, fullPage: true });
  await page.getByRole("button", { name: "我已阅读" }).click();
  await expect(page.getByTestId("guidelines-read")).toContainText("已阅读（第 1 版）");
  await lang(page, "en");
  await page.reload();
  await page.getByRole("button", { name: "Start annotating" }).click();
  await interactive(page);
  await taskReady(page);

  // G shows the text above the metric definitions, in either language
  await page.keyboard.press("g");
  const overlay = page.getByTestId("guidelines-overlay");
  await expect(overlay.getByTestId("guidelines-text").locator("h1")).toHaveText("Scoring rules");
  await expect(overlay.getByTestId("guidelines")).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/overlay-en.png`, fullPage: false });
  await page.keyboard.press("Escape");
  await lang(page, "zh");
  await page.reload();
  await interactive(page);
  await taskReady(page);
  await page.keyboard.press("g");
  await expect(overlay).toBeVisible();
  await expect(overlay.getByTestId("guidelines-text").locator("h1")).toHaveText("评分规则");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/overlay-zh.png`, fullPage: false });
  expect(errors).toEqual([]);
});
