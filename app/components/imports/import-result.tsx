import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "~/components/ui";
import type { Problem, ProblemLocation } from "~/domain/import/problems";
import type { Messages } from "~/i18n/messages";
import { useProblemText } from "./problem-text";

export type ImportOutcome = {
  ok: boolean;
  error?: string;
  errors?: (ProblemLocation & { message: string; problem?: Problem })[];
  truncated?: boolean;
  summary?: {
    dry_run: boolean;
    added: Record<"characters" | "dialogues" | "subset_metrics" | "responses" | "units", number>;
    skipped: { model: string; null: number; error: number }[];
    planned_subsets: boolean;
    dialogues: number;
    responses: number;
    units: number;
  };
};

/** The validation summary (before committing), the result (after), or the list of problems. */
export function ImportResult({ outcome, intent }: { outcome: ImportOutcome; intent: string }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const problems = useProblemText();
  const wrote = outcome.ok && outcome.summary?.dry_run === false;
  // the upload went around Remix (XHR, for its progress bar): reload the page's data so what the import
  // changed (coverage per metric) shows without a reload
  useEffect(() => {
    if (wrote) revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per finished import, not per revalidator state
  }, [wrote, outcome]);
  if (!outcome.ok) {
    return (
      <div className="mt-4 space-y-2" data-testid="import-errors">
        <Alert>{t("imports.refused", { count: outcome.errors?.length ?? 0 })}</Alert>
        <ul className="max-h-64 overflow-auto rounded border border-red-100 bg-white p-2 font-mono text-xs text-red-800">
          {(outcome.errors ?? []).map((e, i) => (
            <li key={i}>{e.problem ? problems.located(e, e.problem) : e.message}</li>
          ))}
          {outcome.truncated && <li>…</li>}
        </ul>
      </div>
    );
  }
  const s = outcome.summary!;
  const rows: [keyof Messages["stats"], number][] = [
    ["dialogues", s.added.dialogues],
    ["characters", s.added.characters],
    ["responses", s.added.responses],
    ["subset_metrics", s.added.subset_metrics],
  ];
  if (!s.dry_run) rows.push(["units", s.added.units]);
  return (
    <div className="mt-4 space-y-2" data-testid={s.dry_run ? "import-check" : "import-done"}>
      <Alert tone="success">{s.dry_run ? t("imports.checked") : t("imports.done")}</Alert>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        {rows.map(([k, v]) => (
          <div key={k} className="rounded border border-slate-200 p-2">
            <dt className="text-xs text-slate-500">{t(`stats.${k}`)}</dt>
            <dd className="text-lg font-semibold tabular-nums">+{v.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      {s.skipped
        .filter((k) => k.null + k.error > 0)
        .map((k) => (
          <p key={k.model} className="text-xs text-slate-600">
            {t("imports.skipped", { model: k.model, nulls: k.null, errors: k.error })}
          </p>
        ))}
      {s.planned_subsets && <p className="text-xs text-slate-600">{t("imports.planned")}</p>}
      {!s.dry_run && intent === "import" && (
        <a href="dialogues" className="text-sm text-brand-600 underline">
          {t("imports.browseLink", { count: s.dialogues })}
        </a>
      )}
    </div>
  );
}
