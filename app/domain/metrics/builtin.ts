// Built-in metric sets (product.md §2) and custom-set parsing.
import { CHARACTERBENCH_MIXED_METRIC_SET } from "./builtin-characterbench";
import { CHARACTEREVAL_METRIC_SET } from "./builtin-charactereval";
import type { MetricSetDefinition } from "./types";

export { CHARACTEREVAL_METRIC_SET } from "./builtin-charactereval";
export { CHARACTERBENCH_MIXED_METRIC_SET } from "./builtin-characterbench";
export { MetricSetValidationError, metricSetSchema, parseCustomMetricSet } from "./schema";
export type { MetricSetIssue } from "./schema";

/** All built-in sets; treat as read-only (use getBuiltinMetricSet for a copy a project may edit). */
export const BUILTIN_METRIC_SETS: MetricSetDefinition[] = [CHARACTEREVAL_METRIC_SET, CHARACTERBENCH_MIXED_METRIC_SET];

/** A deep copy of the built-in set with this key, or undefined when there is none. */
export function getBuiltinMetricSet(key: string): MetricSetDefinition | undefined {
  const set = BUILTIN_METRIC_SETS.find((s) => s.key === key);
  return set ? structuredClone(set) : undefined;
}
