import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useMemo } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { getUser } from "./auth/session.server";
import { AppHeader } from "./components/app-header";
import { useNonce } from "./components/nonce";
import { createI18n, type Locale } from "./i18n/config";
import { detectLocale } from "./i18n/detect";
import stylesheet from "./tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = detectLocale(request.headers.get("Cookie"), request.headers.get("Accept-Language"), user?.locale);
  return { locale, user: user && { name: user.name, email: user.email, isAdmin: user.isAdmin } };
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  const locale: Locale = data?.locale ?? "en";
  const i18n = useMemo(() => createI18n(locale), [locale]);
  // Keys pressed before hydration do nothing; journeys (and scripts) wait for this mark before typing.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        <I18nextProvider i18n={i18n}>
          <AppHeader user={data?.user ?? null} locale={locale} />
          {children}
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  let title = t("error.generic");
  let detail = "";
  if (isRouteErrorResponse(error)) {
    if (error.status === 403) title = t("error.forbidden");
    else if (error.status === 404) title = t("error.notFound");
    else if (error.status === 400 || error.status === 409) {
      title = t("error.badRequest");
      detail = typeof error.data === "string" ? error.data : (error.data?.error ?? "");
    }
    return <ErrorPage status={error.status} title={title} detail={detail} />;
  }
  console.error(error);
  return <ErrorPage status={500} title={title} detail="" />;
}

function ErrorPage({ status, title, detail }: { status: number; title: string; detail: string }) {
  const { t } = useTranslation();
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center" data-testid="error-page">
      <p className="text-5xl font-bold text-slate-300">{status}</p>
      <h1 className="mt-4 text-2xl font-semibold">{title}</h1>
      {detail && <p className="mt-2 text-slate-600">{detail}</p>}
      <a href="/" className="mt-8 inline-block text-brand-600 underline">
        {t("error.home")}
      </a>
    </main>
  );
}
