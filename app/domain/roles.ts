/** Project roles. Admin is not a project role: it is a flag on the account. */
export const memberRoles = ["manager", "annotator", "adjudicator"] as const;
export type MemberRole = (typeof memberRoles)[number];
