import { useTranslation } from "react-i18next";
import { Field, Input, Select } from "~/components/ui";
import { KIND_FILTERS, type ExportKind } from "~/services/exports/options";

export type FilterState = {
  format: "csv" | "jsonl";
  metric: string[];
  model: string;
  "min-ratings": string;
  "adjudicated-only": boolean;
  "exclude-gold": boolean;
  consensus: "mean" | "median";
  "split-by": "dialogue" | "character";
  seed: string;
  "min-margin": string;
};

type Props = {
  kind: ExportKind;
  filters: FilterState;
  onChange: (f: FilterState) => void;
  metrics: { key: string; nameEn: string; nameZh: string }[];
  models: string[];
};

/** The filters of the chosen kind only (the server refuses the others). */
export function ExportFilters({ kind, filters, onChange, metrics, models }: Props) {
  const { t, i18n } = useTranslation();
  const has = (name: string) => KIND_FILTERS[kind].includes(name);
  const set = <K extends keyof FilterState>(k: K, v: FilterState[K]) => onChange({ ...filters, [k]: v });
  const toggleMetric = (key: string) =>
    set("metric", filters.metric.includes(key) ? filters.metric.filter((m) => m !== key) : [...filters.metric, key]);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {has("format") && (
        <Field label={t("exports.format")}>
          <Select name="format" value={filters.format} onChange={(e) => set("format", e.target.value as FilterState["format"])}>
            <option value="csv">{t("exports.formats.csv")}</option>
            <option value="jsonl">{t("exports.formats.jsonl")}</option>
          </Select>
        </Field>
      )}
      {has("model") && (
        <Field label={t("exports.model")}>
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
        <Field label={t("exports.consensus")} hint={t("exports.consensusHint")}>
          <Select name="consensus" value={filters.consensus} onChange={(e) => set("consensus", e.target.value as FilterState["consensus"])}>
            <option value="mean">{t("exports.consensusModes.mean")}</option>
            <option value="median">{t("exports.consensusModes.median")}</option>
          </Select>
        </Field>
      )}
      {has("min-ratings") && (
        <Field label={t("exports.minRatings")}>
          <Input name="min-ratings" type="number" min={0} step={1} placeholder="0" value={filters["min-ratings"]} onChange={(e) => set("min-ratings", e.target.value)} />
        </Field>
      )}
      {has("split-by") && (
        <Field label={t("exports.splitBy")}>
          <Select name="split-by" value={filters["split-by"]} onChange={(e) => set("split-by", e.target.value as FilterState["split-by"])}>
            <option value="dialogue">{t("exports.splitModes.dialogue")}</option>
            <option value="character">{t("exports.splitModes.character")}</option>
          </Select>
        </Field>
      )}
      {has("seed") && (
        <Field label={t("exports.seed")} hint={t("exports.seedHint")}>
          <Input name="seed" maxLength={100} value={filters.seed} placeholder="rolecall" onChange={(e) => set("seed", e.target.value)} />
        </Field>
      )}
      {has("min-margin") && (
        <Field label={t("exports.minMargin")}>
          <Input name="min-margin" type="number" min={0.1} step={0.5} value={filters["min-margin"]} onChange={(e) => set("min-margin", e.target.value)} />
        </Field>
      )}
      {(has("adjudicated-only") || has("exclude-gold")) && (
        <div className="space-y-2 text-sm sm:col-span-2">
          {(["adjudicated-only", "exclude-gold"] as const).map((name) => (
            <label key={name} className="flex items-center gap-2">
              <input type="checkbox" name={name} checked={filters[name]} onChange={(e) => set(name, e.target.checked)} />
              {t(name === "adjudicated-only" ? "exports.adjudicatedOnly" : "exports.excludeGold")}
            </label>
          ))}
        </div>
      )}
      {has("metric") && (
        <fieldset className="sm:col-span-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">{t("exports.metrics")}</legend>
          <p className="mb-2 text-xs text-slate-500">{t("exports.allMetrics")}</p>
          <div className="grid grid-cols-2 gap-1 text-sm md:grid-cols-3">
            {metrics.map((m) => (
              <label key={m.key} className="flex items-center gap-2">
                <input type="checkbox" name="metric" value={m.key} checked={filters.metric.includes(m.key)} onChange={() => toggleMetric(m.key)} />
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
