import { forwardRef } from "react";
import { useTranslation } from "react-i18next";
import type { WorkspaceMetric } from "~/domain/workspace/task";

type Props = {
  metric: WorkspaceMetric;
  index: number;
  focused: boolean;
  score: number | undefined;
  comment: string;
  showAnchors: boolean;
  showComment: boolean;
  onScore: (score: number) => void;
  onFocus: () => void;
  onComment: (text: string) => void;
};

// the better end of the scale is green: the top for most metrics, the bottom where lower is better
const GOOD = "bg-green-50 text-green-900";
const BAD = "bg-red-50 text-red-900";

/** One metric: its scale as buttons (digit keys act on the focused one), definition, anchors, comment. */
export const MetricControl = forwardRef<HTMLTextAreaElement, Props>(function MetricControl(p, commentRef) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh";
  const m = p.metric;
  const points = Array.from({ length: m.max - m.min + 1 }, (_, i) => m.min + i);
  return (
    <section
      className={`rounded-lg border p-2.5 transition ${p.focused ? "border-brand-500 bg-white shadow-sm ring-2 ring-brand-100" : "border-slate-200 bg-white/70"}`}
      onClick={p.onFocus}
      onFocus={p.onFocus}
      data-testid={`metric-${m.key}`}
      aria-current={p.focused}
    >
      <header className="flex items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold">
          <span className="mr-1 text-xs text-slate-400">{p.index + 1}.</span>
          {zh ? m.name_zh : m.name_en} <span className="text-xs font-normal text-slate-500">{zh ? m.key : m.name_zh}</span>
        </h3>
        <span className="flex items-baseline gap-2">
          {!m.higher_is_better && (
            <span className="rounded bg-amber-100 px-1 text-[11px] text-amber-900" data-testid="direction">
              {t("workspace.lowerIsBetter")}
            </span>
          )}
          {p.score !== undefined && <span className="text-xs text-green-700">✓ {p.score}</span>}
        </span>
      </header>
      <p className="mt-1 line-clamp-2 text-xs text-slate-600" title={zh ? m.definition_zh : m.definition_en}>
        {zh ? m.definition_zh : m.definition_en}
      </p>
      <div className="mt-2 flex gap-1" role="radiogroup" aria-label={zh ? m.name_zh : m.name_en}>
        {points.map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={p.score === n}
            onClick={(e) => {
              e.stopPropagation();
              p.onScore(n);
            }}
            className={`h-9 flex-1 rounded-md border text-sm font-semibold tabular-nums ${p.score === n ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white hover:border-brand-500"}`}
          >
            {n}
          </button>
        ))}
      </div>
      {p.showAnchors && (
        <dl className="mt-2 grid gap-1 text-[11px]" data-testid="anchors">
          <div className={`rounded p-1.5 ${m.higher_is_better ? BAD : GOOD}`}>
            <dt className="font-medium">{t("workspace.anchorLow", { score: m.min })}</dt>
            <dd>{zh ? m.anchor_low_zh : m.anchor_low_en}</dd>
          </div>
          <div className={`rounded p-1.5 ${m.higher_is_better ? GOOD : BAD}`}>
            <dt className="font-medium">{t("workspace.anchorHigh", { score: m.max })}</dt>
            <dd>{zh ? m.anchor_high_zh : m.anchor_high_en}</dd>
          </div>
        </dl>
      )}
      {(p.showComment || p.comment) && (
        <textarea
          ref={commentRef}
          value={p.comment}
          onChange={(e) => p.onComment(e.target.value)}
          placeholder={t("workspace.commentPlaceholder")}
          aria-label={t("workspace.comment")}
          rows={2}
          maxLength={5000}
          className="mt-2 w-full rounded border border-slate-300 p-1.5 text-xs"
        />
      )}
    </section>
  );
});
