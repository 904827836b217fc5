import type { ParseKeys, TFunction } from "i18next";
import type { ZodIssue } from "zod";

/** A message for a person: an i18n key and its parameters, translated where it is shown, so the same
 *  error reads in Chinese on a Chinese page and in English in the CLI. */
export type MessageKey = ParseKeys;
export type MessageParams = Record<string, string | number>;
export type Message = { key: MessageKey; params?: MessageParams };

export const message = (key: MessageKey, params?: MessageParams): Message => (params ? { key, params } : { key });

/** Zod carries a message as a string: a key alone, or key and parameters as JSON. Schemas write it
 *  with `m("errors.wholeNumber", { min: 1, max: 20 })`. */
export const m = (key: MessageKey, params?: MessageParams): string => (params ? JSON.stringify({ key, params }) : key);

const ZOD_DEFAULTS: Partial<Record<ZodIssue["code"], MessageKey>> = {
  invalid_type: "errors.required",
  invalid_union_discriminator: "errors.unknownIntent",
  too_big: "errors.invalid",
  too_small: "errors.invalid",
};

/** The Message of one zod issue: the schema's own key, or a general one for zod's English defaults. */
export function issueMessage(issue: ZodIssue): Message {
  const text = issue.message;
  if (text.startsWith("{")) {
    try {
      const parsed = JSON.parse(text) as Message;
      if (typeof parsed.key === "string") return parsed;
    } catch {}
  }
  if (/^[a-z][A-Za-z]*\.[A-Za-z.]+$/.test(text)) return { key: text as MessageKey };
  if (issue.code === "invalid_type" && issue.received !== "undefined" && issue.received !== "null") return { key: "errors.invalid" };
  return { key: ZOD_DEFAULTS[issue.code] ?? "errors.invalid" };
}

/** Conform's formatError: the issues of a field as Messages, each once. */
export function formatIssues(issues: ZodIssue[]): Message[] {
  // one rule often fails two ways (1.5 and 99 for 1–20): say it once
  const seen = new Set<string>();
  return issues.map(issueMessage).filter((msg) => !seen.has(JSON.stringify(msg)) && !!seen.add(JSON.stringify(msg)));
}

/** The text of a message in the page's language. */
export function translate(t: TFunction, msg: Message | null | undefined): string | null {
  if (!msg) return null;
  // the key is typed where it is written; here it arrives as data
  return (t as unknown as (key: string, params: object) => string)(msg.key, msg.params ?? {});
}
