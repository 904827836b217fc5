// Agreement between annotators on the same pair (Fleiss κ over a / tie / b, majority share) and positional
// bias (the share of left choices with its Wilson interval, and the share of ties) for one scope.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { count, num } from "~/domain/reports/format";
import { Card } from "../ui";
import type { AgreementFigures, BiasFigures } from "./types";

const percent = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(100 * x).toFixed(1)}%`);

function Figure({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: string; testId?: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {hint && <p className="text-[11px] text-slate-500">{hint}</p>}
    </div>
  );
}

export function AgreementCard({ figures }: { figures: AgreementFigures }) {
  const { t } = useTranslation();
  return (
    <Card title={t("pairwiseReport.agreement.title")}>
      <dl className="grid grid-cols-2 gap-4">
        <Figure label={t("pairwiseReport.agreement.units")} value={count(figures.units)} />
        <Figure label={t("pairwiseReport.agreement.judgments")} value={count(figures.judgments)} />
        <Figure
          label={t("pairwiseReport.agreement.kappa")}
          value={num(figures.fleiss_kappa)}
          hint={t("pairwiseReport.agreement.kappaHint")}
          testId="pairwise-kappa"
        />
        <Figure
          label={t("pairwiseReport.agreement.majority")}
          value={percent(figures.majority_share)}
          hint={t("pairwiseReport.agreement.majorityHint")}
          testId="pairwise-majority"
        />
      </dl>
    </Card>
  );
}

export function BiasCard({ figures }: { figures: BiasFigures }) {
  const { t } = useTranslation();
  const ci = figures.left_ci95;
  return (
    <Card title={t("pairwiseReport.bias.title")}>
      <dl className="grid grid-cols-2 gap-4">
        <Figure
          label={t("pairwiseReport.bias.leftShare")}
          value={percent(figures.left_share)}
          hint={t("pairwiseReport.bias.leftHint")}
          testId="pairwise-left-share"
        />
        <Figure label={t("pairwiseReport.bias.ci95")} value={ci ? `${percent(ci[0])} – ${percent(ci[1])}` : "—"} />
        <Figure label={t("pairwiseReport.bias.tieShare")} value={percent(figures.tie_share)} testId="pairwise-tie-share" />
        <Figure
          label={t("pairwiseReport.bias.judgments")}
          value={count(figures.judgments)}
          hint={t("pairwiseReport.bias.counts", { left: figures.left, right: figures.right, ties: figures.ties })}
        />
      </dl>
    </Card>
  );
}
