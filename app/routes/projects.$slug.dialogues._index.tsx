import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { Utterance } from "~/components/dialogue";
import { Button, Input, Select } from "~/components/ui";
import { intParam } from "~/lib/form";
import { listDialogues, listCharacters } from "~/services/dialogues.server";
import { listProjectMetrics } from "~/services/projects.server";

const PAGE_SIZE = 25;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProject(request, params.slug!, "viewReports");
  const url = new URL(request.url);
  const page = intParam(url.searchParams.get("page"), "page", { min: 1, max: 100000 }) ?? 1;
  const characterId = intParam(url.searchParams.get("character"), "character");
  const db = await getDb();
  const metricKeys = (await listProjectMetrics(db, project.id)).map((m) => m.key);
  const metricParam = url.searchParams.get("metric");
  const metric = metricParam && metricKeys.includes(metricParam) ? metricParam : null;
  const q = url.searchParams.get("q")?.trim().slice(0, 200) || null;
  const { rows, total } = await listDialogues(db, project.id, { characterId, metric, q, page, pageSize: PAGE_SIZE });
  return {
    rows,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    characters: await listCharacters(db, project.id),
    metricKeys,
  };
}

export default function Dialogues() {
  const { t } = useTranslation();
  const { rows, total, page, pages, characters, metricKeys } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  return (
    <div className="space-y-4">
      <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
        <div className="w-48">
          <Select name="character" defaultValue={params.get("character") ?? ""} aria-label={t("imports.browse.character")}>
            <option value="">{t("imports.browse.allCharacters")}</option>
            {characters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.dialogues})
              </option>
            ))}
          </Select>
        </div>
        <div className="w-48">
          <Select name="metric" defaultValue={params.get("metric") ?? ""} aria-label={t("imports.browse.metric")}>
            <option value="">{t("imports.browse.allMetrics")}</option>
            {metricKeys.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </Select>
        </div>
        <div className="w-64">
          <Input
            name="q"
            defaultValue={params.get("q") ?? ""}
            placeholder={t("imports.browse.search")}
            aria-label={t("imports.browse.search")}
          />
        </div>
        <Button type="submit" variant="secondary">
          {t("imports.browse.filter")}
        </Button>
        <span className="ml-auto text-sm text-slate-500" data-testid="dialogue-total">
          {t("imports.browse.total", { count: total })}
        </span>
      </Form>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {rows.map((d) => (
          <li key={d.id}>
            <Link to={encodeURIComponent(d.external_id)} className="block px-4 py-2.5 hover:bg-slate-50">
              <div className="flex items-center gap-2 text-sm">
                <span className="font-mono text-xs text-slate-500">#{d.external_id}</span>
                <span className="font-medium">{d.character}</span>
                <span className="text-xs text-slate-500">《{d.novel_name}》</span>
                <span className="ml-auto flex gap-1">
                  {(d.metrics ?? []).map((m) => (
                    <span key={m} className="rounded bg-brand-50 px-1.5 text-[11px] text-brand-700">
                      {m}
                    </span>
                  ))}
                  <span className="text-xs text-slate-500">· {t("imports.browse.responses", { count: d.responses })}</span>
                </span>
              </div>
              <p className="mt-1 line-clamp-2 text-xs text-slate-600">
                <Utterance text={d.context} />
              </p>
            </Link>
          </li>
        ))}
        {rows.length === 0 && <li className="px-4 py-6 text-sm text-slate-500">{t("imports.browse.none")}</li>}
      </ul>
      <nav className="flex items-center justify-center gap-3 text-sm" aria-label="pagination">
        {page > 1 && <Link to={pageLink(page - 1)}>← {t("imports.browse.prev")}</Link>}
        <span className="text-slate-500">
          {page} / {pages}
        </span>
        {page < pages && <Link to={pageLink(page + 1)}>{t("imports.browse.next")} →</Link>}
      </nav>
    </div>
  );
}
