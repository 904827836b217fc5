import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { listMembers } from "~/services/projects.server";
import { memberRoles } from "~/domain/roles";
import { requireProject } from "~/auth/guards.server";
import { MemberRow } from "~/components/members/member-row";
import { PendingInvitations } from "~/components/members/pending-invitations";
import { OneTimeLink } from "~/components/one-time-link";
import { Alert, Button, Card, Field, Input, Select } from "~/components/ui";
import { keyedError } from "~/lib/errors";
import { formAction } from "~/lib/forms/action.server";
import { isFormReply } from "~/lib/forms/parse";
import { membersSchema } from "~/lib/forms/schemas/members";
import { useKeyedForm, useMessageText } from "~/lib/forms/use-keyed-form";
import { createInvitation, listPendingInvitations, renewInvitationLink, revokeInvitation } from "~/services/invitations.server";
import { changeMember, removeMember } from "~/services/projects.server";

type Done = { done: "invited" | "renewed" | "revoked" | "removed" | "changed"; link?: string; email?: string };

/** An invitation id from the form; anything that is not one is simply not found. */
function invitationId(s: string) {
  if (!/^[1-9]\d{0,9}$/.test(s) || Number(s) > 2 ** 31 - 1) throw keyedError(404, "accounts.members.notFound");
  return Number(s);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, user } = await requireProject(request, params.slug!, "manage");
  const db = await getDb();
  const pending = (await listPendingInvitations(db, project.id)).map((p) => ({ ...p, expiresAt: p.expiresAt.toISOString() }));
  return { members: await listMembers(db, project.id), pending, me: user.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { project, user } = await requireProject(request, params.slug!, "manage");
  const db = await getDb();
  const linkOf = (path: string) => new URL(path, request.url).toString();
  return formAction(await request.formData(), membersSchema, async (v): Promise<Done> => {
    switch (v.intent) {
      case "invite": {
        const inv = await createInvitation(db, {
          projectId: project.id,
          email: v.email,
          role: v.role,
          groupName: v.group,
          invitedBy: user.id,
        });
        return { done: "invited", link: linkOf(inv.path), email: inv.email };
      }
      case "change":
        await changeMember(db, project.id, v.userId, { role: v.role, groupName: v.group }, user.id);
        return { done: "changed" };
      case "remove":
        await removeMember(db, project.id, v.userId, user.id);
        return { done: "removed" };
      case "renew-invitation": {
        const inv = await renewInvitationLink(db, project.id, invitationId(v.invitationId));
        return { done: "renewed", link: linkOf(inv.path), email: inv.email };
      }
      case "revoke-invitation": {
        const { email } = await revokeInvitation(db, project.id, invitationId(v.invitationId), user.id);
        return { done: "revoked", email };
      }
    }
  });
}

export default function Members() {
  const { t } = useTranslation();
  const { members, pending, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = isFormReply(actionData) ? null : actionData;
  const refusedIntent = isFormReply(actionData) ? actionData.initialValue?.intent : null;
  const [form, fields] = useKeyedForm(membersSchema, refusedIntent === "invite" ? actionData : null, { id: "invite" });
  const text = useMessageText();
  // a refusal of a row's change or of an invitation's link is shown above the table
  const tableError = isFormReply(actionData) && refusedIntent !== "invite" ? Object.values(actionData.error ?? {}).find(Boolean) : null;
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="lg:col-span-2">
        <Card title={t("members.title")}>
          {tableError && <Alert>{text(tableError)}</Alert>}
          {result?.done === "changed" && <Alert tone="success">{t("members.changed")}</Alert>}
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
                <MemberRow key={m.userId} member={m} isMe={m.userId === me} />
              ))}
            </tbody>
          </table>
          {result?.done === "renewed" && result.link && (
            <div className="mt-4 space-y-1">
              <Alert tone="success">{t("accounts.members.renewed", { email: result.email })}</Alert>
              <OneTimeLink link={result.link} testId="renewed-link" />
            </div>
          )}
          {result?.done === "revoked" && (
            <div className="mt-4">
              <Alert tone="success">{t("accounts.members.revoked", { email: result.email })}</Alert>
            </div>
          )}
          <PendingInvitations pending={pending} />
        </Card>
      </div>
      <Card title={t("members.invite")}>
        <Form method="post" className="space-y-3" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="invite" />
          <Field label={t("members.email")} error={text(fields.email.errors)}>
            <Input {...getInputProps(fields.email, { type: "email" })} required />
          </Field>
          <Field label={t("members.role")} error={text(fields.role.errors)}>
            <Select {...getSelectProps(fields.role)} defaultValue={fields.role.initialValue ?? "annotator"}>
              {memberRoles.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("members.group")} hint={t("members.groupHint")} error={text(fields.group.errors)}>
            <Input {...getInputProps(fields.group, { type: "text" })} maxLength={50} />
          </Field>
          {form.errors && <Alert>{text(form.errors)}</Alert>}
          <Button type="submit">{t("members.createLink")}</Button>
        </Form>
        {result?.done === "invited" && result.link && (
          <div className="mt-4 space-y-1">
            <Alert tone="success">{t("members.linkCreated", { email: result.email })}</Alert>
            <OneTimeLink link={result.link} testId="invite-link" />
          </div>
        )}
      </Card>
    </div>
  );
}
