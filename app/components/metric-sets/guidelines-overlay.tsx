// The guidelines one key away from the annotation screen: G (or the button) opens them over the task,
// G or Esc closes. While open, keys stop here so digits do not score the task underneath. Loaded from
// the project's Metrics tab on first use: the project's written guidelines, then every metric's definition.
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type GuidelineMetric, Guidelines } from "./guidelines";
import { GuidelinesText, type GuidelinesTextData } from "./guidelines-text";

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.tagName === "TEXTAREA" || el.tagName === "INPUT" || el.tagName === "SELECT" || el.isContentEditable);

export function GuidelinesOverlay({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const fetcher = useFetcher<{ metrics: GuidelineMetric[]; guidelines: GuidelinesTextData | null }>();
  const load = fetcher.load;
  const loaded = fetcher.data !== undefined || fetcher.state !== "idle";
  useEffect(() => {
    if (open && !loaded) load(`/projects/${slug}/metrics`);
  }, [open, loaded, load, slug]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (open) {
        if (e.key === "Escape" || e.key.toLowerCase() === "g") setOpen(false);
        e.stopImmediatePropagation();
        return;
      }
      if (e.key.toLowerCase() !== "g" || e.ctrlKey || e.metaKey || e.altKey || e.isComposing || typing(e.target)) return;
      if (document.querySelector("[role=dialog]")) return; // another dialog has the keys
      e.preventDefault();
      e.stopImmediatePropagation();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey, true); // capture: before the workspace's own keys
    return () => window.removeEventListener("keydown", onKey, true);
  }, [open]);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="fixed bottom-3 left-3 z-30 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs shadow-sm hover:border-brand-500"
        data-testid="open-guidelines"
      >
        {t("metricSets.guidelines")} <kbd className="text-slate-400">{t("metricSets.guidelinesKey")}</kbd>
      </button>
      {open && (
        <div className="fixed inset-0 z-40 flex items-start justify-center bg-slate-900/40 p-6" onClick={() => setOpen(false)}>
          <div
            role="dialog"
            aria-modal="true"
            aria-label={t("metricSets.guidelinesTitle")}
            className="max-h-full w-full max-w-4xl overflow-y-auto rounded-lg bg-slate-50 p-5 shadow-xl"
            onClick={(e) => e.stopPropagation()}
            data-testid="guidelines-overlay"
          >
            <div className="mb-3 flex items-baseline justify-between">
              <h2 className="text-lg font-semibold">{t("metricSets.guidelinesTitle")}</h2>
              <button type="button" className="rounded border border-slate-300 px-2 py-0.5 text-xs" onClick={() => setOpen(false)}>
                {t("metricSets.close")} <kbd className="text-slate-400">Esc</kbd>
              </button>
            </div>
            {fetcher.data ? (
              <>
                {fetcher.data.guidelines && (
                  <section className="mb-5 rounded-lg border border-slate-200 bg-white p-4">
                    <GuidelinesText guidelines={fetcher.data.guidelines} />
                  </section>
                )}
                <h3 className="mb-1 text-sm font-semibold">{t("metricSets.textMetricsHeading")}</h3>
                <p className="mb-4 text-sm text-slate-600">{t("metricSets.guidelinesIntro")}</p>
                <Guidelines metrics={fetcher.data.metrics} compact />
              </>
            ) : (
              <p className="text-sm text-slate-500">…</p>
            )}
          </div>
        </div>
      )}
    </>
  );
}
