// Reports section of a project: agreement, judges, leaderboard, or for a pairwise project its pairwise
// report (managers, adjudicators, admins).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/capabilities";
import { requireProject } from "~/auth/guards.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, role, project } = await requireProject(request, params.slug!, "viewReports");
  return { canImport: can(role, user.isAdmin, "manage"), pairwise: project.mode === "pairwise" };
}

export default function Reports() {
  const { t } = useTranslation();
  const { canImport, pairwise } = useLoaderData<typeof loader>();
  const tab = ({ isActive }: { isActive: boolean }) =>
    `rounded-md px-3 py-1 text-sm ${isActive ? "bg-brand-600 text-white" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"}`;
  return (
    <div className="space-y-5">
      <nav className="flex flex-wrap items-center gap-2" aria-label={t("reports.nav.title")}>
        {pairwise ? (
          <NavLink to="pairwise" className={tab}>
            {t("pairwiseReport.nav")}
          </NavLink>
        ) : (
          <>
            <NavLink to="agreement" className={tab}>
              {t("reports.nav.agreement")}
            </NavLink>
            <NavLink to="judges" className={tab}>
              {t("reports.nav.judges")}
            </NavLink>
            <NavLink to="leaderboard" className={tab}>
              {t("reports.nav.leaderboard")}
            </NavLink>
          </>
        )}
        {canImport && !pairwise && (
          <NavLink to="run-judge" className={({ isActive }) => `ml-auto ${tab({ isActive })}`}>
            {t("judgeRuns.nav")}
          </NavLink>
        )}
        {canImport && !pairwise && (
          <NavLink to="import" className={tab}>
            {t("reports.nav.import")}
          </NavLink>
        )}
      </nav>
      <Outlet />
    </div>
  );
}
