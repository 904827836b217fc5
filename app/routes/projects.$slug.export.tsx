// The Export page (managers and admins): choose a kind and filters; the download streams with progress.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { ExportForm } from "~/components/exports/export-form";
import { PreferencesForm } from "~/components/exports/preferences-form";
import { exportPageData } from "~/services/exports/page.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProject(request, params.slug!, "export");
  return { slug: project.slug, pairwise: project.mode === "pairwise", ...(await exportPageData(await getDb(), project.id)) };
}

export default function ExportPage() {
  const { t } = useTranslation();
  const { slug, pairwise, metrics, models, counts, dialogues } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">{t("exports.title")}</h2>
        <p className="text-sm text-slate-600">{t("exports.intro")}</p>
        <p className="mt-1 text-xs text-slate-500" data-testid="export-summary">
          {t("exports.summary", {
            ratings: counts.ratings.toLocaleString(),
            units: counts.units.toLocaleString(),
            scored: counts.scored.toLocaleString(),
          })}
        </p>
      </div>
      {pairwise ? <PreferencesForm slug={slug} /> : <ExportForm slug={slug} metrics={metrics} models={models} dialogues={dialogues} />}
    </div>
  );
}
