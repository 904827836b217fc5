import { z } from "zod";
import { m } from "./message";

// Field types every form uses, each with its keyed message. Conform turns "" into undefined, "on"
// into true and "12" into 12 before these run, in the browser and on the server alike.

/** Optional text up to max characters ("" and absent → ""). NUL is dropped: PostgreSQL refuses it. */
export const text = (max: number) =>
  z
    .string()
    .max(max, m("errors.tooLong", { max }))
    .default("")
    .transform((s) => s.replaceAll("\u0000", ""));

/** Text that must be given, trimmed, up to max characters. */
export const requiredText = (max: number, emptyKey: Parameters<typeof m>[0] = "errors.required") =>
  z
    .string({ required_error: m(emptyKey) })
    .transform((s) => s.replaceAll("\u0000", "").trim())
    .pipe(z.string().min(1, m(emptyKey)).max(max, m("errors.tooLong", { max })));

/** A whole number in [min, max]; every way of missing it says the range. */
export const wholeNumber = (min: number, max: number) => {
  const msg = m("errors.wholeNumber", { min, max });
  return z.number({ required_error: msg, invalid_type_error: msg }).int(msg).min(min, msg).max(max, msg);
};

export const EMAIL = /^[^\s@]+@[^\s@]+$/;
export const email = () =>
  z
    .string({ required_error: m("errors.required") })
    .trim()
    .toLowerCase()
    .max(254, m("errors.email"))
    .regex(EMAIL, m("errors.email"));

export const PASSWORD = { min: 8, max: 512 } as const;
export const password = () =>
  z
    .string({ required_error: m("errors.passwordLength", PASSWORD) })
    .min(PASSWORD.min, m("errors.passwordLength", PASSWORD))
    .max(PASSWORD.max, m("errors.passwordLength", PASSWORD));

/** A checkbox: ticked → true, absent → false. */
export const checkbox = () => z.boolean().default(false);
