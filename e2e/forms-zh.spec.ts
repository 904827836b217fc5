// A Chinese user reads validation messages in Chinese (docs/decisions/012): from the shared schema in the
// browser before anything is sent, and from the server (a taken slug) beside the field.
import { expect, test } from "@playwright/test";
import { e2eAccounts } from "./support/accounts";
import { EXPORTS_SLUG } from "./support/exports-fixture";
import { shot, signIn, uniqueSlug } from "./support/helpers";

test("a Chinese user sees Chinese validation messages on the new-project form", async ({ page }) => {
  await page.context().addCookies([{ name: "rc_lang", value: "zh", url: "http://127.0.0.1" }]);
  await signIn(page, e2eAccounts.admin.email);
  const slug = uniqueSlug("zh-forms");
  const create = async (s: string) => {
    await page.goto("/projects/new");
    await page.getByLabel("名称", { exact: true }).fill("表单测试");
    await page.getByLabel("标识").fill(s);
    await page.getByRole("button", { name: "创建项目" }).click();
  };
  await create(slug);
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}(/metrics)?$`));

  // the schema runs in the browser: a bad slug is refused on leaving the field, nothing is posted
  await page.goto("/projects/new");
  await page.getByLabel("标识").fill("A!");
  await page.getByLabel("描述").focus();
  await expect(page.getByText("标识只能由 2–63 个小写字母、数字和连字符组成。")).toBeVisible();

  // the server's refusal (the slug is taken) in Chinese, beside the field
  await create(slug);
  await expect(page.getByText(`标识为“${slug}”的项目已存在。`)).toBeVisible();
  await expect(page.getByLabel("标识")).toHaveValue(slug);
  await page.screenshot({ path: shot("forms-slug-taken-zh"), fullPage: true });

  await page.context().addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await page.goto("/projects/new");
  await page.getByLabel("Name", { exact: true }).fill("Forms");
  await page.getByLabel("Slug").fill(slug);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText(`A project with the slug "${slug}" already exists.`)).toBeVisible();
  await page.screenshot({ path: shot("forms-slug-taken-en"), fullPage: true });
});

test("members page asks before removing; the Export page counts dialogues per split (both in Chinese)", async ({ page }) => {
  await page.context().addCookies([{ name: "rc_lang", value: "zh", url: "http://127.0.0.1" }]);
  await signIn(page, e2eAccounts.admin.email);
  const slug = EXPORTS_SLUG; // a project with members and dialogues
  await page.goto(`/projects/${slug}/members`);
  const row = page.getByTestId("member-row").first();
  await expect(row).toBeVisible();
  const members = await page.getByTestId("member-row").count();
  await expect(row.getByRole("button", { name: "保存" })).toBeVisible();
  let asked = "";
  page.once("dialog", (d) => {
    asked = d.message();
    void d.dismiss();
  });
  await row.getByRole("button", { name: "移除" }).click();
  await expect.poll(() => asked).toContain("移出本项目");
  await page.reload();
  await expect(page.getByTestId("member-row")).toHaveCount(members); // dismissed: nothing removed
  await page.screenshot({ path: shot("members-roles-zh"), fullPage: true });

  await page.goto(`/projects/${slug}/export`);
  await expect(page.getByTestId("split-counts")).toContainText("各划分的对话数");
  await page.getByLabel("划分比例（训练/验证/测试）").fill("60/20");
  await expect(page.getByTestId("split-counts")).toContainText("请以三个数字给出");
  await page.getByLabel("划分比例（训练/验证/测试）").fill("60/20/20");
  await expect(page.getByTestId("split-counts")).toContainText(/训练 \d+，验证 \d+，测试 \d+/);
  await page.screenshot({ path: shot("export-split-zh"), fullPage: true });
});
