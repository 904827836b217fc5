import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";

export function AppHeader({ user, locale }: { user: { name: string; email: string; isAdmin: boolean } | null; locale: Locale }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-12 max-w-7xl items-center gap-4 px-4">
        <Link to="/" className="font-semibold tracking-tight text-brand-700">
          Rolecall
        </Link>
        <nav className="flex gap-3 text-sm text-slate-600">
          {user && <Link to="/">{t("nav.projects")}</Link>}
          {user?.isAdmin && <Link to="/metric-sets">{t("metricSets.navLink")}</Link>}
          {user && <Link to="/settings">{t("nav.settings")}</Link>}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <Form method="post" action="/locale" className="flex items-center" reloadDocument>
            <input type="hidden" name="redirectTo" value={here} />
            <button
              type="submit"
              name="locale"
              value={locale === "zh" ? "en" : "zh"}
              className="rounded border border-slate-300 px-2 py-0.5 text-slate-700 hover:bg-slate-100"
              data-testid="language-switch"
              aria-label={t("nav.switchLanguage")}
            >
              {locale === "zh" ? "English" : "中文"}
            </button>
          </Form>
          {user ? (
            <>
              <span className="text-slate-500" data-testid="current-user">
                {user.name}
                {user.isAdmin && <span className="ml-1 rounded bg-slate-100 px-1 text-xs">{t("nav.admin")}</span>}
              </span>
              <Form method="post" action="/logout">
                <button type="submit" className="text-slate-600 hover:text-slate-900">
                  {t("nav.signOut")}
                </button>
              </Form>
            </>
          ) : (
            <Link to="/login" className="text-slate-600">
              {t("nav.signIn")}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
