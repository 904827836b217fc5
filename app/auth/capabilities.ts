import type { MemberRole } from "~/domain/roles";

/** What each project role may do. Admins may do everything in every project. */
export const capabilities = {
  viewProject: ["manager", "annotator", "adjudicator"],
  annotate: ["annotator"],
  // settling a final score is the adjudicator's alone (issue 19); a manager who should adjudicate is given the role
  adjudicate: ["adjudicator"],
  manage: ["manager"],
  viewReports: ["manager", "adjudicator"],
  export: ["manager"],
} as const satisfies Record<string, readonly MemberRole[]>;

export type Capability = keyof typeof capabilities;

export function can(role: MemberRole | null, isAdmin: boolean, capability: Capability): boolean {
  if (isAdmin) return true;
  if (!role) return false;
  return (capabilities[capability] as readonly string[]).includes(role);
}
