// Typed keys: t("project.new.title") is checked against the English messages, so a misspelt or
// missing key fails the type check instead of showing the key to a user.
import "i18next";
import type { Messages } from "./messages";

declare module "i18next" {
  interface CustomTypeOptions {
    resources: { translation: Messages };
    returnNull: false;
  }
}
