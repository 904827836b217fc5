// The audit trail (issue 19): who did what and when, for the actions that change labels or access. One
// `recordAudit` call per action, in the action's own transaction where it has one, so a rolled-back
// action leaves no entry. `detail` is a small JSON object of the action's particulars (never secrets:
// no token, no invitation link, no password).
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { auditLog } from "#db/schema";

export const auditKinds = [
  "adjudication",
  "member_added",
  "member_removed",
  "member_role_changed",
  "invitation_issued",
  "invitation_revoked",
  "settings_changed",
  "import",
  "export",
  "token_created",
  "token_revoked",
  "flag_resolved",
] as const;
export type AuditKind = (typeof auditKinds)[number];

export type AuditEntry = {
  projectId: number | null;
  actorId: string | null;
  kind: AuditKind;
  detail?: Record<string, unknown>;
};

export async function recordAudit(db: DbOrTx, e: AuditEntry) {
  await db.insert(auditLog).values({ projectId: e.projectId, actorId: e.actorId, kind: e.kind, detail: JSON.stringify(e.detail ?? {}) });
}

export type AuditRow = { id: number; kind: string; actor: string | null; detail: Record<string, unknown>; created_at: string };

export type AuditFilter = { kind?: string | null; actor?: string | null; before?: number | null; limit?: number };

/** A project's entries, newest first, filtered by kind and by the actor's e-mail; `before` pages on. */
export async function listAudit(db: DbOrTx, projectId: number, f: AuditFilter = {}): Promise<AuditRow[]> {
  const limit = Math.min(Math.max(f.limit ?? 200, 1), 5000);
  const rows = await queryRows<{ id: string; kind: string; actor: string | null; detail: string; created_at: Date | string }>(
    db,
    sql`select a.id, a.kind, u.email as actor, a.detail, a.created_at
        from audit_log a left join users u on u.id = a.actor_id
        where a.project_id = ${projectId}
          ${f.kind ? sql`and a.kind = ${f.kind}` : sql``}
          ${f.actor ? sql`and lower(u.email) = ${f.actor.toLowerCase()}` : sql``}
          ${f.before ? sql`and a.id < ${f.before}` : sql``}
        order by a.id desc limit ${limit}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    actor: r.actor,
    detail: safeJson(r.detail),
    created_at: new Date(r.created_at).toISOString(),
  }));
}

/** The people who appear in a project's trail, for the page's filter. */
export async function auditActors(db: DbOrTx, projectId: number): Promise<string[]> {
  const rows = await queryRows<{ email: string }>(
    db,
    sql`select distinct u.email from audit_log a join users u on u.id = a.actor_id where a.project_id = ${projectId} order by u.email`,
  );
  return rows.map((r) => r.email);
}

function safeJson(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}
