import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { CoverageChart } from "~/components/imports/coverage-chart";
import { ImportForm } from "~/components/imports/import-form";
import { Card } from "~/components/ui";
import { loadEnv } from "~/lib/env.server";
import { metricCoverage } from "~/services/import.server";
import { listProjectMetrics } from "~/services/projects.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProject(request, params.slug!, "manage");
  const db = await getDb();
  const names = new Map((await listProjectMetrics(db, project.id)).map((m) => [m.key, { nameEn: m.nameEn, nameZh: m.nameZh }]));
  return {
    coverage: (await metricCoverage(db, project.id)).map((c) => ({ ...c, ...(names.get(c.key) ?? { nameEn: c.key, nameZh: c.key }) })),
    limitMb: Math.round(loadEnv().uploadLimitBytes / 1048576),
    slug: project.slug,
  };
}

export default function ImportPage() {
  const { t } = useTranslation();
  const { coverage, limitMb, slug } = useLoaderData<typeof loader>();
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <ImportForm action={`/projects/${slug}/import/run`} limitMb={limitMb} />
      <Card title={t("imports.coverage.title")}>
        <p className="mb-2 text-xs text-slate-500">{t("imports.coverage.hint")}</p>
        <CoverageChart rows={coverage.map((c) => ({ ...c, dialogues: Number(c.dialogues), units: Number(c.units) }))} />
      </Card>
    </div>
  );
}
