import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { listProjectsForUser } from "#db/queries/projects";
import { endAllSessions, requireUser, startSession } from "~/auth/session.server";
import { Alert, Button, Card, Field, Input, Select } from "~/components/ui";
import { isAppError } from "~/lib/errors";
import { str } from "~/lib/form";
import { createApiToken, listApiTokens, revokeApiToken } from "~/services/tokens.server";
import { setPassword, verifyCredentials } from "~/services/users.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const projects = await listProjectsForUser(db, user.id, user.isAdmin);
  return {
    tokens: await listApiTokens(db, user.id),
    projects: projects.map((p) => ({ id: p.project.id, name: p.project.name })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const form = await request.formData();
  try {
    switch (str(form, "intent")) {
      case "create-token": {
        const projectId = str(form, "projectId") ? Number(str(form, "projectId")) : null;
        const mine = await listProjectsForUser(db, user.id, user.isAdmin);
        if (projectId !== null && !mine.some((p) => p.project.id === projectId)) throw new Response("Not found", { status: 404 });
        const t = await createApiToken(db, { userId: user.id, projectId, name: str(form, "name").slice(0, 100) });
        return { token: t.token, error: null, done: null };
      }
      case "revoke-token":
        await revokeApiToken(db, user.id, Number(str(form, "tokenId")));
        return { token: null, error: null, done: "revoked" };
      case "password": {
        const ok = await verifyCredentials(db, user.email, str(form, "current"));
        if (!ok) return data({ token: null, error: "wrongPassword", done: null }, { status: 400 });
        await setPassword(db, user.id, str(form, "password"));
        await endAllSessions(user.id);
        throw redirect("/settings", { headers: { "Set-Cookie": await startSession(request, user.id) } });
      }
      default:
        return data({ token: null, error: "unknownIntent", done: null }, { status: 400 });
    }
  } catch (e) {
    if (isAppError(e)) return data({ token: null, error: e.message, done: null }, { status: e.status });
    throw e;
  }
}

export default function Settings() {
  const { t } = useTranslation();
  const { tokens, projects } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="mx-auto grid max-w-5xl gap-6 px-4 py-8 lg:grid-cols-2">
      <Card title={t("settings.tokens")}>
        <p className="mb-3 text-sm text-slate-600">{t("settings.tokensIntro")}</p>
        {result?.token && (
          <div className="mb-3 space-y-1">
            <Alert tone="success">{t("settings.tokenOnce")}</Alert>
            <input readOnly value={result.token} data-testid="new-token" className="w-full rounded border bg-slate-50 px-2 py-1 font-mono text-xs" />
          </div>
        )}
        <ul className="mb-4 divide-y divide-slate-100 text-sm">
          {tokens.map((tk) => (
            <li key={tk.id} className="flex items-center justify-between py-1.5">
              <span>
                <code>{tk.prefix}…</code> {tk.name} <span className="text-xs text-slate-500">{projects.find((p) => p.id === tk.projectId)?.name ?? t("settings.allProjects")}</span>
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="revoke-token" />
                <input type="hidden" name="tokenId" value={tk.id} />
                <button className="text-xs text-red-600 hover:underline">{t("settings.revoke")}</button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="create-token" />
          <Field label={t("settings.tokenName")}>
            <Input name="name" maxLength={100} />
          </Field>
          <Field label={t("settings.tokenProject")}>
            <Select name="projectId" defaultValue="">
              <option value="">{t("settings.allProjects")}</option>
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit">{t("settings.createToken")}</Button>
        </Form>
      </Card>
      <Card title={t("settings.password")}>
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="password" />
          <Field label={t("settings.currentPassword")}>
            <Input name="current" type="password" autoComplete="current-password" required />
          </Field>
          <Field label={t("settings.newPassword")} hint={t("invite.passwordHint")}>
            <Input name="password" type="password" autoComplete="new-password" minLength={8} required />
          </Field>
          {result?.error && <Alert>{result.error === "wrongPassword" ? t("settings.wrongPassword") : result.error}</Alert>}
          <Button type="submit">{t("settings.changePassword")}</Button>
        </Form>
      </Card>
    </main>
  );
}
