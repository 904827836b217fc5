import { forwardRef } from "react";
import { useTranslation } from "react-i18next";
import { type AdjudicationUnit, meanScore } from "~/domain/adjudication/item";

type Props = {
  unit: AdjudicationUnit;
  focused: boolean;
  score: number | undefined;
  note: string;
  showNote: boolean;
  onScore: (n: number) => void;
  onFocus: () => void;
  onNote: (text: string) => void;
};

const time = (iso: string, lang: string) =>
  new Date(iso).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", { dateStyle: "short", timeStyle: "short" });

/** One disputed unit: the metric, every rating with its annotator, comment and time, and the final score. */
export const UnitCard = forwardRef<HTMLTextAreaElement, Props>(function UnitCard(
  { unit, focused, score, note, showNote, onScore, onFocus, onNote },
  noteRef,
) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh";
  const mean = meanScore(unit.ratings.map((r) => r.score));
  const points = Array.from({ length: unit.max - unit.min + 1 }, (_, i) => unit.min + i);
  return (
    <section
      className={`rounded-lg border bg-white p-3 text-sm ${focused ? "border-brand-500 ring-2 ring-brand-200" : "border-slate-200"}`}
      onClick={onFocus}
      data-testid="adjudication-unit"
      data-unit={unit.unit_id}
      aria-current={focused ? "true" : undefined}
    >
      <header className="flex items-baseline justify-between gap-2">
        <h3 className="font-semibold">{zh ? unit.name_zh : unit.name_en}</h3>
        <span className="text-xs text-slate-500">
          {t("adjudication.range", { range: unit.range })}
          {mean !== null && ` · ${t("adjudication.mean", { mean: mean.toFixed(2) })}`}
        </span>
      </header>
      <p className="mt-0.5 text-xs text-slate-500">{zh ? unit.definition_zh : unit.definition_en}</p>
      <ul className="mt-2 space-y-1" aria-label={t("adjudication.ratings")}>
        {unit.ratings.map((r, i) => (
          <li key={i} className="grid grid-cols-[2rem_1fr] gap-2" data-testid="rating">
            <span className="flex h-7 w-7 items-center justify-center rounded bg-slate-800 font-semibold text-white tabular-nums">
              {r.score}
            </span>
            <div className="min-w-0">
              <p className="truncate text-xs">
                <span className="font-medium text-slate-800">{r.annotator}</span>{" "}
                <span className="text-slate-500">
                  {time(r.created_at, i18n.language)}
                  {r.late && ` · ${t("adjudication.late")}`}
                </span>
              </p>
              {r.comment && <p className="text-xs text-slate-700">{r.comment}</p>}
            </div>
          </li>
        ))}
      </ul>
      {unit.final_score !== null && <p className="mt-1 text-xs text-amber-700">{t("adjudication.current", { score: unit.final_score })}</p>}
      <div className="mt-2 flex items-center gap-1" role="group" aria-label={t("adjudication.finalScore")}>
        <span className="mr-1 text-xs text-slate-500">{t("adjudication.finalScore")}</span>
        {points.map((n) => (
          <button
            key={n}
            type="button"
            onClick={(e) => {
              e.stopPropagation();
              onScore(n);
            }}
            aria-pressed={score === n}
            className={`h-8 w-8 rounded border text-sm font-semibold tabular-nums ${score === n ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white hover:bg-slate-50"}`}
          >
            {n}
          </button>
        ))}
      </div>
      {(showNote || note) && (
        <label className="mt-2 block text-xs text-slate-600">
          {t("adjudication.note")}
          <textarea
            ref={noteRef}
            value={note}
            onChange={(e) => onNote(e.target.value)}
            placeholder={t("adjudication.notePlaceholder")}
            rows={2}
            maxLength={4000}
            className="mt-0.5 w-full rounded border border-slate-300 px-2 py-1 text-sm"
          />
        </label>
      )}
    </section>
  );
});
