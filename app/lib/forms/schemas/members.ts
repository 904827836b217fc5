import { z } from "zod";
import { memberRoles } from "~/domain/roles";
import { email, text } from "../fields";
import { m } from "../message";

const role = z.enum(memberRoles, { errorMap: () => ({ message: m("errors.role", { roles: memberRoles.join(", ") }) }) });
export const GROUP_MAX = 50;
const group = text(GROUP_MAX).transform((g) => g.trim() || null);
const userId = z.string({ required_error: m("errors.notMember") });
// not a number check: an id that is not one is simply not found (404), as another project's is
const invitationId = z.string().default("");

/** The members page: invite, change a member's role and group, remove, and the pending invitations. */
export const membersSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), email: email(), role, group }),
  z.object({ intent: z.literal("change"), userId, role, group }),
  z.object({ intent: z.literal("remove"), userId }),
  z.object({ intent: z.literal("renew-invitation"), invitationId }),
  z.object({ intent: z.literal("revoke-invitation"), invitationId }),
]);
