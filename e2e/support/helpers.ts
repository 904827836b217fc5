import { expect, type Page } from "@playwright/test";
import { E2E_PASSWORD } from "./accounts";

export async function signIn(page: Page, email: string, password = E2E_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel(/E-mail|邮箱/).fill(email);
  await page.getByLabel(/^Password$|^密码$/).fill(password);
  await page
    .getByRole("button", { name: /Sign in|登录/ })
    .last()
    .click();
  await expect(page).not.toHaveURL(/\/login/);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /Sign out|退出登录/ }).click();
  await expect(page).toHaveURL(/\/login/);
}

export const uniqueSlug = (p: string) => `${p}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** Where screenshots go: test output, looked at, not committed. */
export const shot = (name: string) => `test-results/screenshots/${name}.png`;

/** Waits until the page's scripts have taken over: shortcuts pressed before that are lost. */
export async function interactive(page: Page) {
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
}

/** Waits until the workspace shows the task in the address bar and listens to the keyboard. After a
 *  submit or skip the address changes before React has drawn the next task, and keys pressed in between
 *  reach the task that is leaving. */
export async function taskReady(page: Page, previousUrl?: string) {
  if (previousUrl) await expect(page).not.toHaveURL(previousUrl);
  await expect(page).toHaveURL(/\/annotate\/\d+/);
  const id = new URL(page.url()).pathname.split("/").pop();
  await expect(page.locator(`[data-testid="workspace"][data-task="${id}"][data-ready]`)).toHaveCount(1);
}
