// The pairwise report (product.md §11) from a project's on-time choices in columns: Bradley–Terry strengths
// with bootstrap intervals, each model's record and the win/tie/loss matrix, agreement between annotators
// and positional bias, per metric and over all metrics together. Pure computation (it also runs on the
// report worker, which loads it by relative imports), the statistics being app/domain/pairwise's.
import {
  OUTCOME,
  bootstrapStrengths,
  bradleyTerry,
  pairwiseAgreement,
  positionalBias,
  type Choice,
  type PairwiseAgreement,
  type PositionalBias,
  type Side,
} from "../../domain/pairwise";
import type { PairwiseModel, WinTieMatrix } from "../../domain/pairwise/report-types";

export type { PairwiseModel, WinTieMatrix };

/** One on-time choice per position; model and dialogue indexes refer to `models` and the dialogues. */
export type PairwiseData = {
  /** metric keys with pairwise units, in the project's order */
  metrics: string[];
  /** models taking part in some comparison, in id order (a comparison's a has the lower id) */
  models: string[];
  seed: number;
  replicates: number;
  unit: Float64Array;
  metric: Int32Array;
  a: Int32Array;
  b: Int32Array;
  dialogue: Int32Array;
  /** OUTCOME: 0 = the comparison's a preferred, 1 = tie, 2 = b preferred */
  outcome: Uint8Array;
  /** the side shown left: 0 = a, 1 = b (the task was swapped), −1 = unknown (imported) */
  left: Int8Array;
};

type Scoped<T> = { overall: T; metrics: ({ metric: string } & T)[] };

export type PairwiseReport = {
  project: string;
  overall: { models: PairwiseModel[] };
  metrics: { metric: string; models: PairwiseModel[] }[];
  agreement: Scoped<PairwiseAgreement>;
  positional_bias: Scoped<PositionalBias>;
  matrix: Scoped<WinTieMatrix>;
  bootstrap: { seed: number; replicates: number; resampled: "dialogues" };
};

/** §11: strengths are reported to 1e-6 (and never as −0). */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6 + 0;

const CHOICE: Choice[] = ["a", "tie", "b"];

/** The positions of the choices in scope, in order. */
function positions(d: PairwiseData, metric: number | null): Int32Array {
  if (metric === null) return Int32Array.from({ length: d.outcome.length }, (_, k) => k);
  const out: number[] = [];
  for (let k = 0; k < d.metric.length; k++) if (d.metric[k] === metric) out.push(k);
  return Int32Array.from(out);
}

function strengths(d: PairwiseData, at: Int32Array): { models: PairwiseModel[]; matrix: WinTieMatrix } {
  const m = d.models.length;
  const a = Int32Array.from(at, (k) => d.a[k]);
  const b = Int32Array.from(at, (k) => d.b[k]);
  const outcome = Uint8Array.from(at, (k) => d.outcome[k]);
  const dialogue = Int32Array.from(at, (k) => d.dialogue[k]);
  const fit = bradleyTerry({ a, b, outcome }, m);
  const boot = bootstrapStrengths({ a, b, outcome, dialogue }, m, { seed: d.seed, replicates: d.replicates });
  const order = d.models.map((_, i) => i).sort((x, y) => fit.rank[x] - fit.rank[y] || (d.models[x] < d.models[y] ? -1 : 1));
  const models = order.map((i) => ({
    model: d.models[i],
    strength: round6(fit.theta[i]),
    ci95: [round6(boot.ci95[i][0]), round6(boot.ci95[i][1])] as [number, number],
    rank: fit.rank[i],
    wins: fit.wins[i],
    losses: fit.losses[i],
    ties: fit.ties[i],
  }));
  const cell = (cells: Int32Array) => order.map((i) => order.map((j) => cells[i * m + j]));
  return { models, matrix: { models: order.map((i) => d.models[i]), wins: cell(fit.matrix.wins), ties: cell(fit.matrix.ties) } };
}

/** The judgments of each unit in scope (units in id order), for agreement. */
function choicesByUnit(d: PairwiseData, at: Int32Array): Choice[][] {
  const sorted = Array.from(at).sort((x, y) => d.unit[x] - d.unit[y] || x - y);
  const units: Choice[][] = [];
  let previous = NaN;
  for (const k of sorted) {
    if (d.unit[k] !== previous) units.push([]);
    previous = d.unit[k];
    units[units.length - 1].push(CHOICE[d.outcome[k]]);
  }
  return units;
}

/** The side each choice went to as the annotator saw it; imported choices (no side shown) are left out. */
function sidesOf(d: PairwiseData, at: Int32Array): Side[] {
  const sides: Side[] = [];
  for (const k of at) {
    const left = d.left[k];
    if (left < 0) continue;
    const o = d.outcome[k];
    if (o === OUTCOME.tie) sides.push("tie");
    else sides.push((o === OUTCOME.a) === (left === 0) ? "left" : "right");
  }
  return sides;
}

function scope(d: PairwiseData, metric: number | null) {
  const at = positions(d, metric);
  const { models, matrix } = strengths(d, at);
  return { models, matrix, agreement: pairwiseAgreement(choicesByUnit(d, at)), bias: positionalBias(sidesOf(d, at)) };
}

export function computePairwiseReport(project: string, d: PairwiseData): PairwiseReport {
  const overall = scope(d, null);
  const metrics = d.metrics.map((metric, i) => ({ metric, ...scope(d, i) }));
  return {
    project,
    overall: { models: overall.models },
    metrics: metrics.map((s) => ({ metric: s.metric, models: s.models })),
    agreement: { overall: overall.agreement, metrics: metrics.map((s) => ({ metric: s.metric, ...s.agreement })) },
    positional_bias: { overall: overall.bias, metrics: metrics.map((s) => ({ metric: s.metric, ...s.bias })) },
    matrix: { overall: overall.matrix, metrics: metrics.map((s) => ({ metric: s.metric, ...s.matrix })) },
    bootstrap: { seed: d.seed, replicates: d.replicates, resampled: "dialogues" },
  };
}
