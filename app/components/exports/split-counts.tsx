import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { parseSplitRatios, splitOfDialogue, type Split, type SplitBy } from "~/domain/export/split";

/** How many dialogues each split gets with the ratios, split-by and seed as chosen: the same function
 *  the export uses, so a small project sees a lopsided split before downloading it. */
export function SplitCounts({
  dialogues,
  ratios,
  by,
  seed,
}: {
  dialogues: { id: string; role: string }[];
  ratios: string;
  by: SplitBy;
  seed: string;
}) {
  const { t } = useTranslation();
  const counts = useMemo(() => {
    let parsed;
    try {
      parsed = ratios.trim() ? parseSplitRatios(ratios) : undefined;
    } catch {
      return null;
    }
    const n: Record<Split, number> = { train: 0, dev: 0, test: 0 };
    for (const d of dialogues) n[splitOfDialogue(d, { by, seed: seed || undefined, ratios: parsed })]++;
    return n;
  }, [dialogues, ratios, by, seed]);
  return (
    <p className="text-xs text-slate-600 sm:col-span-2" data-testid="split-counts" aria-live="polite">
      {counts ? t("exports.splitCounts", counts) : <span className="text-red-600">{t("errors.splitRatios")}</span>}
    </p>
  );
}
