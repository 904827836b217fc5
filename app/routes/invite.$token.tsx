import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { getUser, startSession } from "~/auth/session.server";
import { Alert, Button, Card, Field, Input } from "~/components/ui";
import { isAppError } from "~/lib/errors";
import { str } from "~/lib/form";
import { acceptInvitation, findOpenInvitation } from "~/services/invitations.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await findOpenInvitation(await getDb(), params.token!);
  if (!found) throw new Response("Invitation not found", { status: 404 });
  const user = await getUser(request);
  return {
    email: found.invitation.email,
    role: found.invitation.role,
    projectName: found.projectName,
    needsPassword: !found.existingUser?.passwordHash,
    signedInAs: user?.email ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const user = await getUser(request);
  try {
    const res = await acceptInvitation(await getDb(), params.token!, {
      name: str(form, "name"),
      password: str(form, "password") || undefined,
      signedInUserId: user?.id ?? null,
    });
    const headers = user?.id === res.userId ? undefined : { "Set-Cookie": await startSession(request, res.userId) };
    throw redirect(`/projects/${res.projectSlug}`, { headers });
  } catch (e) {
    if (isAppError(e)) return data({ error: e.message }, { status: e.status });
    throw e;
  }
}

export default function AcceptInvitation() {
  const { t } = useTranslation();
  const inv = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="mx-auto mt-16 max-w-md px-4">
      <Card title={t("invite.title", { project: inv.projectName })}>
        <p className="mb-4 text-sm text-slate-600">{t("invite.intro", { email: inv.email, role: t(`role.${inv.role}`) })}</p>
        <Form method="post" className="space-y-4">
          {inv.needsPassword ? (
            <>
              <Field label={t("invite.name")}>
                <Input name="name" autoComplete="name" maxLength={100} />
              </Field>
              <Field label={t("invite.password")} hint={t("invite.passwordHint")}>
                <Input name="password" type="password" autoComplete="new-password" minLength={8} required />
              </Field>
            </>
          ) : (
            <p className="text-sm">{inv.signedInAs === inv.email ? t("invite.signedIn") : t("invite.signInFirst", { email: inv.email })}</p>
          )}
          {result?.error && <Alert>{result.error}</Alert>}
          <Button type="submit">{t("invite.accept")}</Button>
        </Form>
      </Card>
    </main>
  );
}
