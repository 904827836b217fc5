import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Card } from "~/components/ui";

/** A pairwise project's Export page: its choices as TRL preference records (docs/formats.md,
 *  "preferences"), by majority or one per annotator, with ties if wanted; a plain GET download. */
export function PreferencesForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  return (
    <Card title={t("pairwiseData.export.title")}>
      <p className="mb-3 text-sm text-slate-600">{t("pairwiseData.export.intro")}</p>
      <Form
        method="get"
        action={`/projects/${slug}/export/preferences`}
        reloadDocument
        className="space-y-2"
        data-testid="preferences-form"
      >
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="ties" value="true" /> {t("pairwiseData.export.ties")}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="per-annotator" value="true" /> {t("pairwiseData.export.perAnnotator")}
        </label>
        <Button type="submit">{t("pairwiseData.export.download")}</Button>
      </Form>
    </Card>
  );
}
