import { AppError } from "~/lib/errors";

/** Why an invitation or password link was refused, as a key the pages translate (accounts.refused.*);
 *  the message is for the CLI and the logs. */
export type AccountRefusal = "needsActivation" | "signInAs" | "accountExists" | "hasPassword";

export class AccountRefused extends AppError {
  constructor(
    status: 403 | 409,
    readonly reason: AccountRefusal,
    message: string,
    email?: string,
  ) {
    super(status, message, undefined, { key: `accounts.refused.${reason}`, params: email ? { email } : undefined });
    this.name = "AccountRefused";
  }
}
