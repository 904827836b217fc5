// The invitation page. A new e-mail chooses its password here; an existing account accepts while its
// owner is signed in; an account without a password must first be activated by an admin (see
// app/services/invitations.server.ts), and nothing here can set or change an existing password.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { getUser, startSession } from "~/auth/session.server";
import { getFormProps, getInputProps } from "@conform-to/react";
import { Alert, Button, Card, Field, Input } from "~/components/ui";
import { formAction } from "~/lib/forms/action.server";
import { acceptInvitationSchema } from "~/lib/forms/schemas/account";
import { useKeyedForm, useMessageText } from "~/lib/forms/use-keyed-form";
import { acceptInvitation, findOpenInvitation } from "~/services/invitations.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await findOpenInvitation(await getDb(), params.token!);
  if (!found) throw new Response("Invitation not found", { status: 404 });
  const user = await getUser(request);
  return {
    mode: found.account,
    email: found.invitation.email,
    role: found.invitation.role,
    projectName: found.projectName,
    expiresOn: found.invitation.expiresAt.toISOString().slice(0, 10),
    signedInAs: user?.email ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await getUser(request);
  return formAction(await request.formData(), acceptInvitationSchema, async (v) => {
    const res = await acceptInvitation(await getDb(), params.token!, { ...v, signedInUserId: user?.id ?? null });
    const headers = user?.id === res.userId ? undefined : { "Set-Cookie": await startSession(request, res.userId) };
    throw redirect(`/projects/${res.projectSlug}`, { headers });
  });
}

export default function AcceptInvitation() {
  const { t } = useTranslation();
  const inv = useLoaderData<typeof loader>();
  const [form, fields] = useKeyedForm(acceptInvitationSchema, useActionData<typeof action>());
  const text = useMessageText();
  return (
    <main className="mx-auto mt-16 max-w-md px-4">
      <Card title={t("invite.title", { project: inv.projectName })}>
        <p className="mb-4 text-sm text-slate-600">{t("invite.intro", { email: inv.email, role: t(`role.${inv.role}`) })}</p>
        {inv.mode === "needsActivation" ? (
          <Alert tone="info">{t("accounts.invite.needsActivation", { email: inv.email, date: inv.expiresOn })}</Alert>
        ) : (
          <Form method="post" className="space-y-4" {...getFormProps(form)}>
            {inv.mode === "newAccount" ? (
              <>
                <Field label={t("invite.name")} error={text(fields.name.errors)}>
                  <Input {...getInputProps(fields.name, { type: "text" })} autoComplete="name" maxLength={100} />
                </Field>
                <Field label={t("invite.password")} hint={t("invite.passwordHint")} error={text(fields.password.errors)}>
                  <Input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" required />
                </Field>
              </>
            ) : inv.signedInAs === inv.email ? (
              <p className="text-sm">{t("invite.signedIn")}</p>
            ) : (
              <p className="text-sm">
                {t("invite.signInFirst", { email: inv.email })} <SignInLink />
              </p>
            )}
            {form.errors && <Alert>{text(form.errors)}</Alert>}
            <Button type="submit">{t("invite.accept")}</Button>
          </Form>
        )}
      </Card>
    </main>
  );
}

/** Back to this page after signing in. */
function SignInLink() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Link className="text-brand-700 underline" to={`/login?next=${encodeURIComponent(pathname)}`}>
      {t("accounts.invite.signIn")}
    </Link>
  );
}
