// Metric sets: the built-in ones (app/domain/metrics) and custom ones stored as §10 documents. A project
// copies its set's metrics at creation; editing a set later updates those copies under the rules of
// docs/decisions/012-custom-metric-sets.md (wording always, keys and scales only before any rating).
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { metrics, metricSets, projects } from "#db/schema";
import { BUILTIN_METRIC_SETS, getBuiltinMetricSet } from "~/domain/metrics/builtin";
import {
  anchorsOf,
  definitionOf,
  documentOf,
  parseMetricSetDocument,
  structuralChanges,
  type ValidMetricSetDocument,
} from "~/domain/metrics/document";
import { MetricSetValidationError } from "~/domain/metrics/schema";
import { lowerIsBetterScopes } from "~/domain/reports/leaderboard";
import type { MetricSetDefinition } from "~/domain/metrics/types";
import { AppError, badRequest, forbidden, keyedError, notFound } from "~/lib/errors";

export type MetricSetSummary = {
  key: string;
  builtin: boolean;
  metrics: number;
  nameEn: string;
  nameZh: string;
  scales: string[];
  lowerIsBetter: number;
  projects: number;
  createdBy: string | null;
};

async function customRows(db: DbOrTx) {
  return db.select().from(metricSets).orderBy(asc(metricSets.key));
}

export async function listMetricSets(db: DbOrTx): Promise<MetricSetDefinition[]> {
  const custom = await customRows(db);
  return [...BUILTIN_METRIC_SETS, ...custom.map((c) => definitionOf(parseMetricSetDocument(c.definition)))];
}

/** Every set with what a chooser shows: size, scales, how many projects were created from it. */
export async function listMetricSetSummaries(db: DbOrTx): Promise<MetricSetSummary[]> {
  const [custom, used] = await Promise.all([
    customRows(db),
    queryRows<{ key: string; n: number }>(db, sql`select metric_set_key as key, count(*)::int as n from projects group by 1`),
  ]);
  const uses = new Map(used.map((u) => [u.key, Number(u.n)]));
  const summary = (set: MetricSetDefinition, builtin: boolean, createdBy: string | null): MetricSetSummary => ({
    key: set.key,
    builtin,
    metrics: set.metrics.length,
    nameEn: set.nameEn,
    nameZh: set.nameZh,
    scales: [...new Set(set.metrics.map((m) => `${m.scaleMin}–${m.scaleMax}`))],
    lowerIsBetter: set.metrics.filter((m) => !m.higherIsBetter).length,
    projects: uses.get(set.key) ?? 0,
    createdBy,
  });
  return [
    ...BUILTIN_METRIC_SETS.map((s) => summary(s, true, null)),
    ...custom.map((c) => summary(definitionOf(parseMetricSetDocument(c.definition)), false, c.createdBy)),
  ];
}

/** The set as a §10 document (built-in sets too, so they serve as templates); 404 when unknown. */
export async function getMetricSetDocument(
  db: DbOrTx,
  key: string,
): Promise<{ document: ValidMetricSetDocument; builtin: boolean; createdBy: string | null }> {
  const builtin = getBuiltinMetricSet(key);
  if (builtin) return { document: documentOf(builtin), builtin: true, createdBy: null };
  const [row] = await db.select().from(metricSets).where(eq(metricSets.key, key)).limit(1);
  if (!row) throw notFound(`Unknown metric set "${key}"`);
  return { document: parseMetricSetDocument(row.definition), builtin: false, createdBy: row.createdBy };
}

export async function resolveMetricSet(db: DbOrTx, key: string): Promise<MetricSetDefinition> {
  const builtin = getBuiltinMetricSet(key);
  if (builtin) return builtin;
  const [row] = await db.select().from(metricSets).where(eq(metricSets.key, key)).limit(1);
  if (!row) throw badRequest(`Unknown metric set "${key}"`, "metricSet");
  return definitionOf(parseMetricSetDocument(row.definition));
}

/** Validates a document; a bad one becomes a 400 whose message names every offending field. */
function validDocument(json: unknown): ValidMetricSetDocument {
  try {
    return parseMetricSetDocument(json);
  } catch (e) {
    if (e instanceof MetricSetValidationError) throw badRequest(e.message, e.issues[0]?.path);
    throw e;
  }
}

/** Saves a custom metric set given as a §10 document (JSON text or parsed). */
export async function createCustomMetricSet(db: DbOrTx, json: unknown, createdBy: string | null): Promise<ValidMetricSetDocument> {
  const doc = validDocument(json);
  if (getBuiltinMetricSet(doc.key)) throw keyedError(409, "errors.metricSetBuiltin", { key: doc.key });
  const [row] = await db
    .insert(metricSets)
    .values({ key: doc.key, nameEn: doc.name_en, nameZh: doc.name_zh, definition: JSON.stringify(doc), createdBy })
    .onConflictDoNothing()
    .returning({ id: metricSets.id });
  if (!row) throw keyedError(409, "errors.metricSetExists", { key: doc.key });
  return doc;
}

/** Rows of the metrics table for a project's copy of a set (anchor_low/high = the anchors at min/max). */
export function metricRows(projectId: number, set: MetricSetDefinition) {
  const dims = new Map(set.dimensions.map((d) => [d.key, d]));
  return set.metrics.map((m, i) => {
    const { anchors: _, ...columns } = m;
    return {
      projectId,
      ...columns, // MetricDefinition's keys are the metrics table's columns
      anchors: JSON.stringify(anchorsOf(m)),
      dimensionNameEn: dims.get(m.dimension)?.nameEn ?? m.dimension,
      dimensionNameZh: dims.get(m.dimension)?.nameZh ?? m.dimension,
      position: i,
    };
  });
}

export type MetricSetEditor = { id: string; isAdmin: boolean };

/** Admins edit every custom set; anyone else only the sets they created. */
export function mayEditMetricSet(user: MetricSetEditor, createdBy: string | null) {
  return user.isAdmin || (createdBy !== null && createdBy === user.id);
}

/**
 * Replaces a custom set's document and brings the copies of the projects created from it along: wording
 * (names, dimensions, definitions, anchors) always; added, removed or rescaled metrics only while none of
 * those projects has a rating, since a score means nothing once its scale or metric changes under it.
 */
export async function updateCustomMetricSet(db: Db, key: string, json: unknown, user: MetricSetEditor) {
  if (getBuiltinMetricSet(key)) throw forbidden(`"${key}" is a built-in set and cannot be changed; start a new set from it`);
  const doc = validDocument(json);
  if (doc.key !== key) throw keyedError(400, "errors.metricSetKeyFixed", { key }, "key");
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(metricSets).where(eq(metricSets.key, key)).for("update");
    if (!row) throw notFound(`Unknown metric set "${key}"`);
    if (!mayEditMetricSet(user, row.createdBy)) throw forbidden("Only an admin or the set's creator may edit it");
    const before = parseMetricSetDocument(row.definition);
    const changes = structuralChanges(before, doc);
    const users = await queryRows<{ id: number; slug: string; ratings: number }>(
      tx,
      sql`select p.id, p.slug, (select count(*)::int from ratings r where r.project_id = p.id) as ratings
          from projects p where p.metric_set_key = ${key} order by p.slug`,
    );
    const rated = users.filter((p) => Number(p.ratings) > 0);
    if (changes.length && rated.length) {
      const named = rated.map((p) => `"${p.slug}" (${p.ratings} rating${Number(p.ratings) === 1 ? "" : "s"})`).join(", ");
      throw new AppError(
        409,
        `Cannot save: ${changes.join("; ")}. Project${rated.length > 1 ? "s" : ""} ${named} already rated on this set, ` +
          `and those scores would no longer mean what the annotators meant. Wording edits are fine; ` +
          `for a new scale or new metrics save a new set (another key).`,
      );
    }
    const set = definitionOf(doc);
    for (const p of users) await syncProjectCopy(tx, Number(p.id), p.slug, set);
    await tx
      .update(metricSets)
      .set({ nameEn: doc.name_en, nameZh: doc.name_zh, definition: JSON.stringify(doc), updatedAt: new Date() })
      .where(eq(metricSets.id, row.id));
    return { document: doc, projectsUpdated: users.map((p) => p.slug) };
  });
}

/** Makes a project's copy equal to the set: updates by key, appends new metrics, drops removed ones
 *  (refused when the project already has units on one, which would go with it). */
async function syncProjectCopy(tx: DbOrTx, projectId: number, slug: string, set: MetricSetDefinition) {
  const rows = metricRows(projectId, set);
  const keep = new Set(rows.map((r) => r.key));
  const existing = await tx.select({ id: metrics.id, key: metrics.key }).from(metrics).where(eq(metrics.projectId, projectId));
  for (const gone of existing.filter((m) => !keep.has(m.key))) {
    const [used] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from units where metric_id = ${gone.id}`);
    if (Number(used.n) > 0) {
      throw keyedError(409, "errors.metricInUse", { metric: gone.key, project: slug, n: Number(used.n) });
    }
    await tx.delete(metrics).where(and(eq(metrics.projectId, projectId), eq(metrics.id, gone.id)));
  }
  for (const r of rows) {
    const { projectId: _p, key: _k, ...columns } = r;
    await tx
      .insert(metrics)
      .values(r)
      .onConflictDoUpdate({ target: [metrics.projectId, metrics.key], set: columns });
  }
  await tx
    .update(projects)
    .set({ ratingsVersion: sql`${projects.ratingsVersion} + 1` })
    .where(eq(projects.id, projectId));
}

/** Who may open the metric-set pages: admins (who create projects) and the managers of any project. */
export async function mayManageMetricSets(db: DbOrTx, user: MetricSetEditor): Promise<boolean> {
  if (user.isAdmin) return true;
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from project_members where user_id = ${user.id} and role = 'manager'`,
  );
  return Number(row.n) > 0;
}

/** The leaderboard columns of a project that rank ascending (its lower-is-better metrics, and dimensions
 *  or the overall column made only of them). */
export async function projectLowerIsBetterScopes(db: DbOrTx, projectId: number): Promise<string[]> {
  const rows = await db
    .select({ key: metrics.key, dimension: metrics.dimension, higherIsBetter: metrics.higherIsBetter })
    .from(metrics)
    .where(eq(metrics.projectId, projectId))
    .orderBy(asc(metrics.position));
  return lowerIsBetterScopes(rows);
}
