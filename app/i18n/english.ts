import type { Message } from "~/lib/forms/message";
import { createI18n } from "./config";

let en: ReturnType<typeof createI18n> | null = null;

/** The English text of a message, for the CLI, the HTTP API and AppError.message (logs). */
export function inEnglish(msg: Message): string {
  en ??= createI18n("en");
  return (en.t as unknown as (key: string, params: object) => string)(msg.key, msg.params ?? {});
}
