import { expect, type Page } from "@playwright/test";
import { E2E_PASSWORD } from "./accounts";

export async function signIn(page: Page, email: string, password = E2E_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel(/E-mail|邮箱/).fill(email);
  await page.getByLabel(/^Password$|^密码$/).fill(password);
  await page.getByRole("button", { name: /Sign in|登录/ }).last().click();
  await expect(page).not.toHaveURL(/\/login/);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /Sign out|退出登录/ }).click();
  await expect(page).toHaveURL(/\/login/);
}

export const uniqueSlug = (p: string) => `${p}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** Where screenshots go: test output, looked at, not committed. */
export const shot = (name: string) => `test-results/screenshots/${name}.png`;
