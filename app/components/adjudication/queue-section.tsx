import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Card } from "~/components/ui";

type Props = {
  disagreementRange: number;
  perMetric: { metric: string; open: number; resolved: number }[];
  skips: { dialogue_id: string; skips: number; people: number; reasons: string[] }[];
  slug: string;
};

/** The queue page's part for issue 19: the disagreement setting, open units per metric, and skip reasons
 *  per dialogue with the dialogues skipped by two or more people marked to check. */
export function DisagreementSection({ disagreementRange, perMetric, skips, slug }: Props) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title={t("adjudication.queueTitle")}>
        <Form method="post" className="mb-3 flex items-end gap-2">
          <input type="hidden" name="intent" value="disagreement" />
          <label className="flex flex-col text-xs text-slate-600">
            {t("adjudication.setting")}
            <input
              name="disagreementRange"
              type="number"
              min={0}
              max={100}
              defaultValue={disagreementRange}
              className="w-24 rounded border border-slate-300 px-2 py-1 text-sm"
            />
          </label>
          <button className="rounded bg-brand-600 px-3 py-1 text-sm text-white">{t("adjudication.save")}</button>
        </Form>
        <p className="mb-3 text-xs text-slate-500">{t("adjudication.settingHint")}</p>
        {perMetric.length === 0 ? (
          <p className="text-sm text-slate-500">{t("adjudication.none")}</p>
        ) : (
          <table className="w-full text-sm" data-testid="disagreements-per-metric">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th>{t("adjudication.metric")}</th>
                <th className="text-right">{t("adjudication.open")}</th>
                <th className="text-right">{t("adjudication.resolved")}</th>
              </tr>
            </thead>
            <tbody>
              {perMetric.map((m) => (
                <tr key={m.metric} className="border-t border-slate-100">
                  <td className="py-1">{m.metric}</td>
                  <td className="text-right tabular-nums">{m.open}</td>
                  <td className="text-right tabular-nums text-slate-500">{m.resolved}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title={t("adjudication.skipsTitle")}>
        {skips.length === 0 ? (
          <p className="text-sm text-slate-500">{t("adjudication.noSkips")}</p>
        ) : (
          <table className="w-full text-sm" data-testid="skips-per-dialogue">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th>{t("adjudication.dialogue")}</th>
                <th className="text-right">{t("adjudication.skips")}</th>
                <th className="text-right">{t("adjudication.people")}</th>
                <th className="pl-3">{t("adjudication.reasons")}</th>
              </tr>
            </thead>
            <tbody>
              {skips.map((s) => (
                <tr key={s.dialogue_id} className="border-t border-slate-100 align-top">
                  <td className="py-1">
                    <a href={`/projects/${slug}/dialogues/${encodeURIComponent(s.dialogue_id)}`} className="text-brand-600 hover:underline">
                      {s.dialogue_id}
                    </a>
                    {s.people >= 2 && (
                      <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800" data-testid="check-dialogue">
                        {t("adjudication.checkDialogue")}
                      </span>
                    )}
                  </td>
                  <td className="text-right tabular-nums">{s.skips}</td>
                  <td className="text-right tabular-nums">{s.people}</td>
                  <td className="pl-3 text-xs text-slate-600">{s.reasons.join(" · ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
