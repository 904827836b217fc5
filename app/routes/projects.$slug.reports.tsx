// Reports section of a project: agreement, judges, leaderboard (managers, adjudicators, admins).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/capabilities";
import { requireProject } from "~/auth/guards.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, role } = await requireProject(request, params.slug!, "viewReports");
  return { canImport: can(role, user.isAdmin, "manage") };
}

export default function Reports() {
  const { t } = useTranslation();
  const { canImport } = useLoaderData<typeof loader>();
  const tab = ({ isActive }: { isActive: boolean }) =>
    `rounded-md px-3 py-1 text-sm ${isActive ? "bg-brand-600 text-white" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"}`;
  return (
    <div className="space-y-5">
      <nav className="flex flex-wrap items-center gap-2" aria-label={t("reports.nav.title")}>
        <NavLink to="agreement" className={tab}>
          {t("reports.nav.agreement")}
        </NavLink>
        <NavLink to="judges" className={tab}>
          {t("reports.nav.judges")}
        </NavLink>
        <NavLink to="leaderboard" className={tab}>
          {t("reports.nav.leaderboard")}
        </NavLink>
        {canImport && (
          <NavLink to="import" className={({ isActive }) => `ml-auto ${tab({ isActive })}`}>
            {t("reports.nav.import")}
          </NavLink>
        )}
      </nav>
      <Outlet />
    </div>
  );
}
