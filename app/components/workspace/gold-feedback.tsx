// The reference scores of a gold task, shown for a moment after submitting when the project trains its
// annotators (gold_feedback on); the next task follows on its own, or at once with Enter or the button.
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** One entry of the submit API's `feedback` (app/services/quality/after-submit.server.ts). */
export type GoldFeedbackEntry = { unit_id: number; metric: string; score: number; reference: number; tolerance: number; correct: boolean };

export const FEEDBACK_MS = 6000;

export function GoldFeedbackPanel({
  entries,
  metricName,
  onNext,
}: {
  entries: GoldFeedbackEntry[];
  metricName: (entry: GoldFeedbackEntry) => string;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = setTimeout(onNext, FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [onNext]);
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-slate-900/30" role="presentation">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="gold-feedback-title"
        className="w-[28rem] rounded-lg bg-white p-4 shadow-xl"
        data-testid="gold-feedback"
      >
        <h2 id="gold-feedback-title" className="mb-2 text-sm font-semibold text-slate-900">
          {t("quality.goldFeedback.title")}
        </h2>
        <ul className="space-y-1.5 text-sm">
          {entries.map((e) => (
            <li key={e.unit_id} className={`rounded px-2 py-1 ${e.correct ? "bg-green-50 text-green-900" : "bg-amber-50 text-amber-900"}`}>
              {t("quality.goldFeedback.line", { metric: metricName(e), reference: e.reference, score: e.score })}
              <span className="ml-1 text-xs opacity-75">
                ({e.correct ? t("quality.goldFeedback.within") : t("quality.goldFeedback.outside", { tolerance: e.tolerance })})
              </span>
            </li>
          ))}
        </ul>
        <button
          type="button"
          autoFocus
          onClick={onNext}
          className="mt-3 h-9 w-full rounded-md bg-brand-600 text-sm font-semibold text-white hover:bg-brand-700"
          data-testid="feedback-next"
        >
          {t("quality.goldFeedback.next")} <kbd className="ml-1 text-xs opacity-75">Enter</kbd>
        </button>
      </div>
    </div>
  );
}
