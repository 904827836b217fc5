import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { LoginRateLimiter } from "~/auth/rate-limit";
import { getUser, startSession } from "~/auth/session.server";
import { Alert, Button, Field, Input } from "~/components/ui";
import { safeRedirect, str } from "~/lib/form";
import { verifyCredentials } from "~/services/users.server";

export const meta: MetaFunction = () => [{ title: "Rolecall · Sign in" }];

const limiter = new LoginRateLimiter();

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

function clientAddress(request: Request) {
  return request.headers.get("x-forwarded-for")?.split(",")[0].trim() || "local";
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const email = str(form, "email").trim();
  const password = str(form, "password");
  const address = clientAddress(request);
  const wait = limiter.retryAfter(email, address);
  if (wait > 0) {
    return data({ error: "rateLimited" as const, retryAfter: Math.ceil(wait / 1000) }, { status: 429, headers: { "Retry-After": String(Math.ceil(wait / 1000)) } });
  }
  const user = email && password ? await verifyCredentials(await getDb(), email, password) : null;
  if (!user) {
    limiter.fail(email, address);
    return data({ error: "invalid" as const, retryAfter: 0 }, { status: 401 });
  }
  limiter.succeed(email, address);
  const cookie = await startSession(request, user.id);
  throw redirect(safeRedirect(str(form, "next")), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <main className="mx-auto mt-20 max-w-sm px-4">
      <h1 className="mb-6 text-2xl font-semibold">{t("login.title")}</h1>
      <Form method="post" className="space-y-4">
        <input type="hidden" name="next" value={params.get("next") ?? "/"} />
        <Field label={t("login.email")}>
          <Input name="email" type="email" autoComplete="username" required autoFocus />
        </Field>
        <Field label={t("login.password")}>
          <Input name="password" type="password" autoComplete="current-password" required />
        </Field>
        {result?.error === "invalid" && <Alert>{t("login.invalid")}</Alert>}
        {result?.error === "rateLimited" && <Alert>{t("login.rateLimited", { seconds: result.retryAfter })}</Alert>}
        <Button type="submit" disabled={busy} className="w-full">
          {t("login.submit")}
        </Button>
      </Form>
      <p className="mt-6 text-xs text-slate-500">{t("login.inviteOnly")}</p>
    </main>
  );
}
