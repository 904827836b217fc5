import { spawnSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { e2eAccounts } from "./support/accounts";
import { shot, signIn, signOut, uniqueSlug } from "./support/helpers";

async function newProject(page: Page, prefix: string) {
  const slug = uniqueSlug(prefix);
  await page.getByRole("link", { name: "New project" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Members study");
  await page.getByLabel("Slug").fill(slug);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
  await page.getByRole("link", { name: "Members" }).click();
  return slug;
}

async function invite(page: Page, email: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  return page.getByTestId("invite-link").inputValue();
}

test("a manager gets a new link for a pending invitation (the old one stops working) and revokes another", async ({ page, browser }) => {
  await page.context().addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await signIn(page, e2eAccounts.admin.email);
  const slug = await newProject(page, "members");
  const [a, b] = [`a-${slug}@test.rolecall`, `b-${slug}@test.rolecall`];
  const oldLink = await invite(page, a);
  const bLink = await invite(page, b);
  const pending = page.getByTestId("pending-invitations");
  await expect(pending.getByRole("listitem")).toHaveCount(2);

  await pending.getByRole("listitem").filter({ hasText: a }).getByRole("button", { name: "New link" }).click();
  await expect(page.getByText(`New link for ${a}`)).toBeVisible();
  const newLink = await page.getByTestId("renewed-link").inputValue();
  expect(newLink).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
  expect(newLink).not.toBe(oldLink);
  await page.getByTestId("renewed-link-copy").click();
  await expect(page.getByTestId("renewed-link-copy")).toHaveText("Copied");
  await page.screenshot({ path: shot("members-renewed-en"), fullPage: true });

  page.once("dialog", (d) => d.accept());
  await pending.getByRole("listitem").filter({ hasText: b }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText(`The invitation for ${b} is revoked`)).toBeVisible();
  await expect(pending.getByRole("listitem")).toHaveCount(1);

  const ctx = await browser.newContext();
  const guest = await ctx.newPage();
  expect((await guest.goto(oldLink))?.status()).toBe(404);
  expect((await guest.goto(bLink))?.status()).toBe(404);
  expect((await guest.goto(newLink))?.status()).toBe(200);
  await ctx.close();

  await page.context().addCookies([{ name: "rc_lang", value: "zh", url: "http://127.0.0.1" }]);
  await page.reload();
  await expect(pending.getByRole("button", { name: "新链接" })).toBeVisible();
  await expect(pending.getByRole("button", { name: "撤销" })).toBeVisible();
  await page.screenshot({ path: shot("members-pending-zh"), fullPage: true });
});

// The server's embedded database admits one process, so the operator's CLI can only reach it on PostgreSQL.
test("an account without a password waits for the admin's password link, then its owner accepts the invitation", async ({
  page,
  browser,
}) => {
  test.skip(!process.env.DATABASE_URL, "the CLI needs the server's PostgreSQL");
  const cli = (...args: string[]) => {
    const env = { ...process.env, ROLECALL_SECRET: process.env.ROLECALL_SECRET || "e2e-secret-e2e-secret-e2e-secret-e2e-secret" };
    const r = spawnSync("node_modules/.bin/tsx", ["app/cli/main.ts", ...args, "--json"], { env, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };
  await page.context().addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await signIn(page, e2eAccounts.admin.email);
  const slug = await newProject(page, "claim");
  const email = `imported-${slug}@test.rolecall`;
  cli("user", "create", "--email", email);
  const link = await invite(page, email);
  await signOut(page);

  const ctx = await browser.newContext();
  const owner = await ctx.newPage();
  await ctx.addCookies([{ name: "rc_lang", value: "en", url: "http://127.0.0.1" }]);
  await owner.goto(link);
  await expect(owner.getByText("An admin of this Rolecall server must activate it first")).toBeVisible();
  await expect(owner.getByLabel("Choose a password")).toHaveCount(0);
  await owner.screenshot({ path: shot("invite-needs-activation-en"), fullPage: true });

  const { link: passwordPath } = cli("user", "password-link", "--email", email);
  await owner.goto(new URL(passwordPath, "http://127.0.0.1").pathname);
  await owner.getByLabel("New password").fill("owner-pass-123");
  await owner.getByLabel("Repeat the password").fill("owner-pass-123");
  await owner.screenshot({ path: shot("password-link-en"), fullPage: true });
  await owner.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(owner).not.toHaveURL(/\/password\//);

  await owner.goto(link);
  await expect(owner.getByText("You are signed in with this account.")).toBeVisible();
  await owner.getByRole("button", { name: "Accept invitation" }).click();
  await expect(owner).toHaveURL(new RegExp(`/projects/${slug}$`));
  await ctx.close();
});
