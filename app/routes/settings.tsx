import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { listProjectsForUser } from "~/services/projects.server";
import { requireUser, startSession } from "~/auth/session.server";
import { getFormProps, getInputProps } from "@conform-to/react";
import { Alert, Button, Card, Field, Input, Select } from "~/components/ui";
import { invalid } from "~/lib/errors";
import { formAction } from "~/lib/forms/action.server";
import { isFormReply } from "~/lib/forms/parse";
import { settingsSchema } from "~/lib/forms/schemas/account";
import { useKeyedForm, useMessageText } from "~/lib/forms/use-keyed-form";
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
  return formAction(await request.formData(), settingsSchema, async (v) => {
    switch (v.intent) {
      case "create-token": {
        const mine = await listProjectsForUser(db, user.id, user.isAdmin);
        const projectId = v.projectId ?? null;
        if (projectId !== null && !mine.some((p) => p.project.id === projectId)) throw new Response("Not found", { status: 404 });
        const t = await createApiToken(db, { userId: user.id, projectId, name: v.name });
        return { token: t.token, done: null };
      }
      case "revoke-token":
        await revokeApiToken(db, user.id, v.tokenId);
        return { token: null, done: "revoked" };
      case "password": {
        const ok = await verifyCredentials(db, user.email, v.current);
        if (!ok) throw invalid("errors.wrongPassword", undefined, "current");
        // ends every session and API token of the user; the person who changed it gets a new session
        await setPassword(db, user.id, v.password);
        throw redirect("/settings", { headers: { "Set-Cookie": await startSession(request, user.id) } });
      }
    }
  });
}

export default function Settings() {
  const { t } = useTranslation();
  const { tokens, projects } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = isFormReply(actionData) ? null : actionData;
  // two forms on one page: the refusal belongs to the form whose intent was sent
  const refusedIntent = isFormReply(actionData) ? actionData.initialValue?.intent : null;
  const [tokenForm, tokenFields] = useKeyedForm(settingsSchema, refusedIntent === "create-token" ? actionData : null, { id: "token" });
  const [passwordForm, passwordFields] = useKeyedForm(settingsSchema, refusedIntent === "password" ? actionData : null, { id: "password" });
  const text = useMessageText();
  return (
    <main className="mx-auto grid max-w-5xl gap-6 px-4 py-8 lg:grid-cols-2">
      <Card title={t("settings.tokens")}>
        <p className="mb-3 text-sm text-slate-600">{t("settings.tokensIntro")}</p>
        {result?.token && (
          <div className="mb-3 space-y-1">
            <Alert tone="success">{t("settings.tokenOnce")}</Alert>
            <input
              readOnly
              value={result.token}
              data-testid="new-token"
              className="w-full rounded border bg-slate-50 px-2 py-1 font-mono text-xs"
            />
          </div>
        )}
        <ul className="mb-4 divide-y divide-slate-100 text-sm">
          {tokens.map((tk) => (
            <li key={tk.id} className="flex items-center justify-between py-1.5">
              <span>
                <code>{tk.prefix}…</code> {tk.name}{" "}
                <span className="text-xs text-slate-500">
                  {projects.find((p) => p.id === tk.projectId)?.name ?? t("settings.allProjects")}
                </span>
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="revoke-token" />
                <input type="hidden" name="tokenId" value={tk.id} />
                <button className="text-xs text-red-600 hover:underline">{t("settings.revoke")}</button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" className="space-y-3" {...getFormProps(tokenForm)}>
          <input type="hidden" name="intent" value="create-token" />
          <Field label={t("settings.tokenName")} error={text(tokenFields.name.errors)}>
            <Input name={tokenFields.name.name} maxLength={100} />
          </Field>
          <Field label={t("settings.tokenProject")} error={text(tokenFields.projectId.errors)}>
            <Select name={tokenFields.projectId.name} defaultValue="">
              <option value="">{t("settings.allProjects")}</option>
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          {tokenForm.errors && <Alert>{text(tokenForm.errors)}</Alert>}
          <Button type="submit">{t("settings.createToken")}</Button>
        </Form>
      </Card>
      <Card title={t("settings.password")}>
        <Form method="post" className="space-y-3" {...getFormProps(passwordForm)}>
          <input type="hidden" name="intent" value="password" />
          <Field label={t("settings.currentPassword")} error={text(passwordFields.current.errors)}>
            <Input {...getInputProps(passwordFields.current, { type: "password" })} autoComplete="current-password" required />
          </Field>
          <Field label={t("settings.newPassword")} hint={t("invite.passwordHint")} error={text(passwordFields.password.errors)}>
            <Input {...getInputProps(passwordFields.password, { type: "password" })} autoComplete="new-password" required />
          </Field>
          {passwordForm.errors && <Alert>{text(passwordForm.errors)}</Alert>}
          <Button type="submit">{t("settings.changePassword")}</Button>
        </Form>
      </Card>
    </main>
  );
}
