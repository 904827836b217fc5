import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/capabilities";
import { requireProject } from "~/auth/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.project.name} · Rolecall` : "Rolecall" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requireProject(request, params.slug!);
  return {
    project: { slug: project.slug, name: project.name, description: project.description },
    role,
    nav: {
      annotate: role === "annotator",
      adjudicate: role === "adjudicator",
      manage: can(role, user.isAdmin, "manage"),
      reports: can(role, user.isAdmin, "viewReports"),
    },
  };
}

export default function ProjectLayout() {
  const { t } = useTranslation();
  const { project, role, nav } = useLoaderData<typeof loader>();
  const tab = ({ isActive }: { isActive: boolean }) =>
    `border-b-2 px-1 pb-2 text-sm ${isActive ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`;
  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <div className="mb-4 flex items-start justify-between">
        <div>
          <h1 className="text-xl font-semibold">{project.name}</h1>
          <p className="text-xs text-slate-500">
            {project.slug}
            {role && ` · ${t(`role.${role}`)}`}
          </p>
        </div>
        {nav.annotate && (
          <Link
            to={`/projects/${project.slug}/annotate`}
            className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
          >
            {t("project.tabs.annotate")}
          </Link>
        )}
        {nav.adjudicate && (
          <Link
            to={`/projects/${project.slug}/adjudicate`}
            className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
          >
            {t("adjudication.title")}
          </Link>
        )}
      </div>
      <nav className="mb-6 flex gap-5 border-b border-slate-200">
        <NavLink to="." end className={tab}>
          {t("project.tabs.overview")}
        </NavLink>
        <NavLink to="metrics" className={tab}>
          {t("project.tabs.metrics")}
        </NavLink>
        {nav.reports && (
          <NavLink to="dialogues" className={tab}>
            {t("project.tabs.dialogues")}
          </NavLink>
        )}
        {nav.reports && (
          <NavLink to="reports" className={tab}>
            {t("project.tabs.reports")}
          </NavLink>
        )}
        {nav.manage && (
          <NavLink to="import" className={tab}>
            {t("project.tabs.import")}
          </NavLink>
        )}
        {nav.manage && (
          <NavLink to="export" className={tab}>
            {t("project.tabs.export")}
          </NavLink>
        )}
        {nav.manage && (
          <NavLink to="queue" className={tab}>
            {t("project.tabs.queue")}
          </NavLink>
        )}
        {nav.manage && (
          <NavLink to="quality" className={tab}>
            {t("quality.tab")}
          </NavLink>
        )}
        {nav.manage && (
          <NavLink to="flags" className={tab}>
            {t("adjudication.flagsTitle")}
          </NavLink>
        )}
        {nav.manage && (
          <NavLink to="audit" className={tab}>
            {t("adjudication.auditTitle")}
          </NavLink>
        )}
        {nav.manage && (
          <NavLink to="members" className={tab}>
            {t("project.tabs.members")}
          </NavLink>
        )}
      </nav>
      <Outlet />
    </div>
  );
}
