import { useTranslation } from "react-i18next";
import { Field, Input, Select } from "~/components/ui";
import { KIND_FILTERS, type ExportKind } from "~/domain/export/options";
import { SplitCounts } from "./split-counts";

export type FilterState = {
  format: "csv" | "jsonl";
  metric: string[];
  model: string;
  "min-ratings": string;
  "adjudicated-only": boolean;
  "exclude-gold": boolean;
  consensus: "mean" | "median";
  "split-by": "dialogue" | "character";
  split: string;
  seed: string;
  "min-margin": string;
  "per-annotator": boolean;
};

type Props = {
  kind: ExportKind;
  filters: FilterState;
  onChange: (f: FilterState) => void;
  /** the translated refusal of a field, if any (the export schema's, through Conform) */
  errorOf?: (name: string) => string | null;
  metrics: { key: string; nameEn: string; nameZh: string }[];
  models: string[];
  /** every dialogue with its character, for the counts per split */
  dialogues?: { id: string; role: string }[];
};

const CHECKBOX_LABELS = {
  "adjudicated-only": "exports.adjudicatedOnly",
  "exclude-gold": "exports.excludeGold",
  "per-annotator": "exports.perAnnotator",
} as const;

/** The filters of the chosen kind only (the server refuses the others). */
export function ExportFilters({ kind, filters, onChange, errorOf = () => null, metrics, models, dialogues = [] }: Props) {
  const { t, i18n } = useTranslation();
  const has = (name: string) => KIND_FILTERS[kind].includes(name);
  const set = <K extends keyof FilterState>(k: K, v: FilterState[K]) => onChange({ ...filters, [k]: v });
  const toggleMetric = (key: string) =>
    set("metric", filters.metric.includes(key) ? filters.metric.filter((m) => m !== key) : [...filters.metric, key]);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {has("format") && (
        <Field label={t("exports.format")} error={errorOf("format")}>
          <Select name="format" value={filters.format} onChange={(e) => set("format", e.target.value as FilterState["format"])}>
            <option value="csv">{t("exports.formats.csv")}</option>
            <option value="jsonl">{t("exports.formats.jsonl")}</option>
          </Select>
        </Field>
      )}
      {has("model") && (
        <Field label={t("exports.model")} error={errorOf("model")}>
          <Select name="model" value={filters.model} onChange={(e) => set("model", e.target.value)}>
            <option value="">{kind === "generation-trans" ? t("exports.chooseModel") : t("exports.allModels")}</option>
            {models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {has("consensus") && (
        <Field label={t("exports.consensus")} error={errorOf("consensus")} hint={t("exports.consensusHint")}>
          <Select name="consensus" value={filters.consensus} onChange={(e) => set("consensus", e.target.value as FilterState["consensus"])}>
            <option value="mean">{t("exports.consensusModes.mean")}</option>
            <option value="median">{t("exports.consensusModes.median")}</option>
          </Select>
        </Field>
      )}
      {has("min-ratings") && (
        <Field label={t("exports.minRatings")} error={errorOf("min-ratings")}>
          <Input
            name="min-ratings"
            type="number"
            min={0}
            step={1}
            placeholder="0"
            value={filters["min-ratings"]}
            onChange={(e) => set("min-ratings", e.target.value)}
          />
        </Field>
      )}
      {has("split-by") && (
        <Field label={t("exports.splitBy")} error={errorOf("split-by")}>
          <Select name="split-by" value={filters["split-by"]} onChange={(e) => set("split-by", e.target.value as FilterState["split-by"])}>
            <option value="dialogue">{t("exports.splitModes.dialogue")}</option>
            <option value="character">{t("exports.splitModes.character")}</option>
          </Select>
        </Field>
      )}
      {has("split") && (
        <Field label={t("exports.split")} error={errorOf("split")} hint={t("exports.splitHint")}>
          <Input name="split" value={filters.split} placeholder="80/10/10" onChange={(e) => set("split", e.target.value)} />
        </Field>
      )}
      {has("split") && <SplitCounts dialogues={dialogues} ratios={filters.split} by={filters["split-by"]} seed={filters.seed} />}
      {has("seed") && (
        <Field label={t("exports.seed")} error={errorOf("seed")} hint={t("exports.seedHint")}>
          <Input name="seed" maxLength={100} value={filters.seed} placeholder="rolecall" onChange={(e) => set("seed", e.target.value)} />
        </Field>
      )}
      {has("min-margin") && (
        <Field label={t("exports.minMargin")} error={errorOf("min-margin")}>
          <Input
            name="min-margin"
            type="number"
            min={0.5}
            step={0.5}
            value={filters["min-margin"]}
            onChange={(e) => set("min-margin", e.target.value)}
          />
        </Field>
      )}
      {(has("adjudicated-only") || has("exclude-gold")) && (
        <div className="space-y-2 text-sm sm:col-span-2">
          {(["adjudicated-only", "exclude-gold", "per-annotator"] as const).filter(has).map((name) => (
            <label key={name} className="flex items-center gap-2">
              <input type="checkbox" name={name} checked={filters[name]} onChange={(e) => set(name, e.target.checked)} />
              {t(CHECKBOX_LABELS[name])}
            </label>
          ))}
          {has("per-annotator") && filters["per-annotator"] && <p className="text-xs text-slate-500">{t("exports.perAnnotatorHint")}</p>}
        </div>
      )}
      {has("metric") && (
        <fieldset className="sm:col-span-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">{t("exports.metrics")}</legend>
          <p className="mb-2 text-xs text-slate-500">{t("exports.allMetrics")}</p>
          <div className="grid grid-cols-2 gap-1 text-sm md:grid-cols-3">
            {metrics.map((m) => (
              <label key={m.key} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  name="metric"
                  value={m.key}
                  checked={filters.metric.includes(m.key)}
                  onChange={() => toggleMetric(m.key)}
                />
                <MetricName metric={m} zh={i18n.language.startsWith("zh")} />
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </div>
  );
}

function MetricName({ metric, zh }: { metric: { key: string; nameEn: string; nameZh: string }; zh: boolean }) {
  const name = zh ? metric.nameZh : metric.nameEn;
  return (
    <span>
      {name} {name.replace(/ /g, "_") !== metric.key && <span className="text-xs text-slate-400">{metric.key}</span>}
    </span>
  );
}
