import { z } from "zod";
import { INT4 } from "~/lib/form";
import { password, text, wholeNumber } from "../fields";
import { m } from "../message";

export const loginSchema = z.object({
  // not checked for form: a wrong address gets the same answer as a wrong password
  email: z.string({ required_error: m("errors.required") }).trim(),
  password: z.string({ required_error: m("errors.required") }),
  next: z.string().optional(),
});

const repeated = <T extends { password: string; confirm: string }>(v: T, ctx: z.RefinementCtx) => {
  if (v.password !== v.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: m("errors.passwordMismatch") });
};

/** The first password, through an admin's one-time link. */
export const passwordLinkSchema = z.object({ password: password(), confirm: z.string().default("") }).superRefine(repeated);

/** Accepting an invitation: a new account names itself and chooses a password; an existing one sends neither. */
export const acceptInvitationSchema = z.object({ name: text(100), password: password().optional() });

const id = wholeNumber(1, INT4.max);

export const settingsSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create-token"), name: text(100), projectId: id.optional() }),
  z.object({ intent: z.literal("revoke-token"), tokenId: id }),
  z.object({ intent: z.literal("password"), current: z.string({ required_error: m("errors.required") }), password: password() }),
]);
