/** Accounts the e2e server creates before it listens (see start-server.ts). */
export const E2E_PASSWORD = "e2e-password-123";
export const e2eAccounts = {
  admin: { email: "e2e-admin@test.rolecall", name: "E2E Admin", isAdmin: true },
  manager: { email: "e2e-manager@test.rolecall", name: "E2E Manager", isAdmin: false },
} as const;
