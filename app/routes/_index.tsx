import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { listProjectsForUser } from "~/services/projects.server";
import { requireUser } from "~/auth/session.server";

export const meta: MetaFunction = () => [{ title: "Rolecall" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const rows = await listProjectsForUser(await getDb(), user.id, user.isAdmin);
  return {
    isAdmin: user.isAdmin,
    projects: rows.map((r) => ({
      slug: r.project.slug,
      name: r.project.name,
      description: r.project.description,
      role: r.role,
      metricSet: r.project.metricSetKey,
    })),
  };
}

export default function Home() {
  const { t } = useTranslation();
  const { projects, isAdmin } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <div className="mb-6 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{t("home.title")}</h1>
        {isAdmin && (
          <Link to="/projects/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
            {t("home.newProject")}
          </Link>
        )}
      </div>
      {projects.length === 0 ? (
        <p className="text-slate-600">{isAdmin ? t("home.emptyAdmin") : t("home.empty")}</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {projects.map((p) => (
            <li key={p.slug}>
              <Link
                to={`/projects/${p.slug}`}
                className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500"
              >
                <div className="flex items-center justify-between">
                  <span className="font-semibold">{p.name}</span>
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                    {p.role ? t(`role.${p.role}`) : t("nav.admin")}
                  </span>
                </div>
                <p className="mt-1 text-xs text-slate-500">
                  {p.slug} · {p.metricSet}
                </p>
                {p.description && <p className="mt-2 line-clamp-2 text-sm text-slate-600">{p.description}</p>}
              </Link>
              {p.role === "annotator" && (
                <Link
                  to={`/projects/${p.slug}/annotate`}
                  className="mt-1 inline-block text-sm font-medium text-brand-600"
                  data-testid={`annotate-${p.slug}`}
                >
                  {t("project.tabs.annotate")} →
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
