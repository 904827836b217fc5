// A manager's (here the admin's: no JUDGE_ENDPOINT_ALLOW in the e2e server) journey on "Run a judge":
// preview the prompt, start a run against a fake endpoint in this process, watch it finish, and find the
// judge in the judges report. Screenshots in both languages go to /tmp/shots/judge/.
import { expect, test, type Page } from "@playwright/test";
import { startFakeJudge } from "../test/support/fake-judge";
import { e2eAccounts } from "./support/accounts";
import { signIn } from "./support/helpers";
import { JUDGE_RUN_SLUG } from "./support/reports-fixture";

const base = `/projects/${JUDGE_RUN_SLUG}/reports`;
const setLanguage = (page: Page, lang: "en" | "zh") =>
  page.context().addCookies([{ name: "rc_lang", value: lang, url: "http://127.0.0.1" }]);
const shot = (name: string) => `/tmp/shots/judge/${name}.png`;

test("an admin previews a judge prompt, runs the judge, and reads it in the judges report", async ({ page }) => {
  const fake = await startFakeJudge((r) => ({
    content: /reply|回复/.test(r.prompt) ? `评分：${1 + (r.prompt.length % 5)}` : "?",
    usage: { prompt_tokens: 600, completion_tokens: 3 },
    delayMs: 150,
  }));
  try {
    await setLanguage(page, "en");
    await signIn(page, e2eAccounts.admin.email);
    await page.goto(`${base}/run-judge`);
    await page.getByLabel("Judge name").fill("e2e-llm");
    await page.getByLabel("Endpoint").fill(fake.url);
    await page.getByLabel("Model").fill("fake-judge-7b");
    await page.getByLabel("Limit").fill("40");
    await page.getByLabel("Concurrency").fill("2");
    await page.getByRole("button", { name: "Preview the prompt" }).click();
    await expect(page.getByTestId("prompt-zh")).toContainText("只回答一个");
    await expect(page.getByTestId("prompt-en")).toContainText("Answer with one integer");
    expect(fake.stats.requests).toBe(0);
    await page.screenshot({ path: shot("run-judge-preview-en"), fullPage: true });

    await page.getByRole("button", { name: "Start the run" }).click();
    const row = page.getByTestId("judge-run").first();
    await expect(row).toContainText("e2e-llm");
    await expect(row).toContainText(/running|done/);
    await page.screenshot({ path: shot("run-judge-running-en"), fullPage: true });
    await expect(row).toContainText("done", { timeout: 30_000 });
    await expect(row).toContainText("40 of 40: 40 scored, 0 failed");
    await page.screenshot({ path: shot("run-judge-done-en"), fullPage: true });

    await setLanguage(page, "zh");
    await page.reload();
    await expect(page.getByTestId("judge-run").first()).toContainText("已完成");
    await page.screenshot({ path: shot("run-judge-done-zh"), fullPage: true });
    await page.getByLabel("评审名称").fill("e2e-llm");
    await page.getByLabel("接口地址").fill(fake.url);
    await page.getByLabel("模型").fill("fake-judge-7b");
    await page.getByRole("button", { name: "预览提示词" }).click();
    await expect(page.getByTestId("prompt-zh")).toContainText("【评价维度】");
    await page.screenshot({ path: shot("run-judge-preview-zh"), fullPage: true });

    await setLanguage(page, "en");
    await page.goto(`${base}/judges`);
    await expect(page.getByTestId("pearson-table").locator("thead")).toContainText("e2e-llm");
  } finally {
    await fake.close();
  }
});
