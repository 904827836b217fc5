// The README.md of a Hugging Face-style export folder: YAML configs for `datasets.load_dataset`, the
// files and their record counts, the fields of each config and an agreement summary. Pure text.
import type { AgreementSummary } from "~/domain/stats";
import type { ExportOptions } from "~/domain/export/options";

export type CardInput = {
  slug: string;
  snapshotAt: string;
  options: ExportOptions;
  /** relative path → records, only files that exist */
  files: Map<string, number>;
  agreement: { metric: string; summary: AgreementSummary }[];
  overall: AgreementSummary;
};

const SPLIT_NAMES: Record<string, string> = { train: "train", dev: "validation", test: "test" };

const FIELDS: Record<string, [string, string][]> = {
  charrm: [
    ["id", "CharacterEval dialogue id"],
    ["model", "model that wrote the response"],
    ["role", "character"],
    ["novel_name", "source work"],
    ["context", "dialogue lines `说话人：内容` joined by \\n"],
    ["model_output", "the scored text (first line of the response)"],
    ["metric_en / metric_zh", "metric key and Chinese name"],
    ["score", "consensus: the adjudicated score, else the mean (or median) of the ratings"],
    ["label", "(score − scale min) / (scale max − scale min)"],
    ["ratings", "raw integer ratings"],
    ["n_ratings", "number of ratings"],
    ["std", "population standard deviation of the ratings"],
    ["adjudicated", "score comes from an adjudicator"],
    ["split", "train / dev / test, deterministic by dialogue or character"],
    ["input_text", "CharacterRM input, byte-identical to CharacterEval's run_char_rm.py"],
  ],
  pairs: [
    ["prompt", "system message from the profile, then the context turns (character = assistant)"],
    [
      "chosen / rejected",
      "one assistant message each: the better- and worse-scored response (the lower score is the better one on a metric where lower is better)",
    ],
    ["metric_en, dialogue_id", "the metric and dialogue the pair shares"],
    ["model_chosen / model_rejected", "models"],
    ["score_chosen / score_rejected, margin", "consensus scores as rated and their distance"],
    ["split", "as in charrm"],
  ],
  annotations: [
    ["project, dialogue_id, model, metric", "what was rated"],
    ["annotator", "the annotator's e-mail"],
    ["score", "integer score"],
    ["comment", "free text or null"],
    ["active_ms", "this rating's share of its task's active time (the task's time split evenly over its ratings)"],
    ["created_at", "ISO 8601 UTC"],
    ["gold", "the unit is a gold unit"],
    ["task_id", "the task the rating was submitted with; null for imported ratings"],
    ["task_active_ms", "the task's whole active time, on the first of its ratings only (null on the others)"],
  ],
};

const num = (x: number | null) => (x === null ? "—" : (Math.abs(x) < 0.0005 ? 0 : x).toFixed(3));

function configs(files: Map<string, number>): string[] {
  const out = ["configs:"];
  for (const config of ["charrm", "pairs"]) {
    const parts = ["train", "dev", "test"].filter((s) => files.has(`${config}/${s}.jsonl`));
    if (!parts.length) continue;
    out.push(`- config_name: ${config}`, "  data_files:");
    for (const s of parts) out.push(`  - split: ${SPLIT_NAMES[s]}`, `    path: ${config}/${s}.jsonl`);
  }
  if (files.has("annotations.jsonl"))
    out.push("- config_name: annotations", "  data_files:", "  - split: train", "    path: annotations.jsonl");
  return out;
}

function filterText(o: ExportOptions): string {
  const parts = [
    o.metrics.length ? `metrics ${o.metrics.join(", ")}` : "all metrics",
    o.models.length ? `models ${o.models.join(", ")}` : "all models",
    `consensus ${o.consensus}`,
    `split by ${o.splitBy}${o.seed ? ` (seed ${o.seed})` : ""}`,
    `pairs with margin ≥ ${o.minMargin}`,
  ];
  if (o.minRatings) parts.push(`units with ≥ ${o.minRatings} ratings`);
  if (o.adjudicatedOnly) parts.push("adjudicated units only");
  if (o.excludeGold) parts.push("gold units left out");
  return parts.join("; ");
}

export function datasetCard(c: CardInput): string {
  const lines = [
    "---",
    `pretty_name: ${JSON.stringify(`${c.slug} (Rolecall export)`)}`,
    "language:",
    "- zh",
    ...configs(c.files),
    "---",
    "",
    `# ${c.slug}: human ratings of role-play responses`,
    "",
    `Exported by Rolecall from one consistent snapshot taken at ${c.snapshotAt}. Filters: ${filterText(c.options)}.`,
    "",
    "## Files",
    "",
    "| file | records |",
    "|---|---:|",
    ...[...c.files].map(([f, n]) => `| ${f} | ${n} |`),
    "",
    "## Fields",
  ];
  for (const [config, fields] of Object.entries(FIELDS)) {
    lines.push("", `### ${config}`, "", ...fields.map(([f, d]) => `- \`${f}\`: ${d}`));
  }
  lines.push(
    "",
    "## Agreement",
    "",
    "Over the exported units with at least two ratings (Krippendorff's α, Fleiss' κ when every unit has the same number of ratings).",
    "",
    "| metric | units | ratings | α interval | α ordinal | Fleiss κ | exact | within one |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const { metric, summary: s } of [...c.agreement, { metric: "overall", summary: c.overall }]) {
    lines.push(
      `| ${metric} | ${s.units} | ${s.ratings} | ${num(s.alpha_interval)} | ${num(s.alpha_ordinal)} | ${num(s.fleiss_kappa)} | ${num(s.exact_agreement)} | ${num(s.within_one)} |`,
    );
  }
  return lines.join("\n") + "\n";
}
