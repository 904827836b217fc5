import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { listMembers } from "#db/queries/projects";
import { memberRoles } from "~/domain/roles";
import { requireProject } from "~/auth/guards.server";
import { Alert, Button, Card, Field, Input, Select } from "~/components/ui";
import { isAppError } from "~/lib/errors";
import { str } from "~/lib/form";
import { createInvitation, listPendingInvitations } from "~/services/invitations.server";
import { parseRole, removeMember } from "~/services/projects.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProject(request, params.slug!, "manage");
  const db = await getDb();
  return { members: await listMembers(db, project.id), pending: await listPendingInvitations(db, project.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { project, user } = await requireProject(request, params.slug!, "manage");
  const form = await request.formData();
  const db = await getDb();
  try {
    switch (str(form, "intent")) {
      case "invite": {
        const inv = await createInvitation(db, {
          projectId: project.id,
          email: str(form, "email"),
          role: parseRole(str(form, "role")),
          groupName: str(form, "group").trim() || null,
          invitedBy: user.id,
        });
        return { link: new URL(inv.path, request.url).toString(), email: inv.email, error: null, field: null };
      }
      case "remove":
        await removeMember(db, project.id, str(form, "userId"));
        return { link: null, email: null, error: null, field: null };
      default:
        return data({ link: null, email: null, error: "Unknown intent", field: null }, { status: 400 });
    }
  } catch (e) {
    if (isAppError(e)) return data({ link: null, email: null, error: e.message, field: e.field ?? null }, { status: e.status });
    throw e;
  }
}

export default function Members() {
  const { t } = useTranslation();
  const { members, pending } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="lg:col-span-2">
        <Card title={t("members.title")}>
          <table className="w-full text-sm" data-testid="member-table">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="py-1">{t("members.email")}</th>
                <th>{t("members.role")}</th>
                <th>{t("members.group")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.userId} className="border-t border-slate-100">
                  <td className="py-1.5">
                    {m.email} {!m.canSignIn && <span className="ml-1 text-xs text-amber-700">({t("members.noSignIn")})</span>}
                  </td>
                  <td>{t(`role.${m.role}`)}</td>
                  <td>{m.groupName ?? "—"}</td>
                  <td className="text-right">
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <button className="text-xs text-red-600 hover:underline">{t("members.remove")}</button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {pending.length > 0 && (
            <>
              <h3 className="mt-6 mb-2 text-sm font-semibold">{t("members.pending")}</h3>
              <ul className="text-sm text-slate-600">
                {pending.map((p) => (
                  <li key={p.id}>
                    {p.email} · {t(`role.${p.role}`)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>
      </div>
      <Card title={t("members.invite")}>
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="invite" />
          <Field label={t("members.email")} error={result?.field === "email" ? result.error : null}>
            <Input name="email" type="email" required />
          </Field>
          <Field label={t("members.role")}>
            <Select name="role" defaultValue="annotator">
              {memberRoles.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("members.group")} hint={t("members.groupHint")}>
            <Input name="group" maxLength={50} />
          </Field>
          <Button type="submit">{t("members.createLink")}</Button>
        </Form>
        {result?.link && (
          <div className="mt-4 space-y-1">
            <Alert tone="success">{t("members.linkCreated", { email: result.email })}</Alert>
            <input readOnly value={result.link} className="w-full rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs" data-testid="invite-link" onFocus={(e) => e.currentTarget.select()} />
          </div>
        )}
        {result?.error && result.field !== "email" && <Alert>{result.error}</Alert>}
      </Card>
    </div>
  );
}
