// Bradley–Terry (product.md §11, issue 22): the fit over 1M comparisons and 20 models (target ≤ 1 s,
// aggregation included), and a 1000-replicate bootstrap over 4,564 dialogues. Pure CPU, no database.
// Run: npx tsx bench/bradley-terry.ts   (BENCH_COMPARISONS=1000000 BENCH_REPLICATES=1000)
import os from "node:os";
import { bootstrapStrengths, bradleyTerry } from "../app/domain/pairwise";
import { syntheticComparisons } from "../app/domain/pairwise/testing/generate";

const comparisons = Number(process.env.BENCH_COMPARISONS || 1_000_000);
const replicates = Number(process.env.BENCH_REPLICATES || 1000);
const models = 20;
const dialogues = 4564;
console.log(
  `load average before: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
const data = syntheticComparisons({ comparisons, models, dialogues, seed: 1 });

for (let run = 1; run <= 3; run++) {
  const t0 = performance.now();
  const fit = bradleyTerry(data, models);
  const ms = performance.now() - t0;
  const error = Math.max(...fit.theta.map((t, i) => Math.abs(t - data.truth[i])));
  console.log(
    `fit ${run}: ${ms.toFixed(0)} ms for ${comparisons.toLocaleString("en")} comparisons, ${models} models ` +
      `(${fit.iterations} MM iterations, max |θ − truth| ${error.toFixed(3)})`,
  );
}
const t0 = performance.now();
const boot = bootstrapStrengths(data, models, { seed: 1, replicates });
const ms = performance.now() - t0;
const widest = Math.max(...boot.ci95.map(([lo, hi]) => hi - lo));
console.log(
  `bootstrap: ${ms.toFixed(0)} ms for ${replicates} replicates over ${boot.dialogues.toLocaleString("en")} dialogues ` +
    `(${(ms / replicates).toFixed(2)} ms each; widest ci95 ${widest.toFixed(3)})`,
);
console.log(
  `load average after: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
