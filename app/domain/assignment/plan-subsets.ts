// Metric-subset planner (product.md §3 "Plan"): m metrics per dialogue, least-covered metric first,
// seeded random tie-break, so that metric counts stay balanced. Pure and deterministic.
import { createRng } from "../random";

export type PlanSubsetsInput = {
  /** dialogues in import order */
  dialogues: { id: string }[];
  /** the metric set's keys, in set order */
  metricKeys: string[];
  /** metrics per dialogue (integer, 1 ≤ perDialogue ≤ metricKeys.length) */
  perDialogue: number;
  /** integer seed of the tie-break PRNG */
  seed: number;
  /** coverage already present (e.g. from earlier imports), by metric key; other keys are ignored */
  existingCounts?: Record<string, number>;
};

/**
 * Plans each dialogue's metric subset. Dialogues are processed in the given order; each gets the
 * `perDialogue` metrics with the lowest coverage so far (existing counts + this plan), ties broken
 * by a mulberry32 PRNG seeded with `seed`. Each subset is returned in metricKeys order.
 * Throws an Error naming the problem on bad input (perDialogue out of range, duplicates, bad counts).
 */
export function planSubsets(input: PlanSubsetsInput): Map<string, string[]> {
  const { dialogues, metricKeys, perDialogue, seed, existingCounts = {} } = input;
  if (!Number.isInteger(perDialogue) || perDialogue < 1) {
    throw new Error(`perDialogue must be an integer ≥ 1 (got ${perDialogue})`);
  }
  if (perDialogue > metricKeys.length) {
    throw new Error(
      `perDialogue (${perDialogue}) exceeds the number of metrics (${metricKeys.length}); a dialogue cannot get more distinct metrics than the set has`,
    );
  }
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer (got ${seed})`);
  if (new Set(metricKeys).size !== metricKeys.length) {
    throw new Error(`metricKeys contains a duplicate: ${firstDuplicate(metricKeys)}`);
  }
  const ids = dialogues.map((d) => d.id);
  if (new Set(ids).size !== ids.length) throw new Error(`duplicate dialogue id: ${firstDuplicate(ids)}`);

  const counts = metricKeys.map((k) => {
    const c = Object.hasOwn(existingCounts, k) ? existingCounts[k] : 0;
    if (!Number.isInteger(c) || c < 0) throw new Error(`existingCounts.${k} must be an integer ≥ 0 (got ${c})`);
    return c;
  });

  const rng = createRng(seed);
  const order = metricKeys.map((_, i) => i);
  const tie = new Array<number>(metricKeys.length);
  const plan = new Map<string, string[]>();
  for (const id of ids) {
    for (let i = 0; i < tie.length; i++) tie[i] = rng();
    order.sort((a, b) => counts[a] - counts[b] || tie[a] - tie[b] || a - b);
    const picked = order.slice(0, perDialogue).sort((a, b) => a - b);
    for (const i of picked) counts[i]++;
    plan.set(
      id,
      picked.map((i) => metricKeys[i]),
    );
  }
  return plan;
}

/** Coverage per metric of a plan (plus optional existing counts), e.g. for reports and tests. */
export function countCoverage(
  plan: Map<string, string[]>,
  metricKeys: string[],
  existingCounts: Record<string, number> = {},
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of metricKeys) out[k] = Object.hasOwn(existingCounts, k) ? existingCounts[k] : 0;
  for (const subset of plan.values()) for (const k of subset) out[k] = (out[k] ?? 0) + 1;
  return out;
}

function firstDuplicate(xs: string[]): string {
  const seen = new Set<string>();
  for (const x of xs) {
    if (seen.has(x)) return x;
    seen.add(x);
  }
  return "";
}
