import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { metricSets } from "#db/schema";
import { BUILTIN_METRIC_SETS, getBuiltinMetricSet, parseCustomMetricSet } from "~/domain/metrics/builtin";
import type { MetricSetDefinition } from "~/domain/metrics/types";
import { badRequest, conflict } from "~/lib/errors";

export async function listMetricSets(db: DbOrTx): Promise<MetricSetDefinition[]> {
  const custom = await db.select().from(metricSets).orderBy(asc(metricSets.key));
  return [...BUILTIN_METRIC_SETS, ...custom.map((c) => JSON.parse(c.definition) as MetricSetDefinition)];
}

export async function resolveMetricSet(db: DbOrTx, key: string): Promise<MetricSetDefinition> {
  const builtin = getBuiltinMetricSet(key);
  if (builtin) return builtin;
  const [row] = await db.select().from(metricSets).where(eq(metricSets.key, key)).limit(1);
  if (!row) throw badRequest(`Unknown metric set "${key}"`, "metricSet");
  return JSON.parse(row.definition) as MetricSetDefinition;
}

/** Saves a custom metric set given as JSON (validated by the same schema as the built-in sets). */
export async function createCustomMetricSet(db: DbOrTx, json: unknown, createdBy: string | null) {
  const set = parseCustomMetricSet(json);
  if (getBuiltinMetricSet(set.key)) throw conflict(`"${set.key}" is the name of a built-in metric set`);
  const [row] = await db
    .insert(metricSets)
    .values({ key: set.key, nameEn: set.nameEn, nameZh: set.nameZh, definition: JSON.stringify(set), createdBy })
    .onConflictDoNothing()
    .returning();
  if (!row) throw conflict(`A metric set "${set.key}" already exists`);
  return set;
}
