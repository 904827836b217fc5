import { expect, test } from "@playwright/test";
import { e2eAccounts } from "./support/accounts";
import { shot, signIn, signOut, uniqueSlug } from "./support/helpers";

test("an admin creates a project, invites an annotator who joins and is kept out of manager pages", async ({ page, browser }) => {
  const slug = uniqueSlug("found");
  await page.context().addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await signIn(page, e2eAccounts.admin.email);
  await page.screenshot({ path: shot("home-admin-en"), fullPage: true });

  await page.getByRole("link", { name: "New project" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Foundation study");
  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Metric set").selectOption("charactereval");
  await page.getByRole("button", { name: "Create project" }).click();
  // a new project opens on its overview with the next steps: import, invite, start (none done yet)
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
  await expect(page.getByTestId("next-steps").locator("li[data-done=false]")).toHaveCount(3);
  await expect(page.getByTestId("next-steps")).toContainText("Import dialogues");
  await page.screenshot({ path: shot("overview-new-en"), fullPage: true });
  await page.getByRole("link", { name: "Metrics", exact: true }).click();
  await expect(page.locator("[data-metric]")).toHaveCount(12);
  await expect(page.locator('[data-metric="Communication_skills"]')).toContainText("交流技巧");
  await page.screenshot({ path: shot("metrics-en"), fullPage: true });

  await page.getByRole("link", { name: "Members" }).click();
  const email = `ann-${slug}@test.rolecall`;
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Role").selectOption("annotator");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
  await page.screenshot({ path: shot("members-en"), fullPage: true });
  await signOut(page);

  // the invitee opens the link in a fresh browser, sets a password and lands in the project
  const ctx = await browser.newContext();
  const annotator = await ctx.newPage();
  await ctx.addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await annotator.goto(link);
  await annotator.getByLabel("Your name").fill("Ann");
  await annotator.getByLabel("Choose a password").fill("annotator-pass-1");
  await annotator.getByRole("button", { name: "Accept invitation" }).click();
  await expect(annotator).toHaveURL(new RegExp(`/projects/${slug}$`));
  await expect(annotator.getByRole("link", { name: "Members" })).toHaveCount(0);

  // a manager page: 403; the link is spent
  const res = await annotator.goto(`/projects/${slug}/members`);
  expect(res?.status()).toBe(403);
  await expect(annotator.getByTestId("error-page")).toContainText("You do not have access");
  await annotator.screenshot({ path: shot("forbidden-en") });
  const again = await annotator.goto(link);
  expect(again?.status()).toBe(404);

  // sign out and in again with the new password
  await annotator.goto("/");
  await signOut(annotator);
  await signIn(annotator, email, "annotator-pass-1");
  await expect(annotator.getByText("Foundation study")).toBeVisible();
  await ctx.close();
});

test("another project's pages are 404 for a member of a different project", async ({ page }) => {
  await signIn(page, e2eAccounts.manager.email);
  const res = await page.goto("/projects/demo-does-not-exist-for-you");
  expect(res?.status()).toBe(404);
});

test("the language switch changes the interface and is remembered", async ({ page }) => {
  await page.context().addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in to Rolecall" })).toBeVisible();
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { name: "登录 Rolecall" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.reload();
  await expect(page.getByRole("heading", { name: "登录 Rolecall" })).toBeVisible();
  await signIn(page, e2eAccounts.admin.email);
  await expect(page.getByRole("heading", { name: "我的项目" })).toBeVisible();
  await page.screenshot({ path: shot("home-admin-zh"), fullPage: true });
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { name: "Your projects" })).toBeVisible();
});

test("the browser language decides when nothing is remembered", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "zh-CN" });
  const page = await ctx.newPage();
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "登录 Rolecall" })).toBeVisible();
  await ctx.close();
});

test("a foreign Origin cannot post, and security headers are sent", async ({ request, page }) => {
  const res = await request.post("/login", { form: { email: "x@y.z", password: "whatever" }, headers: { Origin: "https://evil.example" } });
  expect(res.status()).toBe(403);
  const doc = await page.goto("/login");
  const csp = doc?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("script-src 'self' 'nonce-");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(doc?.headers()["x-content-type-options"]).toBe("nosniff");
  for (const path of ["/.env", "/.git/config", "/build/server/index.js", "/package.json"]) {
    const r = await request.get(path);
    expect(r.status(), path).toBe(404);
  }
});
