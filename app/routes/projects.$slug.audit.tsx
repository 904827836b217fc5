import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { Card } from "~/components/ui";
import { auditActors, auditKinds, listAudit } from "~/services/audit.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProject(request, params.slug!, "manage");
  const q = new URL(request.url).searchParams;
  const kind = q.get("kind") || null;
  const actor = q.get("actor") || null;
  const db = await getDb();
  return {
    filter: { kind, actor },
    kinds: auditKinds,
    actors: await auditActors(db, project.id),
    entries: await listAudit(db, project.id, { kind, actor, limit: 500 }),
  };
}

/** Who did what and when in the project, newest first, filtered by kind and person. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const { filter, kinds, actors, entries } = useLoaderData<typeof loader>();
  const kindName = (k: string) => (t("adjudication.kinds", { returnObjects: true }) as Record<string, string>)[k] ?? k;
  return (
    <Card title={t("adjudication.auditTitle")}>
      <Form method="get" className="mb-3 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col text-xs text-slate-600">
          {t("adjudication.kind")}
          <select name="kind" defaultValue={filter.kind ?? ""} className="rounded border border-slate-300 px-2 py-1 text-sm">
            <option value="">{t("adjudication.anyKind")}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindName(k)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          {t("adjudication.person")}
          <select name="actor" defaultValue={filter.actor ?? ""} className="rounded border border-slate-300 px-2 py-1 text-sm">
            <option value="">{t("adjudication.anyPerson")}</option>
            {actors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <button className="rounded bg-brand-600 px-3 py-1 text-white">{t("adjudication.filter")}</button>
      </Form>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">{t("adjudication.noEntries")}</p>
      ) : (
        <table className="w-full text-sm" data-testid="audit">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-1">{t("adjudication.created")}</th>
              <th>{t("adjudication.kind")}</th>
              <th>{t("adjudication.person")}</th>
              <th>{t("adjudication.detail")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className="border-t border-slate-100 align-top">
                <td className="whitespace-nowrap py-1 pr-3 text-xs text-slate-500">
                  {new Date(e.created_at).toLocaleString(i18n.language === "zh" ? "zh-CN" : "en-GB")}
                </td>
                <td className="pr-3">{kindName(e.kind)}</td>
                <td className="pr-3 text-xs">{e.actor ?? "—"}</td>
                <td className="break-all font-mono text-xs text-slate-700">{JSON.stringify(e.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
