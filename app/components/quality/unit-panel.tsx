// A response's units on the dialogue page: every rating and comment, the adjudicated score, and for
// managers the gold reference to set, change or remove (or an adjudicated score to promote).
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IntentButton } from "~/components/intent-button";
import type { UnitDetail } from "~/domain/quality/unit-detail";

const small = "rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50";

function GoldForm({ unit, defaultTolerance }: { unit: UnitDetail; defaultTolerance: number }) {
  const { t } = useTranslation();
  const scores = Array.from({ length: unit.max - unit.min + 1 }, (_, i) => unit.min + i);
  return (
    <div className="flex flex-wrap items-end gap-2">
      <Form method="post" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="intent" value="mark-gold" />
        <input type="hidden" name="unit" value={unit.unit_id} />
        <label className="text-xs text-slate-600">
          {t("quality.gold.reference")}
          <select
            name="score"
            defaultValue={unit.gold?.score ?? unit.adjudicated ?? ""}
            required
            className="ml-1 rounded border border-slate-300 px-1 py-0.5 text-xs"
          >
            <option value="" disabled>
              —
            </option>
            {scores.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600" title={t("quality.gold.toleranceHint", { value: defaultTolerance })}>
          {t("quality.gold.tolerance")}
          <input
            name="tolerance"
            type="number"
            min={0}
            max={100}
            defaultValue={unit.gold?.tolerance ?? ""}
            placeholder={String(defaultTolerance)}
            className="ml-1 w-14 rounded border border-slate-300 px-1 py-0.5 text-xs"
          />
        </label>
        <button className={small}>{unit.gold ? t("quality.gold.update") : t("quality.gold.mark")}</button>
      </Form>
      {unit.gold && (
        <IntentButton intent="unmark-gold" fields={{ unit: unit.unit_id }} className={small}>
          {t("quality.gold.unmark")}
        </IntentButton>
      )}
      {!unit.gold && unit.adjudicated !== null && (
        <IntentButton intent="promote-gold" fields={{ unit: unit.unit_id }} className={small}>
          {t("quality.gold.promote")}
        </IntentButton>
      )}
    </div>
  );
}

export function UnitPanel({ units, canManage, defaultTolerance }: { units: UnitDetail[]; canManage: boolean; defaultTolerance: number }) {
  const { t } = useTranslation();
  return (
    <div className="mt-2 space-y-2 border-t border-slate-100 pt-2" data-testid="unit-panel">
      {units.map((u) => (
        <div key={u.unit_id} className="text-xs" data-unit={u.unit_id}>
          <p className="mb-1 flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-700">{u.metric}</span>
            {u.gold && (
              <span className="rounded bg-amber-100 px-1.5 text-amber-800">
                {t("quality.gold.isGold", { score: u.gold.score, tolerance: u.gold.tolerance ?? defaultTolerance })}
              </span>
            )}
            {u.adjudicated !== null && (
              <span className="text-slate-500">{t("quality.unitRatings.adjudicated", { score: u.adjudicated })}</span>
            )}
          </p>
          {u.ratings.length === 0 ? (
            <p className="text-slate-400">{t("quality.unitRatings.none")}</p>
          ) : (
            <ul className="mb-1 space-y-0.5">
              {u.ratings.map((r) => (
                <li key={r.annotator} className="flex gap-2">
                  <span className="w-6 text-right font-medium tabular-nums">{r.score}</span>
                  <span className="text-slate-500">{r.annotator}</span>
                  {r.late && <span className="text-amber-700">{t("quality.unitRatings.late")}</span>}
                  {r.comment && <span className="text-slate-700">“{r.comment}”</span>}
                </li>
              ))}
            </ul>
          )}
          {canManage && <GoldForm unit={u} defaultTolerance={defaultTolerance} />}
        </div>
      ))}
    </div>
  );
}
