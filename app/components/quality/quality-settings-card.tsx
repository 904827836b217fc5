// Gold and quality settings on the queue page (issue 20, product.md §9), saved through the one
// project-settings update (app/services/project-settings.server.ts) with the intent "quality".
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Card, Field, Input, Select } from "~/components/ui";

export type QualitySettings = {
  goldRate: number;
  goldTolerance: number;
  goldFeedback: boolean;
  qualificationUnits: number;
  qualificationMinAccuracy: number;
  pauseBelowAccuracy: number | null;
};

export function QualitySettingsCard({ s }: { s: QualitySettings }) {
  const { t } = useTranslation();
  return (
    <Card title={t("quality.settings.title")}>
      <Form method="post" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="quality-settings">
        <input type="hidden" name="intent" value="quality" />
        <Field label={t("quality.settings.goldRate")} hint={t("quality.settings.goldRateHint")}>
          <Input name="goldRate" type="number" min={0} max={1} step={0.01} defaultValue={s.goldRate} />
        </Field>
        <Field label={t("quality.settings.goldTolerance")}>
          <Input name="goldTolerance" type="number" min={0} max={100} defaultValue={s.goldTolerance} />
        </Field>
        <Field label={t("quality.settings.feedback")}>
          <Select name="goldFeedback" defaultValue={s.goldFeedback ? "show" : "silent"}>
            <option value="silent">{t("quality.settings.feedbackSilent")}</option>
            <option value="show">{t("quality.settings.feedbackShow")}</option>
          </Select>
        </Field>
        <Field label={t("quality.settings.qualificationUnits")} hint={t("quality.settings.qualificationUnitsHint")}>
          <Input name="qualificationUnits" type="number" min={0} max={1000} defaultValue={s.qualificationUnits} />
        </Field>
        <Field label={t("quality.settings.qualificationMin")}>
          <Input name="qualificationMinAccuracy" type="number" min={0} max={1} step={0.05} defaultValue={s.qualificationMinAccuracy} />
        </Field>
        <Field label={t("quality.settings.pauseBelow")} hint={t("quality.settings.pauseBelowHint")}>
          <Input name="pauseBelowAccuracy" type="number" min={0} max={1} step={0.05} defaultValue={s.pauseBelowAccuracy ?? ""} />
        </Field>
        <div className="sm:col-span-2 lg:col-span-3">
          <Button type="submit">{t("quality.settings.save")}</Button>
        </div>
      </Form>
    </Card>
  );
}

/** The form's fields as the settings service takes them (numbers it checks itself; empty pause = off). */
export function qualitySettingsFrom(form: FormData) {
  const num = (name: string) => {
    const v = String(form.get(name) ?? "").trim();
    return v === "" ? undefined : Number(v);
  };
  const pause = String(form.get("pauseBelowAccuracy") ?? "").trim();
  return {
    goldRate: num("goldRate"),
    goldTolerance: num("goldTolerance"),
    goldFeedback: form.get("goldFeedback") === "show",
    qualificationUnits: num("qualificationUnits"),
    qualificationMinAccuracy: num("qualificationMinAccuracy"),
    pauseBelowAccuracy: pause === "" ? null : Number(pause),
  };
}
