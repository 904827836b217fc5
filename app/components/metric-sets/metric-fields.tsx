// One metric of the editor: key, names, dimension, scale, direction, definitions, anchors per scale
// point in both languages, and beside them the scoring control as annotators will see it.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { MetricDocument } from "~/domain/metrics/document";
import { MetricPreview } from "./preview";

type Props = {
  metric: MetricDocument;
  index: number;
  count: number;
  readOnly: boolean;
  issue: (field: string) => string | undefined;
  onChange: (patch: Partial<MetricDocument>) => void;
  onRemove: () => void;
  onMove: (delta: number) => void;
};

const box = (bad: boolean) =>
  `w-full rounded-md border bg-white px-2 py-1 text-sm shadow-sm focus:border-brand-500 ${bad ? "border-red-400" : "border-slate-300"}`;

function Labelled({ label, error, children, wide }: { label: string; error?: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={`block text-xs ${wide ? "sm:col-span-2" : ""}`}>
      <span className="mb-0.5 block font-medium text-slate-600">{label}</span>
      {children}
      {error && (
        <span className="mt-0.5 block text-red-600" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

/** The scale's points, or none while min/max do not yet make a 2–11 point scale. */
export function scalePoints(m: { min: number; max: number }): number[] {
  if (!Number.isInteger(m.min) || !Number.isInteger(m.max) || m.max <= m.min || m.max - m.min > 10) return [];
  return Array.from({ length: m.max - m.min + 1 }, (_, i) => m.min + i);
}

export function MetricFields({ metric: m, index, count, readOnly, issue, onChange, onRemove, onMove }: Props) {
  const { t } = useTranslation();
  const at = (f: string) => issue(`metrics[${index}].${f}`);
  const text = (f: "key" | "name_en" | "name_zh" | "dimension" | "dimension_en" | "dimension_zh", label: string) => (
    <Labelled label={label} error={at(f)}>
      <input
        className={box(!!at(f))}
        value={m[f] ?? ""}
        readOnly={readOnly}
        name={`metrics.${index}.${f}`}
        onChange={(e) => onChange({ [f]: e.target.value })}
      />
    </Labelled>
  );
  const int = (f: "min" | "max", label: string) => (
    <Labelled label={label} error={at(f)}>
      <input
        className={box(!!at(f))}
        type="number"
        step={1}
        value={Number.isNaN(m[f]) ? "" : m[f]}
        readOnly={readOnly}
        name={`metrics.${index}.${f}`}
        onChange={(e) => onChange({ [f]: e.target.value === "" ? NaN : Number(e.target.value) })}
      />
    </Labelled>
  );
  const area = (f: "definition_en" | "definition_zh", label: string) => (
    <Labelled label={label} error={at(f)} wide>
      <textarea
        className={box(!!at(f))}
        rows={2}
        value={m[f]}
        readOnly={readOnly}
        name={`metrics.${index}.${f}`}
        onChange={(e) => onChange({ [f]: e.target.value })}
      />
    </Labelled>
  );
  const anchor = (point: number, lang: "en" | "zh") => {
    const a = m.anchors[point] ?? { en: "", zh: "" };
    return (
      <input
        className={box(false)}
        value={a[lang]}
        readOnly={readOnly}
        aria-label={t(lang === "en" ? "metricSets.anchorEn" : "metricSets.anchorZh", { score: point })}
        placeholder={t(lang === "en" ? "metricSets.anchorEn" : "metricSets.anchorZh", { score: point })}
        name={`metrics.${index}.anchors.${point}.${lang}`}
        onChange={(e) => onChange({ anchors: { ...m.anchors, [point]: { ...a, [lang]: e.target.value } } })}
      />
    );
  };
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid={`metric-editor-${index}`}>
      <header className="mb-2 flex items-center gap-2">
        <h3 className="text-sm font-semibold">
          {index + 1}. {m.name_en || m.key || "…"}
        </h3>
        {!readOnly && (
          <div className="ml-auto flex gap-1 text-xs">
            <button
              type="button"
              className="rounded border border-slate-300 px-1.5"
              disabled={index === 0}
              onClick={() => onMove(-1)}
              title={t("metricSets.moveUp")}
            >
              ↑
            </button>
            <button
              type="button"
              className="rounded border border-slate-300 px-1.5"
              disabled={index === count - 1}
              onClick={() => onMove(1)}
              title={t("metricSets.moveDown")}
            >
              ↓
            </button>
            <button type="button" className="rounded border border-red-300 px-1.5 text-red-700" disabled={count === 1} onClick={onRemove}>
              {t("metricSets.removeMetric")}
            </button>
          </div>
        )}
      </header>
      <div className="grid gap-3 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="grid gap-2 sm:grid-cols-2">
          {text("key", t("metricSets.metricKey"))}
          {text("dimension", t("metricSets.dimension"))}
          {text("name_en", t("metricSets.nameEn"))}
          {text("name_zh", t("metricSets.nameZh"))}
          {text("dimension_en", t("metricSets.dimensionEn"))}
          {text("dimension_zh", t("metricSets.dimensionZh"))}
          {int("min", t("metricSets.min"))}
          {int("max", t("metricSets.max"))}
          <Labelled label={t("metricSets.direction")} wide>
            <select
              className={box(false)}
              disabled={readOnly}
              name={`metrics.${index}.higher_is_better`}
              value={m.higher_is_better ? "higher" : "lower"}
              onChange={(e) => onChange({ higher_is_better: e.target.value === "higher" })}
            >
              <option value="higher">{t("metricSets.higherBetter")}</option>
              <option value="lower">{t("metricSets.lowerBetter")}</option>
            </select>
          </Labelled>
          {area("definition_en", t("metricSets.definitionEn"))}
          {area("definition_zh", t("metricSets.definitionZh"))}
          <fieldset className="sm:col-span-2">
            <legend className="mb-1 text-xs font-medium text-slate-600">{t("metricSets.anchorsHeading")}</legend>
            <div className="space-y-1">
              {scalePoints(m).map((p) => (
                <div key={p} className="grid grid-cols-[2rem_1fr_1fr] items-center gap-1.5">
                  <span className="text-right text-sm font-semibold tabular-nums text-slate-500">{p}</span>
                  {anchor(p, "en")}
                  {anchor(p, "zh")}
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <div>
          <p className="mb-1 text-xs font-medium text-slate-600">{t("metricSets.preview")}</p>
          <MetricPreview metric={m} index={index} />
          <p className="mt-1 text-[11px] text-slate-500">
            {m.higher_is_better ? t("metricSets.directionHigher") : t("metricSets.directionLower")} · {t("metricSets.previewHint")}
          </p>
        </div>
      </div>
    </article>
  );
}
