// Parts of the project overview: how far the annotation is, and the first steps of a new project.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Card } from "~/components/ui";

type Completion = { units: number; done: number; k: number; percent: number | null };

export function CompletionBar({ completion, ratings }: { completion: Completion; ratings: number }) {
  const { t } = useTranslation();
  const c = completion;
  if (c.percent === null) return <p className="text-sm text-slate-500">{t("overview.noUnits")}</p>;
  return (
    <div data-testid="completion">
      <div className="flex items-baseline justify-between">
        <span className="text-lg font-semibold">{t("overview.complete", { percent: c.percent })}</span>
        <span className="text-xs text-slate-500">{t("overview.completeDetail", { done: c.done, units: c.units, k: c.k, ratings })}</span>
      </div>
      <div
        className="mt-1 h-2.5 overflow-hidden rounded bg-slate-100"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={c.percent}
        aria-label={t("overview.complete", { percent: c.percent })}
      >
        <div className="h-full bg-green-500" style={{ width: `${c.percent}%` }} />
      </div>
    </div>
  );
}

type Step = { key: "stepImport" | "stepInvite" | "stepStart"; done: boolean; to: string };

/** Import, invite, start: what a manager does next, each step ticked once it has happened. */
export function NextSteps({ slug, imported, invited, started }: { slug: string; imported: boolean; invited: boolean; started: boolean }) {
  const { t } = useTranslation();
  const steps: Step[] = [
    { key: "stepImport", done: imported, to: `/projects/${slug}/import` },
    { key: "stepInvite", done: invited, to: `/projects/${slug}/members` },
    { key: "stepStart", done: started, to: `/projects/${slug}/queue` },
  ];
  return (
    <Card title={t("overview.checklist")}>
      <p className="mb-2 text-xs text-slate-500">{t("overview.checklistHint")}</p>
      <ol className="space-y-2" data-testid="next-steps">
        {steps.map((s, i) => (
          <li key={s.key} className="flex items-center gap-3 text-sm" data-done={s.done}>
            <span
              className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${s.done ? "bg-green-100 text-green-800" : "bg-brand-50 text-brand-700"}`}
              aria-hidden
            >
              {s.done ? "✓" : i + 1}
            </span>
            <span className={s.done ? "text-slate-500 line-through" : ""}>{t(`overview.${s.key}`)}</span>
            {s.done ? (
              <span className="sr-only">{t("overview.done")}</span>
            ) : (
              <Link to={s.to} className="ml-auto rounded border border-brand-500 px-2 py-0.5 text-xs text-brand-700 hover:bg-brand-50">
                {t("overview.open")}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}
