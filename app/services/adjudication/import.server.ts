// `import adjudications`: final scores settled elsewhere (CSV/JSONL: dialogue_id, model, metric, score,
// adjudicator, note), written as adjudications in one transaction: any bad record → nothing written, the
// record and field named. The adjudicator must be an account that may adjudicate in the project (an
// adjudicator member or an admin), named by e-mail: an import never makes anyone an adjudicator.
import { sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { queryRows } from "#db/sql";
import { type ByteSource, DEFAULT_ERROR_LIMIT, ErrorList, ImportError, problem } from "~/domain/import";
import { parseAdjudications } from "~/domain/import/adjudications";
import { recordAudit } from "../audit.server";
import { ImportRejected } from "../import.server";
import { bumpRatingsVersion } from "../reports/cache.server";
import { corpusLookup, locationOf } from "../reports/corpus-lookup.server";
import { resolveUnitIn } from "./resolve.server";

export type AdjudicationsImportResult = { rows: number; written: number; unchanged: number; open: number };

export async function importAdjudications(
  db: Db,
  projectId: number,
  file: { source: ByteSource; name: string },
  actorId: string | null,
): Promise<AdjudicationsImportResult> {
  const parsed = await parseAdjudications(file.source, { file: file.name });
  if (!parsed.ok) throw new ImportRejected(parsed.errors, parsed.errorsTruncated);
  return db.transaction(async (tx) => {
    const lookup = await corpusLookup(tx, projectId);
    await lookup.loadUnits(tx);
    const allowed = new Map(
      (
        await queryRows<{ id: string; email: string }>(
          tx,
          sql`select u.id, lower(u.email) as email from users u
              where u.is_admin or exists (select 1 from project_members m where m.project_id = ${projectId} and m.user_id = u.id and m.role = 'adjudicator')`,
        )
      ).map((u) => [u.email, u.id]),
    );
    const errors = new ErrorList(DEFAULT_ERROR_LIMIT);
    const planned: { unitId: number; adjudicatorId: string; score: number; note: string }[] = [];
    await errors.capture(async () => {
      for (const row of parsed.rows) {
        const unitId = lookup.scoredUnit(row, errors);
        const adjudicatorId = allowed.get(row.adjudicator.toLowerCase());
        if (!adjudicatorId)
          errors.add(new ImportError(locationOf(row, "adjudicator"), problem("notAdjudicator", { name: JSON.stringify(row.adjudicator) })));
        if (unitId === null || !adjudicatorId) continue;
        planned.push({ unitId, adjudicatorId, score: row.score, note: row.note });
      }
    });
    if (errors.count) throw new ImportRejected(errors.errors, errors.truncated);
    // re-importing the same file changes nothing: a unit whose current adjudication matches is left alone
    const current = new Map(
      (
        await queryRows<{ unit_id: string; score: number; note: string; adjudicator_id: string | null }>(
          tx,
          sql`select unit_id, score, note, adjudicator_id from adjudications where project_id = ${projectId}`,
        )
      ).map((a) => [Number(a.unit_id), a]),
    );
    let written = 0;
    for (const p of planned) {
      const c = current.get(p.unitId);
      if (c && Number(c.score) === p.score && c.note === p.note.trim() && c.adjudicator_id === p.adjudicatorId) continue;
      await resolveUnitIn(tx, { projectId, ...p, source: "import" }, { bump: false, audit: false });
      written++;
    }
    if (written) await bumpRatingsVersion(tx, projectId);
    await recordAudit(tx, {
      projectId,
      actorId,
      kind: "import",
      detail: { what: "adjudications", file: file.name, rows: planned.length, written },
    });
    const [{ n }] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from disagreements where project_id = ${projectId} and resolved_at is null`,
    );
    return { rows: planned.length, written, unchanged: planned.length - written, open: Number(n) };
  });
}
