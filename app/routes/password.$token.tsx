// Sets the first password of an account through the one-time link an admin issued
// (`user password-link`), then signs its owner in. See app/services/password-links.server.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { startSession } from "~/auth/session.server";
import { getFormProps, getInputProps } from "@conform-to/react";
import { Alert, Button, Card, Field, Input } from "~/components/ui";
import { formAction } from "~/lib/forms/action.server";
import { passwordLinkSchema } from "~/lib/forms/schemas/account";
import { useKeyedForm, useMessageText } from "~/lib/forms/use-keyed-form";
import { findOpenPasswordLink, redeemPasswordLink } from "~/services/password-links.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await findOpenPasswordLink(await getDb(), params.token!);
  if (!link) throw new Response("Link not found", { status: 404 });
  return { email: link.email, expiresOn: link.expiresAt.toISOString().slice(0, 10) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return formAction(await request.formData(), passwordLinkSchema, async ({ password }) => {
    const { userId } = await redeemPasswordLink(await getDb(), params.token!, password);
    throw redirect("/", { headers: { "Set-Cookie": await startSession(request, userId) } });
  });
}

export default function SetPassword() {
  const { t } = useTranslation();
  const link = useLoaderData<typeof loader>();
  const [form, fields] = useKeyedForm(passwordLinkSchema, useActionData<typeof action>());
  const text = useMessageText();
  return (
    <main className="mx-auto mt-16 max-w-md px-4">
      <Card title={t("accounts.password.title")}>
        <p className="mb-4 text-sm text-slate-600">{t("accounts.password.intro", { email: link.email, date: link.expiresOn })}</p>
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <input type="hidden" name="username" value={link.email} autoComplete="username" />
          <Field label={t("accounts.password.password")} hint={t("accounts.password.hint")} error={text(fields.password.errors)}>
            <Input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" required />
          </Field>
          <Field label={t("accounts.password.confirm")} error={text(fields.confirm.errors)}>
            <Input {...getInputProps(fields.confirm, { type: "password" })} autoComplete="new-password" required />
          </Field>
          {form.errors && <Alert>{text(form.errors)}</Alert>}
          <Button type="submit">{t("accounts.password.submit")}</Button>
        </Form>
      </Card>
    </main>
  );
}
